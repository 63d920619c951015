package dev.supportplatform.local;

import dev.supportplatform.local.service.ServiceModule;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The one folder the local platform keeps between runs: postgres/, redis/, knowledge/, logs/, cds/, app/ (extracted
 * jars) and secrets/ (the internal token secret and the generated root key, readable by the owner only).
 */
public final class DataFolder {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path root;

    public DataFolder(Path root) {
        this.root = root.toAbsolutePath().normalize();
        for (String sub : new String[] {"logs", "secrets", "cds", "app", "postgres", "redis", "knowledge"}) {
            createDirectories(this.root.resolve(sub));
        }
    }

    public Path root() {
        return root;
    }

    public Path postgres() {
        return root.resolve("postgres");
    }

    public Path redis() {
        return root.resolve("redis");
    }

    public Path knowledge() {
        return root.resolve("knowledge");
    }

    public Path logs() {
        return root.resolve("logs");
    }

    public Path logFile(String name) {
        return logs().resolve(name + ".log");
    }

    public Path cdsArchive(ServiceModule module) {
        return root.resolve("cds").resolve(module.name() + ".jsa");
    }

    public Path extractedApp(ServiceModule module) {
        return root.resolve("app").resolve(module.name());
    }

    /** HS256 key shared by the gateway (signs) and the services (verify); one per data folder. */
    public String internalTokenSecret() {
        return secret("internal-token-secret", () -> randomToken(48));
    }

    /** The root key the user typed (ROOT_API_KEY) wins; otherwise the one generated for this data folder. */
    public String rootApiKey(String fromUser) {
        return fromUser != null ? fromUser : secret("root-api-key", () -> "sp_root_" + randomToken(32));
    }

    private String secret(String name, java.util.function.Supplier<String> generator) {
        Path file = root.resolve("secrets").resolve(name);
        try {
            if (Files.isRegularFile(file)) {
                String stored = Files.readString(file, StandardCharsets.UTF_8).trim();
                if (!stored.isEmpty()) {
                    return stored;
                }
            }
            String value = generator.get();
            Files.writeString(file, value + "\n", StandardCharsets.UTF_8);
            ownerOnly(file);
            return value;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep " + file, e);
        }
    }

    private static String randomToken(int bytes) {
        byte[] random = new byte[bytes];
        RANDOM.nextBytes(random);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }

    private static void ownerOnly(Path file) {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException | IOException e) {
            // Not a POSIX file system (Windows): the folder's own permissions apply.
        }
    }

    private static void createDirectories(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir, e);
        }
    }
}
