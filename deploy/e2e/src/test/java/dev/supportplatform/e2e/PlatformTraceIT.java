package dev.supportplatform.e2e;

import dev.supportplatform.common.test.HttpApi;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

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
@ExtendWith(E2ePlatform.Resolver.class)
class PlatformTraceIT {

    private static E2ePlatform platform;

    @BeforeAll
    static void platform(E2ePlatform running) {
        platform = running;
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
                .withHeader("X-API-Key", platform.rootKey)
                .withHeader("traceparent", "00-" + traceId + "-" + randomHex(8) + "-01")
                .post("/api/query", Map.of("query", "Hello there", "session_id", "trace_" + suffix, "customer_id", "cust_" + suffix));
        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
            List<OtlpReceiver.ReceivedSpan> spans = platform.spans.spansOf(traceId);
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
