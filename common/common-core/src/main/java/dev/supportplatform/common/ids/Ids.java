package dev.supportplatform.common.ids;

import com.fasterxml.uuid.Generators;
import com.fasterxml.uuid.impl.TimeBasedEpochGenerator;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.UUID;

/** Identifier generation: time-ordered UUIDv7 for rows and events, random URL-safe tokens for secrets. */
public final class Ids {
    private static final TimeBasedEpochGenerator UUID_V7 = Generators.timeBasedEpochGenerator();
    private static final SecureRandom RANDOM = new SecureRandom();

    private Ids() {
    }

    public static UUID uuidV7() {
        return UUID_V7.generate();
    }

    /** A random token of {@code bytes} random bytes, URL-safe base64 without padding (like Python's token_urlsafe). */
    public static String urlSafeToken(int bytes) {
        byte[] buf = new byte[bytes];
        RANDOM.nextBytes(buf);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(buf);
    }

    /** A short prefixed id such as {@code req_3f9a...}, for request ids. */
    public static String prefixed(String prefix) {
        return prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    }
}
