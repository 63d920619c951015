package dev.supportplatform.chat.speech;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs a command-line engine with a deadline and a cap on what it may print, so that a hung or runaway process can
 * neither hold a request thread nor fill the heap. Standard error is discarded (engines log there at length).
 */
final class ExternalProcess {

    record Result(int exitCode, byte[] stdout) {
    }

    private ExternalProcess() {
    }

    /** Whether {@code command} is an executable file, or a name found on PATH. */
    static boolean isInstalled(String command) {
        if (command.contains(File.separator)) {
            return Files.isExecutable(Path.of(command));
        }
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, command))) {
                return true;
            }
        }
        return false;
    }

    static Result run(List<String> command, byte[] stdin, Duration timeout, int maxOutputBytes) {
        Process process;
        try {
            process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            throw new SpeechUnavailableException(command.getFirst() + " could not be started: " + e.getMessage());
        }
        try {
            FutureTask<byte[]> output = new FutureTask<>(() -> readBounded(process, maxOutputBytes));
            Thread.ofVirtual().name("speech-engine-output").start(output);
            try (OutputStream in = process.getOutputStream()) {
                if (stdin != null) {
                    in.write(stdin);
                }
            } catch (IOException e) {
                // The process closed its input early; its exit code tells the rest.
            }
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new SpeechFailedException(command.getFirst() + " did not finish within " + timeout.toSeconds() + " s");
            }
            return new Result(process.exitValue(), output.get(timeout.toMillis(), TimeUnit.MILLISECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SpeechFailedException(command.getFirst() + " was interrupted");
        } catch (ExecutionException e) {
            throw e.getCause() instanceof SpeechFailedException f ? f
                    : new SpeechFailedException(command.getFirst() + " output could not be read", e.getCause());
        } catch (TimeoutException e) {
            throw new SpeechFailedException(command.getFirst() + " output did not end within " + timeout.toSeconds() + " s");
        } finally {
            process.destroyForcibly();
        }
    }

    private static byte[] readBounded(Process process, int max) {
        try (InputStream stream = process.getInputStream()) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            int n;
            while ((n = stream.read(buffer)) >= 0) {
                if (out.size() + n > max) {
                    process.destroyForcibly();
                    throw new SpeechFailedException("engine output exceeded " + max + " bytes");
                }
                out.write(buffer, 0, n);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
