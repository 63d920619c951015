package dev.supportplatform.local;

import sun.misc.Signal;

import java.util.List;

/**
 * Runs the platform's orderly stop on SIGTERM and SIGINT, then exits the JVM, instead of stopping in a shutdown hook.
 * The JVM starts all its shutdown hooks at once, and the embedded Kafka broker registers one of its own that deletes
 * its log folder: stopping in a hook let that deletion pull the log from under the broker while the services were
 * still handing it their last events (the broker failed its log directory in the middle of every stop). Handled here,
 * the JVM's shutdown, and with it the deletion, starts only once everything has stopped.
 */
final class StopSignals {

    private StopSignals() {
    }

    /** @param stop runs once per signal on its own thread; must be safe to run twice (a second Ctrl-C) */
    static void install(Runnable stop) {
        for (String name : List.of("TERM", "INT")) {
            try {
                Signal.handle(new Signal(name), signal -> Thread.ofPlatform().name("local-platform-stop").start(() -> {
                    stop.run();
                    System.exit(0);
                }));
            } catch (IllegalArgumentException | UnsupportedOperationException e) {
                // The JVM keeps this signal (-Xrs) or it was ignored when the JVM started: Main's shutdown hook then
                // stops the platform for it, as before this class existed.
                System.err.println("SIG" + name + " stays with the JVM (" + e.getMessage() + "): the shutdown hook stops the platform");
            }
        }
    }
}
