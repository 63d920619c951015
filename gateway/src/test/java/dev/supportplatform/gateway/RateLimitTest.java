package dev.supportplatform.gateway;

import dev.supportplatform.gateway.support.GatewayClient;
import dev.supportplatform.gateway.support.GatewayClient.Response;
import dev.supportplatform.gateway.support.GatewayIntegrationTest;
import dev.supportplatform.gateway.support.TestSecrets;
import dev.supportplatform.gateway.support.Tenants;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Limits counted in Redis with the contracts' defaults: plan quota per key, per-IP minute and burst, endpoint groups. */
@GatewayIntegrationTest
class RateLimitTest {

    @LocalServerPort
    int port;

    @Test
    void everyResponseCarriesRateLimitHeaders() {
        GatewayClient root = GatewayClient.at(port).asRoot(null);
        for (Response response : new Response[]{root.get("/rag/stats"), root.get("/no/such/path"),
                GatewayClient.at(port).get("/crm/users"), GatewayClient.at(port).get("/health")}) {
            assertThat(response.header("X-RateLimit-Limit")).as(response.toString()).isNotNull();
            assertThat(response.header("X-RateLimit-Remaining")).isNotNull();
            assertThat(Long.parseLong(response.header("X-RateLimit-Reset"))).isGreaterThan(Instant.now().getEpochSecond() - 1);
        }
    }

    @Test
    void freePlanKeyGets100RequestsAnHourThen429WithRetryAfter() {
        String tenant = Tenants.create(port);
        GatewayClient key = GatewayClient.at(port).withKey(Tenants.newKey(port, tenant, "free"));

        Response first = key.fromNewIp().get("/rag/stats");
        assertThat(first.header("X-RateLimit-Limit")).isEqualTo("100");
        assertThat(first.header("X-RateLimit-Remaining")).isEqualTo("99");
        long hourEnd = (Instant.now().getEpochSecond() / 3600 + 1) * 3600;
        assertThat(Long.parseLong(first.header("X-RateLimit-Reset"))).isEqualTo(hourEnd);
        for (int i = 2; i <= 100; i++) {
            assertThat(key.fromNewIp().get("/rag/stats").status()).isEqualTo(200);
        }
        Response refused = key.fromNewIp().get("/rag/stats");
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.header("X-RateLimit-Limit")).isEqualTo("100");
        assertThat(refused.header("X-RateLimit-Remaining")).isEqualTo("0");
        assertThat(Long.parseLong(refused.header("Retry-After"))).isBetween(1L, 3600L);
        assertThat(refused.json().get("error").get("code").asString()).isEqualTo("RATE_LIMITED");
    }

    @Test
    void everyPlanReportsItsHourlyQuota() {
        String tenant = Tenants.create(port);
        Map<String, String> expected = Map.of("free", "100", "starter", "1000", "professional", "10000", "enterprise", "100000");
        expected.forEach((plan, quota) -> {
            Response response = GatewayClient.at(port).withKey(Tenants.newKey(port, tenant, plan)).get("/rag/stats");
            assertThat(response.header("X-RateLimit-Limit")).as(plan).isEqualTo(quota);
            assertThat(response.header("X-RateLimit-Remaining")).as(plan).isEqualTo(Long.toString(Long.parseLong(quota) - 1));
        });
    }

    /** 1,000 an hour is served from leased tokens (15 at first, then fewer): still exact on one replica. */
    @Test
    void starterPlanKeyIsCutAtExactlyItsQuotaWithTheRemainingCountRightOnEveryResponse() {
        String tenant = Tenants.create(port);
        GatewayClient key = GatewayClient.at(port).withKey(Tenants.newKey(port, tenant, "starter"));
        for (int i = 1; i <= 1000; i++) {
            Response response = key.fromNewIp().get("/rag/stats");
            assertThat(response.status()).as("request %d", i).isEqualTo(200);
            assertThat(response.header("X-RateLimit-Remaining")).as("request %d", i).isEqualTo(Integer.toString(1000 - i));
        }
        Response refused = key.fromNewIp().get("/rag/stats");
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.header("X-RateLimit-Limit")).isEqualTo("1000");
        assertThat(refused.header("X-RateLimit-Remaining")).isEqualTo("0");
        assertThat(Long.parseLong(refused.header("Retry-After"))).isBetween(1L, 3600L);
        assertThat(refused.json().get("error").get("code").asString()).isEqualTo("RATE_LIMITED");
    }

    @Test
    void corsPreflightIsAnsweredAndCountedLikeAnyRequest() {
        Response preflight = GatewayClient.send(GatewayClient.at(port).builder("/chat")
                .header("Origin", "https://shop.example.com").header("Access-Control-Request-Method", "POST")
                .method("OPTIONS", java.net.http.HttpRequest.BodyPublishers.noBody()));
        assertThat(preflight.status()).isEqualTo(204);
        assertThat(preflight.header("Access-Control-Allow-Origin")).isEqualTo("https://shop.example.com");
        assertThat(preflight.header("X-RateLimit-Limit")).isEqualTo("100");
        assertThat(preflight.header("X-RateLimit-Remaining")).isEqualTo("99");
    }

    @Test
    void enterpriseKeyHasItsCustomQuota() {
        String tenant = Tenants.create(port);
        String secret = Tenants.createKey(port, tenant, Map.of("plan", "enterprise", "quota_per_hour", 250000)).get("key").asString();
        Response response = GatewayClient.at(port).withKey(secret).get("/v1/analytics/overview");
        assertThat(response.header("X-RateLimit-Limit")).isEqualTo("250000");
    }

    @Test
    void perIpBurstIsTenPerSecond() {
        GatewayClient client = GatewayClient.at(port).asRoot(null);
        Response refused = null;
        for (int i = 0; i < 25 && refused == null; i++) {
            Response response = client.get("/rag/stats");
            if (response.status() == 429) {
                refused = response;
            }
        }
        assertThat(refused).as("a burst of 25 requests is cut").isNotNull();
        assertThat(refused.header("X-RateLimit-Limit")).isEqualTo("10");
        assertThat(refused.header("Retry-After")).isEqualTo("1");
        assertThat(refused.json().get("success").asBoolean()).isFalse();
    }

    @Test
    void perIpLimitIs100PerMinute() throws Exception {
        waitForFreshMinute(15);
        GatewayClient client = GatewayClient.at(port).asRoot(null);
        Response first = client.get("/crm/users/ip-limit");
        assertThat(first.header("X-RateLimit-Limit")).isEqualTo("100");
        for (int i = 2; i <= 100; i++) {
            if (i % 10 == 0) {
                Thread.sleep(1000); // stay under the 10/s burst
            }
            assertThat(client.get("/crm/users/ip-limit").status()).as("request %d", i).isEqualTo(200);
        }
        Thread.sleep(1000);
        Response refused = client.get("/crm/users/ip-limit");
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.header("X-RateLimit-Limit")).isEqualTo("100");
        assertThat(Long.parseLong(refused.header("Retry-After"))).isBetween(1L, 60L);
    }

    @Test
    void metricsGroupIs30PerMinutePerIpInSupportShape() throws Exception {
        waitForFreshMinute(10);
        GatewayClient client = GatewayClient.at(port).asRoot(null);
        for (int i = 1; i <= 30; i++) {
            if (i % 10 == 0) {
                Thread.sleep(1000);
            }
            Response response = client.get("/api/metrics");
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.header("X-RateLimit-Limit")).isEqualTo("30");
        }
        Thread.sleep(1000);
        Response refused = client.get("/api/metrics");
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.json().get("error_type").asString()).isEqualTo("RATE_LIMIT_ERROR");
        // another IP is not affected
        assertThat(client.fromNewIp().get("/api/metrics").status()).isEqualTo(200);
    }

    @Test
    void queryGroupReportsItsOwnLimit() {
        Response response = GatewayClient.at(port).asRoot(null).post("/api/query", Map.of("query", "hi"));
        assertThat(response.header("X-RateLimit-Limit")).isEqualTo("60");
        Response sessions = GatewayClient.at(port).asRoot(null).get("/api/session/s1");
        assertThat(sessions.header("X-RateLimit-Limit")).isEqualTo("100");
    }

    @Test
    void failedCredentialAttemptsAreLimitedPerIp() throws Exception {
        waitForFreshMinute(10);
        GatewayClient client = GatewayClient.at(port);
        for (int i = 0; i < 20; i++) {
            if (i % 9 == 8) {
                Thread.sleep(1000);
            }
            assertThat(client.withKey("sk_guess_" + i).get("/rag/stats").status()).isEqualTo(401);
        }
        Thread.sleep(1000);
        Response locked = client.withKey(TestSecrets.ROOT_KEY).get("/rag/stats");
        assertThat(locked.status()).isEqualTo(429);
        assertThat(locked.header("Retry-After")).isNotNull();
        assertThat(client.fromNewIp().withKey(TestSecrets.ROOT_KEY).get("/rag/stats").status()).isEqualTo(200);
    }

    /** Fixed one-minute windows: start a minute-long test early enough in a window that it cannot straddle two. */
    static void waitForFreshMinute(int secondsNeeded) throws InterruptedException {
        long second = Instant.now().getEpochSecond() % 60;
        if (second > 60 - secondsNeeded - 2) {
            Thread.sleep((60 - second) * 1000 + 100);
        }
    }
}
