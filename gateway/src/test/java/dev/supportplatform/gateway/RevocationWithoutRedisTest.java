package dev.supportplatform.gateway;

import dev.supportplatform.gateway.support.GatewayClient;
import dev.supportplatform.gateway.support.GatewayIntegrationTest;
import dev.supportplatform.gateway.support.SecondReplica;
import dev.supportplatform.gateway.support.Tenants;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** With Redis unreachable for both replicas, a revocation still reaches the other replica within a second. */
@GatewayIntegrationTest
@TestPropertySource(properties = "spring.data.redis.port=1")
class RevocationWithoutRedisTest {

    static SecondReplica other;

    @LocalServerPort
    int port;

    @BeforeAll
    static void startSecondReplicaWithoutRedis() {
        other = SecondReplica.start("--spring.data.redis.port=1");
    }

    @AfterAll
    static void stopSecondReplica() {
        other.close();
    }

    @Test
    void revocationReachesTheOtherReplicaWithinOneSecondWhileRedisIsDown() throws Exception {
        String tenant = Tenants.create(port);
        JsonNode key = Tenants.createKey(port, tenant, Map.of("plan", "professional"));
        GatewayClient onOther = GatewayClient.at(other.port()).withKey(key.get("key").asString());
        assertThat(onOther.get("/rag/stats").status()).isEqualTo(200); // cached on the other replica
        assertThat(GatewayClient.at(other.port()).get("/health").json().get("services").get("redis").asString())
                .isEqualTo("disconnected");

        long revokedAt = System.nanoTime();
        assertThat(GatewayClient.at(port).asRoot(null)
                .delete("/api/v1/tenants/" + tenant + "/api-keys/" + key.get("id").asString()).status()).isEqualTo(200);
        RevocationAcrossReplicasTest.assertRefusedWithinOneSecond(onOther, revokedAt);
    }
}
