package dev.supportplatform.common.test.sample;

import dev.supportplatform.common.identity.Identity;
import dev.supportplatform.common.identity.InternalTokenCodec;
import dev.supportplatform.common.identity.PlatformHeaders;
import dev.supportplatform.common.identity.Scopes;
import dev.supportplatform.common.test.HttpApi;
import dev.supportplatform.common.test.ServiceIntegrationTest;
import dev.supportplatform.common.test.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

@ServiceIntegrationTest
class IdentityAndTenancyTest {

    @LocalServerPort
    int port;

    @Test
    void aRequestWithHandWrittenIdentityHeadersAndNoTokenIsRefused() {
        HttpApi.Response response = HttpApi.at(port)
                .withHeader(PlatformHeaders.TENANT_ID, "victim")
                .withHeader("X-User-Id", "admin")
                .withHeader("X-Scopes", "admin")
                .get("/crm/notes");
        assertThat(response.status()).isEqualTo(401);
        assertThat(response.json().get("error").get("code").asString()).isEqualTo("UNAUTHORIZED");
    }

    @Test
    void tokensSignedWithAnotherSecretOrExpiredOrTamperedAreRefused() {
        String forged = new InternalTokenCodec("an-attacker-secret-that-is-long-enough-0000", Duration.ofMinutes(5))
                .sign(new Identity("victim", "x", Set.of(Scopes.ADMIN), "root"));
        String expired = new InternalTokenCodec(TestTokens.SECRET, Duration.ofSeconds(1),
                Clock.fixed(Instant.now().minus(Duration.ofHours(1)), ZoneOffset.UTC))
                .sign(new Identity("victim", "x", Set.of(Scopes.ADMIN), "root"));
        String valid = TestTokens.forTenant("victim");
        String[] parts = valid.split("\\.");
        String tampered = parts[0] + "." + parts[1].substring(0, parts[1].length() - 2) + "AA." + parts[2];

        for (String token : new String[]{forged, expired, tampered, "not-a-token", "eyJhbGciOiJub25lIn0.eyJ0aWQiOiJ2aWN0aW0ifQ."}) {
            HttpApi.Response response = HttpApi.at(port).withHeader(PlatformHeaders.INTERNAL_TOKEN, token).get("/crm/notes");
            assertThat(response.status()).as(token).isEqualTo(401);
        }
    }

    @Test
    void aValidTokenForTenantACannotReadTenantBsRows() {
        String tenantA = TestTokens.newTenant();
        String tenantB = TestTokens.newTenant();
        String noteOfB = HttpApi.at(port).asTenant(tenantB).post("/crm/notes", Map.of("text", "B's secret")).json().get("id").asString();

        HttpApi asA = HttpApi.at(port).asTenant(tenantA);
        assertThat(asA.get("/crm/notes/" + noteOfB).status()).isEqualTo(404);
        assertThat(asA.get("/crm/notes").json().size()).isZero();

        HttpApi asB = HttpApi.at(port).asTenant(tenantB);
        HttpApi.Response own = asB.get("/crm/notes/" + noteOfB);
        assertThat(own.status()).isEqualTo(200);
        assertThat(own.json().get("tenant_id").asString()).isEqualTo(tenantB);
    }
}
