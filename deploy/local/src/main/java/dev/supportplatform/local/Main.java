package dev.supportplatform.local;

import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * `deploy/local/run.sh`: starts the platform, prints where it is, and runs until Ctrl-C (SIGINT) or SIGTERM, which
 * stop the services first and the infrastructure after them.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) throws InterruptedException {
        // The broker and the embedded servers log to a file; the terminal shows only the launcher's own lines.
        System.setProperty("logback.configurationFile", "local-launcher-logback.xml");
        Options options;
        try {
            options = Options.fromEnvironment(System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println("local-launcher: " + e.getMessage());
            System.exit(2);
            return;
        }
        System.setProperty("local.logDir", new DataFolder(options.dataDir()).logs().toString());

        CountDownLatch stopped = new CountDownLatch(1);
        LocalPlatform[] running = new LocalPlatform[1];
        AtomicBoolean stopping = new AtomicBoolean();
        Runnable stop = () -> {
            if (!stopping.compareAndSet(false, true)) {
                // a second Ctrl-C, or the shutdown hook after a signal's stop: the first stop finishes first, so that
                // no service is left running
                try {
                    stopped.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return;
            }
            LocalPlatform platform;
            synchronized (running) {
                platform = running[0];
            }
            if (platform != null) {
                System.out.println("Stopping the services, then Kafka, Redis and PostgreSQL...");
                platform.close();
                System.out.println("Stopped.");
            }
            stopped.countDown();
        };
        // SIGTERM and Ctrl-C stop everything before the JVM shuts down (see StopSignals); the hook covers other ends.
        StopSignals.install(stop);
        Runtime.getRuntime().addShutdownHook(new Thread(stop, "local-platform-stop-hook"));

        // Published before it starts, so that a Ctrl-C during startup stops what has already started.
        LocalPlatform platform = new LocalPlatform(options);
        synchronized (running) {
            running[0] = platform;
        }
        try {
            platform.startAll();
        } catch (RuntimeException e) {
            if (platform.isClosed()) {
                // Ctrl-C while starting: the stop hook reports the rest.
                return;
            }
            System.err.println();
            System.err.println("The local platform did not start: " + e.getMessage());
            if (!(e instanceof LocalPlatformException)) {
                e.printStackTrace();
            }
            platform.close();
            System.exit(1);
            return;
        }
        printReady(platform);
        stopped.await();
    }

    private static void printReady(LocalPlatform platform) {
        Duration took = platform.startupTime();
        System.out.println();
        System.out.println("The support platform is ready (" + String.format(Locale.ROOT, "%.1f", took.toMillis() / 1e3)
                + " s).");
        System.out.println("  Gateway   " + platform.gatewayUrl());
        System.out.println("  Root key  " + platform.rootKey());
        System.out.println("            e.g. curl -H 'X-API-Key: " + platform.rootKey() + "' "
                + platform.gatewayUrl() + "/health");
        System.out.println("  Logs      " + platform.logDir());
        System.out.println("  Data      " + platform.dataDir());
        if (!platform.redisRunning()) {
            System.out.println("  Redis     not running (embedded Redis could not start here; see redis.log)");
        }
        System.out.println("Press Ctrl-C to stop.");
    }
}
