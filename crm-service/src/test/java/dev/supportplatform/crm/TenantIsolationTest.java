package dev.supportplatform.crm;

import dev.supportplatform.common.test.HttpApi;
import dev.supportplatform.common.test.ServiceIntegrationTest;
import dev.supportplatform.common.test.TestTokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Tenant B holds tenant A's ids and still can neither read, change, list, export nor erase A's contacts. */
@ServiceIntegrationTest
class TenantIsolationTest {

    @LocalServerPort
    int port;

    HttpApi a;
    HttpApi b;
    String aId;

    @BeforeEach
    void setUp() {
        a = HttpApi.at(port).asTenant(TestTokens.newTenant());
        b = HttpApi.at(port).asTenant(TestTokens.newTenant());
        aId = a.post("/crm/create_user", Map.of("name", "Alice", "email", "alice@example.com", "external_id", "ext-alice"))
                .json().get("data").get("id").stringValue();
    }

    @Test
    void anotherTenantCannotReadAContactByIdOrExternalId() {
        assertThat(b.get("/crm/users/" + aId).status()).isEqualTo(404);
        assertThat(b.get("/crm/users/ext-alice").status()).isEqualTo(404);
        assertThat(b.get("/crm/users/" + aId + "/export").status()).isEqualTo(404);
        assertThat(a.get("/crm/users/ext-alice").status()).isEqualTo(200);
    }

    @Test
    void anotherTenantCannotUpdateDeactivateOrEraseAContact() {
        assertThat(b.put("/crm/users/" + aId, Map.of("name", "Mallory")).status()).isEqualTo(404);
        assertThat(b.delete("/crm/users/" + aId).status()).isEqualTo(404);
        assertThat(b.delete("/crm/users/" + aId + "/erase").status()).isEqualTo(404);

        var alice = a.get("/crm/users/" + aId).json().get("data");
        assertThat(alice.get("name").stringValue()).isEqualTo("Alice");
        assertThat(alice.get("is_active").booleanValue()).isTrue();
    }

    @Test
    void anotherTenantListsNoneOfTheContactsAndCannotFindThemByEmail() {
        var list = b.get("/crm/users?active_only=false").json();
        assertThat(list.get("data")).isEmpty();
        assertThat(list.get("pagination").get("total").longValue()).isZero();
        assertThat(b.get("/crm/users?email=alice@example.com").json().get("data")).isEmpty();
        assertThat(a.get("/crm/users?email=alice@example.com").json().get("data")).hasSize(1);
    }

    @Test
    void anUpsertWithAnotherTenantsExternalIdCreatesASeparateContact() {
        var upserted = b.put("/crm/users/by-external-id/ext-alice", Map.of("name", "Bob's Alice"));

        assertThat(upserted.status()).isEqualTo(201);
        assertThat(upserted.json().get("data").get("id").stringValue()).isNotEqualTo(aId);
        assertThat(a.get("/crm/users/ext-alice").json().get("data").get("name").stringValue()).isEqualTo("Alice");
    }
}
