package dev.supportplatform.local;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A launcher killed without a chance to clean up (kill -9, a closed laptop lid at the wrong moment) leaves its service
 * JVMs and PostgreSQL running on the data folder. The next start stops them first: the services, found by their
 * extracted jars under this data folder, then PostgreSQL, found by its data directory.
 */
final class Leftovers {

    private static final Duration GRACE = Duration.ofSeconds(20);

    private Leftovers() {
    }

    static void stop(DataFolder data, Consumer<String> progress) {
        String services = data.root().resolve("app") + "/";
        String postgres = "-D " + data.postgres();
        stopAll(matching(services), "service", progress);
        stopAll(matching(postgres), "PostgreSQL", progress);
    }

    private static List<ProcessHandle> matching(String fragment) {
        long self = ProcessHandle.current().pid();
        return ProcessHandle.allProcesses()
                .filter(p -> p.pid() != self)
                .filter(p -> p.info().commandLine().map(line -> line.contains(fragment)).orElse(false))
                .toList();
    }

    private static void stopAll(List<ProcessHandle> processes, String what, Consumer<String> progress) {
        if (processes.isEmpty()) {
            return;
        }
        progress.accept("Stopping " + processes.size() + " " + what + " process(es) left running by an earlier run: "
                + processes.stream().map(ProcessHandle::pid).toList());
        processes.forEach(ProcessHandle::destroy);
        for (ProcessHandle process : processes) {
            try {
                process.onExit().get(GRACE.toMillis(), TimeUnit.MILLISECONDS);
            } catch (Exception e) {
                process.destroyForcibly();
            }
        }
    }
}
