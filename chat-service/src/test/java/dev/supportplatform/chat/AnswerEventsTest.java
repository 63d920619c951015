package dev.supportplatform.chat;

import dev.supportplatform.common.events.EventJson;
import dev.supportplatform.common.test.HttpApi;
import dev.supportplatform.common.test.ServiceIntegrationTest;
import dev.supportplatform.common.test.TestTokens;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/** message.answered carries how long the knowledge-base search took, for analytics' avg_retrieval_time. */
@ServiceIntegrationTest
class AnswerEventsTest extends ChatTestSupport {

    private JsonNode answerEvent(String tenant, int index) {
        return EventJson.MAPPER.readTree(events(tenant, "message.answered").get(index).get("payload").toString()).get("data");
    }

    @Test
    void aKnowledgeAnswerCarriesItsRetrievalTimeAndOtherAnswersNone() {
        String tenant = TestTokens.newTenant();
        HttpApi client = api(tenant);
        // The knowledge service takes a noticeable time to answer.
        PEERS.stubFor(post(urlPathEqualTo("/api/v1/knowledge-base/search")).atPriority(1).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withFixedDelay(120)
                .withBody("{\"results\": [{\"chunk_id\": \"c0\", \"document_id\": \"d0\", \"source\": \"refunds.md\", \"title\": \"refunds.md\","
                        + " \"content\": \"Refunds are issued within 14 days of purchase.\", \"score\": 0.9, \"highlights\": [], \"metadata\": {}}],"
                        + " \"took_ms\": 120}")));
        client.post("/api/query", Map.of("query", "How long do refunds take after purchase?", "session_id", "r-1", "customer_id", "c"));
        client.post("/api/query", Map.of("query", "hello there", "session_id", "r-1", "customer_id", "c"));
        client.post("/api/query", Map.of("query", "How long do refunds take after purchase?", "session_id", "r-2", "customer_id", "c"));

        JsonNode searched = answerEvent(tenant, 0);
        assertThat(searched.get("retrieval_ms").asLong()).isBetween(120L, 10_000L);
        assertThat(answerEvent(tenant, 1).get("retrieval_ms").isNull()).as("a greeting runs no search").isTrue();
        JsonNode cached = answerEvent(tenant, 2);
        assertThat(cached.get("cached").asBoolean()).isTrue();
        assertThat(cached.get("retrieval_ms").isNull()).as("a cached answer runs no search").isTrue();
        assertThat(List.of(searched.get("rag_documents").asInt())).containsExactly(1);
    }
}
