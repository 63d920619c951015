package dev.supportplatform.gateway;

import dev.supportplatform.gateway.support.GatewayClient;
import dev.supportplatform.gateway.support.GatewayIntegrationTest;
import dev.supportplatform.gateway.support.TestBackends;
import dev.supportplatform.gateway.support.TestSecrets;
import dev.supportplatform.gateway.support.Tenants;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A key revoked through one replica stops working on another replica, which had it cached, within a second. */
@GatewayIntegrationTest
class RevocationAcrossReplicasTest {

    static ConfigurableApplicationContext secondReplica;

    @LocalServerPort
    int port;

    @BeforeAll
    static void startSecondReplica() {
        List<String> args = new ArrayList<>(List.of(
                "--server.port=0",
                "--platform.internal-token.secret=" + TestSecrets.INTERNAL_TOKEN_SECRET,
                "--gateway.auth.root-api-key=" + TestSecrets.ROOT_KEY,
                "--gateway.auth.trusted-proxies=127.0.0.1,0:0:0:0:0:0:0:1",
                "--logging.structured.format.console="));
        TestBackends.properties().forEach((k, v) -> args.add("--" + k + "=" + v));
        secondReplica = new SpringApplicationBuilder(GatewayApplication.class).run(args.toArray(String[]::new));
    }

    @AfterAll
    static void stopSecondReplica() {
        secondReplica.close();
    }

    @Test
    void revocationReachesTheOtherReplicaWithinOneSecond() throws Exception {
        int otherPort = ((WebServerApplicationContext) secondReplica).getWebServer().getPort();
        String tenant = Tenants.create(port);
        JsonNode key = Tenants.createKey(port, tenant, Map.of("plan", "professional"));
        GatewayClient onOther = GatewayClient.at(otherPort).withKey(key.get("key").asString());
        assertThat(onOther.get("/rag/stats").status()).isEqualTo(200); // now cached on the other replica

        long revokedAt = System.nanoTime();
        assertThat(GatewayClient.at(port).asRoot(null)
                .delete("/api/v1/tenants/" + tenant + "/api-keys/" + key.get("id").asString()).status()).isEqualTo(200);
        int status = 200;
        while (status == 200 && System.nanoTime() - revokedAt < 1_000_000_000L) {
            status = onOther.get("/rag/stats").status();
            if (status == 200) {
                Thread.sleep(20);
            }
        }
        long tookMillis = (System.nanoTime() - revokedAt) / 1_000_000;
        assertThat(status).as("refused within 1 s (took %d ms)", tookMillis).isEqualTo(401);
    }
}
