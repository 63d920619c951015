package dev.supportplatform.local.service;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** One service running as a child JVM, its output going to its own log file. */
public final class ServiceProcess {

    private static final Path SETSID = Path.of("/usr/bin/setsid");

    private final ServiceModule module;
    private final int port;
    private final Process process;
    private final Path logFile;
    private volatile boolean ready;

    private ServiceProcess(ServiceModule module, int port, Process process, Path logFile) {
        this.module = module;
        this.port = port;
        this.process = process;
        this.logFile = logFile;
    }

    /**
     * Starts {@code java <jvmFlags> -jar <jar>}. Where setsid exists the child gets its own session, so a Ctrl-C in
     * the terminal reaches only the launcher, which then stops the services before the database they write to.
     */
    public static ServiceProcess start(ServiceModule module, int port, Path java, List<String> jvmFlags, Path jar,
                                       Map<String, String> env, Path logFile) throws IOException {
        List<String> command = new ArrayList<>();
        if (Files.isExecutable(SETSID)) {
            command.add(SETSID.toString());
        }
        command.add(java.toString());
        command.addAll(jvmFlags);
        command.add("-jar");
        command.add(jar.toString());
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(jar.getParent().toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.to(logFile.toFile()));
        builder.environment().putAll(env);
        return new ServiceProcess(module, port, builder.start(), logFile);
    }

    public ServiceModule module() {
        return module;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public String healthUrl() {
        return "http://localhost:" + port + module.readinessPath();
    }

    public Path logFile() {
        return logFile;
    }

    public void markReady() {
        ready = true;
    }

    public boolean isReady() {
        return ready;
    }

    /** Asks for a graceful stop (SIGTERM: Spring's graceful shutdown, then the CDS archive is written). */
    public void requestStop() {
        process.destroy();
    }

    /**
     * Waits for the stop asked by {@link #requestStop()}; kills the process when it takes longer than the grace.
     * Returns whether it stopped by itself.
     */
    public boolean awaitStop(Duration grace) throws InterruptedException {
        if (process.waitFor(Math.max(0, grace.toMillis()), TimeUnit.MILLISECONDS)) {
            return true;
        }
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
        return false;
    }

    /** The last lines of the log, for the message that says why a service did not come up. */
    public String logTail(int lines) {
        return tail(logFile, lines);
    }

    public static String tail(Path file, int lines) {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
            long length = raf.length();
            int window = (int) Math.min(length, 64 * 1024);
            byte[] bytes = new byte[window];
            raf.seek(length - window);
            raf.readFully(bytes);
            String[] all = new String(bytes, StandardCharsets.UTF_8).split("\r?\n");
            int from = Math.max(0, all.length - lines);
            return String.join(System.lineSeparator(), java.util.Arrays.copyOfRange(all, from, all.length));
        } catch (IOException e) {
            return "(no log at " + file + ": " + e.getMessage() + ")";
        }
    }
}
