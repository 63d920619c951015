package dev.supportplatform.chat;

import dev.supportplatform.common.test.HttpApi;
import dev.supportplatform.common.test.ServiceIntegrationTest;
import dev.supportplatform.common.test.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * More turns at once than the service has database connections. A turn's transaction holds a connection while it
 * waits for the message's scores, so the scoring must never need one: with the tenant's intent model re-read on every
 * turn (refresh 0) and two connections, six turns at once used to wait for each other until the pool timed out.
 */
@ServiceIntegrationTest
@TestPropertySource(properties = {
        "spring.datasource.hikari.maximum-pool-size=2",
        "spring.datasource.hikari.connection-timeout=5000",
        "platform.intents.refresh=0s"})
class ConcurrentTurnsOnASmallPoolTest extends ChatTestSupport {

    @Test
    void moreConcurrentTurnsThanConnectionsAllGetAnswered() throws Exception {
        String tenant = TestTokens.newTenant();
        int turns = 6;
        CountDownLatch start = new CountDownLatch(1);
        List<Future<HttpApi.Response>> answers = new ArrayList<>();
        try (ExecutorService clients = Executors.newFixedThreadPool(turns)) {
            for (int i = 0; i < turns; i++) {
                String user = "cust-pool-" + i;
                answers.add(clients.submit(() -> {
                    start.await();
                    return api(tenant).post("/chat", Map.of("message", "How long do refunds take?", "user_id", user));
                }));
            }
            long started = System.nanoTime();
            start.countDown();
            for (Future<HttpApi.Response> answer : answers) {
                HttpApi.Response r = answer.get();
                assertThat(r.status()).as(r.toString()).isEqualTo(200);
            }
            assertThat((System.nanoTime() - started) / 1_000_000).as("no turn waited for the pool's timeout").isLessThan(5000);
        }
        assertThat(jdbc.queryForObject("select count(*) from message where tenant_id = ? and sender = 'assistant'", Integer.class, tenant))
                .isEqualTo(turns);
    }
}
