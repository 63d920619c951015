package dev.supportplatform.crm;

import dev.supportplatform.common.test.HttpApi;
import dev.supportplatform.common.test.ServiceIntegrationTest;
import dev.supportplatform.common.test.TestTokens;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * 25 contacts, the 13th deactivated, spread over several seq buckets (the sequence jumps a bucket after every third
 * contact): pages, totals, newest-first order, and pages located through the bucket counts.
 */
@ServiceIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ContactListPaginationTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    HttpApi api;
    /** Newest first, as the list orders them. */
    final List<String> all = new ArrayList<>();
    String deactivated;

    @BeforeAll
    void createContacts() {
        api = HttpApi.at(port).asTenant(TestTokens.newTenant());
        for (int i = 1; i <= 25; i++) {
            all.addFirst(api.post("/crm/create_user", Map.of("name", "User " + i, "email", "user" + i + "@example.com"))
                    .json().get("data").get("id").stringValue());
            if (i % 3 == 0) {
                jdbc.queryForObject("select setval('contacts_seq', nextval('contacts_seq') + 1024)", Long.class);
            }
        }
        deactivated = all.get(12);
        api.delete("/crm/users/" + deactivated);
    }

    @Test
    void pagesCoverEveryActiveContactOnceNewestFirst() {
        List<String> active = all.stream().filter(id -> !id.equals(deactivated)).toList();
        List<String> seen = new ArrayList<>();
        for (int page = 1; page <= 3; page++) {
            JsonNode body = api.get("/crm/users?page=" + page).json();
            assertThat(body.get("pagination").get("page").intValue()).isEqualTo(page);
            assertThat(body.get("pagination").get("per_page").intValue()).isEqualTo(10);
            assertThat(body.get("pagination").get("total").longValue()).isEqualTo(24);
            assertThat(body.get("pagination").get("pages").longValue()).isEqualTo(3);
            body.get("data").forEach(item -> seen.add(item.get("id").stringValue()));
        }
        assertThat(seen).containsExactlyElementsOf(active);
    }

    @Test
    void theContactsReallySpanSeveralBuckets() {
        Integer buckets = jdbc.queryForObject("select count(distinct seq >> 10) from contacts where id = any(?::uuid[])",
                Integer.class, (Object) all.toArray(String[]::new));
        assertThat(buckets).isGreaterThanOrEqualTo(9);
    }

    @Test
    void everyPageSizeAndPageMatchesTheFullOrder() {
        List<String> active = all.stream().filter(id -> !id.equals(deactivated)).toList();
        for (int perPage = 1; perPage <= 26; perPage += 4) {
            for (int page = 1; (page - 1) * perPage < 25; page++) {
                int from = (page - 1) * perPage;
                assertThat(ids(api.get("/crm/users?active_only=false&per_page=" + perPage + "&page=" + page).json()))
                        .as("all, per_page %d page %d", perPage, page)
                        .containsExactlyElementsOf(all.subList(from, Math.min(25, from + perPage)));
                if (from < 24) {
                    assertThat(ids(api.get("/crm/users?per_page=" + perPage + "&page=" + page).json()))
                            .as("active, per_page %d page %d", perPage, page)
                            .containsExactlyElementsOf(active.subList(from, Math.min(24, from + perPage)));
                }
            }
        }
    }

    @Test
    void theLastPageIsPartialAndInTheSameOrder() {
        JsonNode body = api.get("/crm/users?page=3&per_page=10&active_only=false").json();

        assertThat(ids(body)).containsExactlyElementsOf(all.subList(20, 25));
        assertThat(body.get("pagination").get("total").longValue()).isEqualTo(25);
        assertThat(ids(api.get("/crm/users?page=4&per_page=7&active_only=false").json())).containsExactlyElementsOf(all.subList(21, 25));
        assertThat(ids(api.get("/crm/users?page=2&per_page=7&active_only=false").json())).containsExactlyElementsOf(all.subList(7, 14));
        assertThat(ids(api.get("/crm/users?page=3&per_page=7&active_only=false").json())).containsExactlyElementsOf(all.subList(14, 21));
    }

    @Test
    void inactiveContactsAppearOnlyWhenAskedFor() {
        assertThat(ids(api.get("/crm/users?per_page=100").json())).doesNotContain(deactivated).hasSize(24);
        assertThat(ids(api.get("/crm/users?per_page=100&active_only=false").json())).containsExactlyElementsOf(all);
    }

    @Test
    void aPageBeyondTheEndIsEmptyWithTheRealTotals() {
        JsonNode body = api.get("/crm/users?page=9").json();

        assertThat(body.get("data")).isEmpty();
        assertThat(body.get("pagination").get("total").longValue()).isEqualTo(24);
        assertThat(body.get("pagination").get("pages").longValue()).isEqualTo(3);
    }

    private static List<String> ids(JsonNode body) {
        List<String> ids = new ArrayList<>();
        body.get("data").forEach(item -> ids.add(item.get("id").stringValue()));
        return ids;
    }
}
