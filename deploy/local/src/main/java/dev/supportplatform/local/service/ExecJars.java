package dev.supportplatform.local.service;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipFile;

/**
 * Turns a Spring Boot exec jar into the extracted layout (`java -Djarmode=tools -jar x.jar extract`): a thin jar
 * plus lib/. The JVM's class-data sharing archives only classes loaded from the class path, not from jars nested in
 * a fat jar, so the extracted layout is what makes the CDS archive of the second start worth having. Re-extracted
 * only when the exec jar changed.
 */
public final class ExecJars {

    private ExecJars() {
    }

    /** The jar to run, and whether it differs from the one of the previous start (its CDS archive is then stale). */
    public record Runnable(Path jar, boolean changed) {
    }

    /** The extracted jar, or the given jar itself when it is not a Spring Boot jar or cannot be extracted. */
    public static Runnable runnable(Path javaExecutable, Path execJar, Path extractTo) throws IOException {
        if (!isSpringBootJar(execJar)) {
            return new Runnable(execJar, false);
        }
        Path thinJar = extractTo.resolve(execJar.getFileName());
        Path stamp = extractTo.resolve(".source-stamp");
        String expected = Files.size(execJar) + ":" + Files.getLastModifiedTime(execJar).toMillis();
        if (Files.isRegularFile(thinJar) && Files.isRegularFile(stamp) && Files.readString(stamp).equals(expected)) {
            return new Runnable(thinJar, false);
        }
        deleteRecursively(extractTo);
        Files.createDirectories(extractTo.getParent());
        Process extract = new ProcessBuilder(List.of(javaExecutable.toString(), "-Djarmode=tools", "-jar",
                execJar.toString(), "extract", "--destination", extractTo.toString()))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        try {
            if (!extract.waitFor(120, TimeUnit.SECONDS) || extract.exitValue() != 0 || !Files.isRegularFile(thinJar)) {
                extract.destroyForcibly();
                return new Runnable(execJar, true);
            }
        } catch (InterruptedException e) {
            extract.destroyForcibly();
            Thread.currentThread().interrupt();
            return new Runnable(execJar, true);
        }
        Files.writeString(stamp, expected);
        return new Runnable(thinJar, true);
    }

    static boolean isSpringBootJar(Path jar) throws IOException {
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            return zip.getEntry("BOOT-INF/lib/") != null || zip.getEntry("BOOT-INF/classes/") != null;
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.delete(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
