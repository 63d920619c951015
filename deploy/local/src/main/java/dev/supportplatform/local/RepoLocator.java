package dev.supportplatform.local;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds the repository root (the folder holding mvnw and deploy/local): REPO_DIR if given, else upwards from the
 * launcher's own jar or classes, else upwards from the current directory.
 */
final class RepoLocator {

    private RepoLocator() {
    }

    static Path locate(String explicit) {
        if (explicit != null) {
            return Path.of(explicit);
        }
        Path fromCode = upwardsFrom(codeLocation());
        if (fromCode != null) {
            return fromCode;
        }
        Path fromCwd = upwardsFrom(Path.of("").toAbsolutePath());
        return fromCwd != null ? fromCwd : Path.of("").toAbsolutePath();
    }

    static Path upwardsFrom(Path start) {
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("mvnw")) && Files.isDirectory(dir.resolve("deploy/local"))) {
                return dir;
            }
        }
        return null;
    }

    /** The launcher's jar or classes folder; inside a Spring Boot fat jar the location reads jar:nested:/x.jar/!... */
    private static Path codeLocation() {
        try {
            String location = RepoLocator.class.getProtectionDomain().getCodeSource().getLocation().toURI().toString();
            String path = location.replaceFirst("^(jar:)?(nested:|file:)?", "");
            int bang = path.indexOf('!');
            if (bang >= 0) {
                path = path.substring(0, bang);
            }
            return Path.of(URI.create("file://" + path));
        } catch (URISyntaxException | RuntimeException e) {
            return null;
        }
    }
}
