package dev.supportplatform.e2e;

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
                            "SLA_SCAN_INTERVAL", "2s")));
        } catch (RuntimeException e) {
            spans.close();
            throw e;
        }
    }

    String gatewayUrl() {
        return platform.gatewayUrl();
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
