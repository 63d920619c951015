package dev.supportplatform.e2e;

import dev.supportplatform.common.test.HttpApi;
import dev.supportplatform.local.LocalPlatform;
import dev.supportplatform.local.Options;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The whole platform, started once for all end-to-end test classes (as deploy/local starts it, on ports 18080-18085,
 * 25432 and 26379) and stopped after the last one. Every service exports its spans to an OTLP receiver in this JVM.
 * Test classes get it as a parameter of a {@code @BeforeAll} method under {@code @ExtendWith(E2ePlatform.Resolver.class)}.
 */
final class E2ePlatform implements AutoCloseable {

    static final int REDIS_PORT = 26379;

    final String rootKey = "e2e-root-key-" + Long.toHexString(ThreadLocalRandom.current().nextLong());
    final OtlpReceiver spans;
    final LocalPlatform platform;

    private E2ePlatform() {
        spans = new OtlpReceiver();
        Path data;
        try {
            data = Files.createTempDirectory("e2e-platform");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            platform = LocalPlatform.start(Options.defaults()
                    .withRepoDir(Path.of(System.getProperty("repo.dir", "../..")))
                    .withDataDir(data)
                    .withRootApiKey(rootKey)
                    .withPorts(18080, 25432, REDIS_PORT)
                    .withStartupTimeout(Duration.ofMinutes(5))
                    .withExtraEnv(Map.of(
                            "OTEL_EXPORT_ENABLED", "true",
                            "OTEL_EXPORTER_OTLP_ENDPOINT", spans.endpoint(),
                            "MANAGEMENT_OPENTELEMETRY_TRACING_EXPORT_SCHEDULE_DELAY", "200ms",
                            // Escalation's SLA scan and the CRM's outbox clean-up at test speed.
                            "SLA_SCAN_INTERVAL", "2s",
                            // Every test shares one client IP: the contracts' per-IP limits (10 a second, 60 queries
                            // a minute, ...) would throttle the suite, not a client.
                            "GATEWAY_RATE_LIMIT_PER_IP_PER_SECOND", "100000",
                            "GATEWAY_RATE_LIMIT_PER_IP_PER_MINUTE", "100000",
                            "GATEWAY_RATE_LIMIT_QUERY_PER_MINUTE", "100000",
                            "GATEWAY_RATE_LIMIT_SESSIONS_PER_MINUTE", "100000",
                            "GATEWAY_RATE_LIMIT_METRICS_PER_MINUTE", "100000")));
        } catch (RuntimeException e) {
            spans.close();
            throw e;
        }
    }

    String gatewayUrl() {
        return platform.gatewayUrl();
    }

    /** A tenant of its own and its API key (all scopes, a quota no test reaches): a client's only credential. */
    record Tenant(String id, String apiKey) {
    }

    /** Creates a tenant "{prefix}-{random}" and an API key for it through the gateway's key API, as the root key. */
    /** A fresh tenant id for tests that act as the root key in a tenant of their own (X-Tenant-Id). */
    static String randomTenantId(String prefix) {
        return prefix + "-" + Long.toHexString(ThreadLocalRandom.current().nextLong()).substring(0, 8);
    }

    Tenant newTenant(String prefix) {
        String id = randomTenantId(prefix);
        HttpApi root = HttpApi.at(gatewayUrl()).withHeader("X-API-Key", rootKey);
        HttpApi.Response tenant = root.post("/api/v1/tenants", Map.of("id", id, "name", id));
        if (tenant.status() != 201) {
            throw new IllegalStateException("creating tenant " + id + ": " + tenant);
        }
        HttpApi.Response key = root.post("/api/v1/tenants/" + id + "/api-keys", Map.of("name", "e2e", "plan", "enterprise",
                "quota_per_hour", 1_000_000, "scopes", List.of("chat", "read", "write", "admin")));
        if (key.status() != 201) {
            throw new IllegalStateException("creating an API key for " + id + ": " + key);
        }
        return new Tenant(id, key.json().get("key").asString());
    }

    @Override
    public void close() {
        try {
            platform.close();
        } finally {
            spans.close();
        }
    }

    /** Resolves an {@link E2ePlatform} parameter: the one platform of this test run, started on first use. */
    static final class Resolver implements ParameterResolver {

        @Override
        public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
            return parameter.getParameter().getType() == E2ePlatform.class;
        }

        @Override
        public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
            // The root store closes it (AutoCloseable) when the whole run ends.
            return context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                    .computeIfAbsent(E2ePlatform.class, k -> new E2ePlatform(), E2ePlatform.class);
        }
    }
}
