package dev.supportplatform.gateway;

import dev.supportplatform.gateway.support.GatewayClient;
import dev.supportplatform.gateway.support.GatewayIntegrationTest;
import dev.supportplatform.gateway.support.SecondReplica;
import dev.supportplatform.gateway.support.Tenants;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A key revoked or rotated through one replica stops working on another replica, which had it cached, within a second. */
@GatewayIntegrationTest
class RevocationAcrossReplicasTest {

    static SecondReplica other;

    @LocalServerPort
    int port;

    @BeforeAll
    static void startSecondReplica() {
        other = SecondReplica.start();
    }

    @AfterAll
    static void stopSecondReplica() {
        other.close();
    }

    @Test
    void revocationReachesTheOtherReplicaWithinOneSecond() throws Exception {
        String tenant = Tenants.create(port);
        JsonNode key = Tenants.createKey(port, tenant, Map.of("plan", "professional"));
        GatewayClient onOther = GatewayClient.at(other.port()).withKey(key.get("key").asString());
        assertThat(onOther.get("/rag/stats").status()).isEqualTo(200); // now cached on the other replica

        long revokedAt = System.nanoTime();
        assertThat(GatewayClient.at(port).asRoot(null)
                .delete("/api/v1/tenants/" + tenant + "/api-keys/" + key.get("id").asString()).status()).isEqualTo(200);
        assertRefusedWithinOneSecond(onOther, revokedAt);
    }

    @Test
    void rotationRetiresTheOldSecretOnTheOtherReplicaWithinOneSecond() throws Exception {
        String tenant = Tenants.create(port);
        JsonNode key = Tenants.createKey(port, tenant, Map.of("plan", "professional"));
        GatewayClient onOther = GatewayClient.at(other.port()).withKey(key.get("key").asString());
        assertThat(onOther.get("/rag/stats").status()).isEqualTo(200);

        long rotatedAt = System.nanoTime();
        GatewayClient.Response rotated = GatewayClient.at(port).asRoot(null)
                .post("/api/v1/tenants/" + tenant + "/api-keys/" + key.get("id").asString() + "/rotate", Map.of());
        assertThat(rotated.status()).isEqualTo(200);
        assertRefusedWithinOneSecond(onOther, rotatedAt);
        assertThat(GatewayClient.at(other.port()).withKey(rotated.json().get("key").asString()).get("/rag/stats").status())
                .isEqualTo(200);
    }

    /** Polls from a fresh client IP each time, so that neither the burst limit nor the failed-attempt limit answers. */
    static void assertRefusedWithinOneSecond(GatewayClient client, long changedAtNanos) throws InterruptedException {
        int status = 200;
        while (status == 200 && System.nanoTime() - changedAtNanos < 1_000_000_000L) {
            status = client.fromNewIp().get("/rag/stats").status();
            if (status == 200) {
                Thread.sleep(20);
            }
        }
        long tookMillis = (System.nanoTime() - changedAtNanos) / 1_000_000;
        assertThat(status).as("refused within 1 s (took %d ms)", tookMillis).isEqualTo(401);
    }
}
