package dev.supportplatform.local;

import org.junit.jupiter.api.Test;

import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SIGTERM runs the stop to its end before any shutdown hook starts (the embedded Kafka broker's hook deletes its log
 * folder). Checked on a real JVM: {@link Probe} installs the handlers, the test sends SIGTERM ({@link Process#destroy}).
 */
class StopSignalsTest {

    /** A stop that takes a while and a shutdown hook, each saying when it ran. */
    public static final class Probe {
        public static void main(String[] args) throws InterruptedException {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> System.out.println("hook")));
            StopSignals.install(() -> {
                System.out.println("stopping");
                try {
                    Thread.sleep(500);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                System.out.println("stopped");
            });
            System.out.println("ready");
            Thread.sleep(60_000);
            System.out.println("not stopped");
        }
    }

    @Test
    void sigtermStopsEverythingBeforeTheShutdownHooksRunAndExitsCleanly(@TempDir Path dir) throws Exception {
        Path output = dir.resolve("probe.out");
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Probe.class.getName())
                .redirectErrorStream(true).redirectOutput(output.toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!Files.readString(output).contains("ready") && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        process.destroy(); // SIGTERM
        assertThat(process.waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(Files.readAllLines(output)).containsExactly("ready", "stopping", "stopped", "hook");
        assertThat(process.exitValue()).isZero();
    }
}
