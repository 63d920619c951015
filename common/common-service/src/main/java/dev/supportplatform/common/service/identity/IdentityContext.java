package dev.supportplatform.common.service.identity;

import dev.supportplatform.common.identity.Identity;

import org.slf4j.MDC;

import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The identity the current thread works for: set from the verified internal token for HTTP requests, and from the
 * event's tenant for Kafka consumers. Hibernate reads the tenant from here on every session, so no query can see
 * another tenant's rows.
 */
public final class IdentityContext {

    private static final ThreadLocal<Current> CURRENT = new ThreadLocal<>();

    private IdentityContext() {
    }

    /** @param rawToken the internal token as received, forwarded as-is on Feign calls made for this request */
    record Current(Identity identity, String rawToken) {
    }

    public static Optional<Identity> current() {
        Current current = CURRENT.get();
        return current == null ? Optional.empty() : Optional.of(current.identity());
    }

    public static Identity require() {
        return current().orElseThrow(() -> new IllegalStateException("no identity bound to this thread"));
    }

    public static String requireTenant() {
        return require().tenantId();
    }

    static Optional<String> rawToken() {
        Current current = CURRENT.get();
        return current == null ? Optional.empty() : Optional.ofNullable(current.rawToken());
    }

    static void bind(Identity identity, String rawToken) {
        CURRENT.set(new Current(identity, rawToken));
    }

    static void clear() {
        CURRENT.remove();
    }

    /** Runs {@code work} as {@code identity} and restores whatever was bound before. */
    public static <T> T callAs(Identity identity, Supplier<T> work) {
        Current previous = CURRENT.get();
        CURRENT.set(new Current(identity, null));
        try {
            return work.get();
        } finally {
            set(previous);
        }
    }

    /**
     * {@code work} wrapped to run on another thread (a virtual thread doing one step of a request in parallel) as the
     * calling thread's identity, with the token it received for forwarding and its log context (request and tenant
     * ids); whatever the running thread had bound before is restored afterwards. Captured now, on the calling thread.
     */
    public static <T> Supplier<T> carry(Supplier<T> work) {
        Current captured = CURRENT.get();
        Map<String, String> log = MDC.getCopyOfContextMap();
        return () -> {
            Current previous = CURRENT.get();
            Map<String, String> previousLog = MDC.getCopyOfContextMap();
            set(captured);
            setLogContext(log);
            try {
                return work.get();
            } finally {
                set(previous);
                setLogContext(previousLog);
            }
        };
    }

    private static void set(Current current) {
        if (current == null) {
            CURRENT.remove();
        } else {
            CURRENT.set(current);
        }
    }

    private static void setLogContext(Map<String, String> context) {
        if (context == null) {
            MDC.clear();
        } else {
            MDC.setContextMap(context);
        }
    }

    public static void runAs(Identity identity, Runnable work) {
        callAs(identity, () -> {
            work.run();
            return null;
        });
    }
}
