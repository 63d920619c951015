package dev.supportplatform.e2e;

import dev.supportplatform.common.test.HttpApi;
import dev.supportplatform.local.LocalPlatform;
import dev.supportplatform.local.Options;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One trace id links a client's request through the gateway, the chat service, its Feign call to the CRM and the
 * Kafka consumers of the events they wrote: asserted on the spans every process exports over OTLP.
 */
class PlatformTraceIT {

    private static final String ROOT_KEY = "e2e-root-key-" + Long.toHexString(ThreadLocalRandom.current().nextLong());
    private static OtlpReceiver receiver;
    private static LocalPlatform platform;

    @BeforeAll
    static void startPlatform() throws Exception {
        receiver = new OtlpReceiver();
        Path data = Files.createTempDirectory("e2e-trace");
        platform = LocalPlatform.start(Options.defaults()
                .withRepoDir(Path.of(System.getProperty("repo.dir", "../..")))
                .withDataDir(data)
                .withRootApiKey(ROOT_KEY)
                .withPorts(18080, 25432, 26379)
                .withStartupTimeout(Duration.ofMinutes(5))
                .withExtraEnv(Map.of(
                        "OTEL_EXPORT_ENABLED", "true",
                        "OTEL_EXPORTER_OTLP_ENDPOINT", receiver.endpoint(),
                        "MANAGEMENT_OPENTELEMETRY_TRACING_EXPORT_SCHEDULE_DELAY", "200ms")));
    }

    @AfterAll
    static void stopPlatform() {
        if (platform != null) {
            platform.close();
        }
        if (receiver != null) {
            receiver.close();
        }
    }

    private static String randomHex(int bytes) {
        byte[] b = new byte[bytes];
        ThreadLocalRandom.current().nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    @Test
    void oneTraceIdLinksTheGatewayAFeignCallAndAKafkaConsumer() {
        String traceId = randomHex(16);
        String suffix = randomHex(4);
        HttpApi.Response answer = HttpApi.at(platform.gatewayUrl())
                .withHeader("X-API-Key", ROOT_KEY)
                .withHeader("traceparent", "00-" + traceId + "-" + randomHex(8) + "-01")
                .post("/api/query", Map.of("query", "Hello there", "session_id", "trace_" + suffix, "customer_id", "cust_" + suffix));
        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
            List<OtlpReceiver.ReceivedSpan> spans = receiver.spansOf(traceId);
            Set<String> services = spans.stream().map(OtlpReceiver.ReceivedSpan::service).collect(Collectors.toSet());
            assertThat(services).as("services in trace %s: %s", traceId, spans).contains("gateway", "chat-service", "crm-service");
            assertThat(spans).as("chat's Feign call to the CRM, seen from both sides")
                    .anyMatch(s -> s.service().equals("chat-service") && s.kind().equals("SPAN_KIND_CLIENT"))
                    .anyMatch(s -> s.service().equals("crm-service") && s.kind().equals("SPAN_KIND_SERVER"));
            assertThat(spans).as("a Kafka consumer of the events this request wrote")
                    .anyMatch(s -> s.kind().equals("SPAN_KIND_CONSUMER"));
        });
    }
}
