package dev.supportplatform.chat;

import dev.supportplatform.common.test.HttpApi;
import dev.supportplatform.common.test.ServiceIntegrationTest;
import dev.supportplatform.common.test.TestTokens;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/** conversations.md's CRUD, messages with attachments, search; feedback; personas; pagination. */
@ServiceIntegrationTest
class ConversationsContractTest extends ChatTestSupport {

    @Test
    void conversationsCanBeCreatedUpdatedPagedAndDeleted() {
        String tenant = TestTokens.newTenant();
        HttpApi client = api(tenant);
        long first = client.post("/chat/conversations", Map.of("title", "First", "agent_id", 2)).json().get("data").get("conversation_id").asLong();
        long second = client.post("/chat/conversations", Map.of("title", "Second")).json().get("data").get("conversation_id").asLong();
        client.post("/chat/conversations", Map.of("title", "Third"));

        HttpApi.Response pinned = client.put("/chat/conversations/" + first, Map.of("is_pinned", true, "title", "First (pinned)"));
        assertThat(pinned.status()).as(pinned.toString()).isEqualTo(200);
        assertThat(pinned.json().get("success").asBoolean()).isTrue();
        HttpApi.Response listed = client.get("/chat/conversations?limit=2&offset=0");
        assertThat(listed.status()).as(listed.toString()).isEqualTo(200);
        JsonNode page = listed.json().get("data");
        assertThat(page.get("total").asInt()).isEqualTo(3);
        assertThat(page.get("conversations")).hasSize(2);
        assertThat(page.get("conversations").get(0).get("id").asLong()).as("pinned first").isEqualTo(first);
        assertThat(page.get("conversations").get(0).get("is_pinned").asBoolean()).isTrue();
        assertThat(page.get("conversations").get(0).get("agent_id").asLong()).isEqualTo(2);
        assertThat(client.get("/chat/conversations?limit=2&offset=2").json().get("data").get("conversations")).hasSize(1);

        JsonNode deleted = client.delete("/chat/conversations/" + second).json();
        assertThat(deleted.get("message").asString()).isEqualTo("Conversation deleted successfully");
        assertThat(client.get("/chat/conversations/" + second).status()).isEqualTo(404);
    }

    @Test
    void concurrentMessagesToOneConversationAreAllCounted() throws Exception {
        HttpApi client = api(TestTokens.newTenant());
        long id = client.post("/chat/conversations", Map.of("title", "Busy")).json().get("data").get("conversation_id").asLong();
        int messages = 16;

        List<Future<HttpApi.Response>> sent = new ArrayList<>();
        try (ExecutorService senders = Executors.newFixedThreadPool(8)) {
            for (int i = 0; i < messages; i++) {
                String content = "message " + i;
                sent.add(senders.submit(() -> client.post("/chat/conversations/" + id + "/messages",
                        Map.of("content", content, "sender_type", "user"))));
            }
            for (Future<HttpApi.Response> response : sent) {
                assertThat(response.get().status()).as(response.get().toString()).isEqualTo(200);
            }
        }

        JsonNode details = client.get("/chat/conversations/" + id).json().get("data");
        assertThat(details.get("total_messages").asInt()).as("no concurrent append may overwrite another's count").isEqualTo(messages);
        assertThat(client.get("/chat/conversations/" + id + "/messages?limit=50").json().get("data").get("total").asInt()).isEqualTo(messages);
    }

    @Test
    void messagesCarryAttachmentsAndUnreadCountsClearWhenRead() {
        HttpApi client = api(TestTokens.newTenant());
        long id = client.post("/chat/conversations", Map.of("title", "Files")).json().get("data").get("conversation_id").asLong();
        HttpApi.Response added = client.post("/chat/conversations/" + id + "/messages", Map.of("content", "Here is my invoice",
                "sender_type", "user", "attachments", List.of(Map.of("file_name", "invoice.pdf", "file_type", "application/pdf", "file_size", 2048))));
        assertThat(added.status()).as(added.toString()).isEqualTo(200);
        assertThat(added.json().get("data").get("sender").asString()).isEqualTo("user");
        client.post("/chat/conversations/" + id + "/ai-response", Map.of("message", "Here is my invoice"));

        JsonNode details = client.get("/chat/conversations/" + id).json().get("data");
        assertThat(details.get("total_messages").asInt()).as("the ai-response reuses the stored user message").isEqualTo(2);
        assertThat(details.get("unread_count").asInt()).isEqualTo(1);
        JsonNode messages = client.get("/chat/conversations/" + id + "/messages").json().get("data").get("messages");
        assertThat(messages.get(0).get("attachments").get(0).get("file_name").asString()).isEqualTo("invoice.pdf");
        assertThat(messages.get(1).get("sender").asString()).isEqualTo("agent");
        assertThat(client.get("/chat/conversations/" + id).json().get("data").get("unread_count").asInt()).isZero();
    }

    @Test
    void searchIsFullTextRankedAndScopedToTheTenant() {
        String tenant = TestTokens.newTenant();
        HttpApi client = api(tenant);
        long id = client.post("/chat/conversations", Map.of("title", "Search")).json().get("data").get("conversation_id").asLong();
        client.post("/chat/conversations/" + id + "/messages", Map.of("content", "My order number is 12345"));
        client.post("/chat/conversations/" + id + "/messages", Map.of("content", "The order arrived damaged; the order box was crushed"));
        client.post("/chat/conversations/" + id + "/messages", Map.of("content", "Unrelated question about billing"));
        HttpApi other = api(TestTokens.newTenant());
        long theirs = other.post("/chat/conversations", Map.of("title", "x")).json().get("data").get("conversation_id").asLong();
        other.post("/chat/conversations/" + theirs + "/messages", Map.of("content", "my order is late"));

        JsonNode data = client.get("/chat/search?query=orders&limit=20").json().get("data");
        assertThat(data.get("total").asInt()).isEqualTo(2);
        assertThat(data.get("results").get(0).get("content").asString()).as("two matches rank above one").contains("crushed");
        assertThat(data.get("results").get(0).get("conversation_id").asLong()).isEqualTo(id);
        assertThat(client.get("/chat/search?query=").status()).isEqualTo(400);
    }

    @Test
    void feedbackIsStoredAndAnnounced() {
        String tenant = TestTokens.newTenant();
        HttpApi client = api(tenant);
        client.post("/api/v1/conversations", Map.of("message", "hello", "user_id", "u-9", "conversation_id", "fb-1"));
        HttpApi.Response rated = client.post("/api/v1/conversations/fb-1/feedback", Map.of("rating", 4, "comment", "Quick and clear"));
        assertThat(rated.status()).as(rated.toString()).isEqualTo(200);
        assertThat(rated.json().get("rating").asInt()).isEqualTo(4);
        HttpApi.Response viaSupport = client.post("/api/session/fb-1/feedback", Map.of("rating", 2));
        assertThat(viaSupport.status()).isEqualTo(200);
        List<Map<String, Object>> events = events(tenant, "feedback.submitted");
        assertThat(events).hasSize(2);
        assertThat(events.getFirst().get("payload").toString()).contains("\"rating\": 4").contains("Quick and clear").contains("u-9");
    }

    @Test
    void personasAreManagedAndAnswerTheQuestionsTheyAreKeyedTo() {
        HttpApi client = api(TestTokens.newTenant());
        knowledgeReturns("warranty", List.of(Map.of("source", "warranty.md",
                "content", "Every device has a two year warranty covering manufacturing defects.", "score", 0.8)));
        HttpApi.Response created = client.post("/api/v1/personas", Map.of("name", "warranty_bot",
                "instructions", "You answer warranty questions only.", "knowledge_filter", Map.of("collection", "warranty"),
                "model_tier", "fast", "keywords", List.of("warranty")));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(client.post("/api/v1/personas", Map.of("name", "warranty_bot", "instructions", "x")).status()).isEqualTo(409);
        assertThat(client.post("/api/v1/personas", Map.of("name", "y", "instructions", "x", "model_tier", "huge")).status()).isEqualTo(400);

        HttpApi.Response answer = client.post("/chat", Map.of("message", "How long is the warranty on my device?", "user_id", "u1"));
        assertThat(answer.json().get("metadata").get("agent_used").asString()).isEqualTo("warranty_bot");
        assertThat(answer.json().get("response").asString()).contains("two year warranty");
        assertThat(PEERS.findAll(com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor(
                com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo("/api/v1/knowledge-base/search")))
                .getFirst().getBodyAsString()).contains("\"collection\":\"warranty\"");

        JsonNode list = client.get("/api/v1/personas").json();
        assertThat(list.get("total").asInt()).isEqualTo(4);
        String id = created.json().get("id").asString();
        assertThat(client.put("/api/v1/personas/" + id, Map.of("model_tier", "strong")).json().get("model_tier").asString()).isEqualTo("strong");
        assertThat(client.delete("/api/v1/personas/" + id).status()).isEqualTo(200);
        assertThat(client.get("/api/v1/personas/" + id).status()).isEqualTo(404);
    }

    @Test
    void closingASupportSessionArchivesItAndAnnouncesSessionClosed() {
        String tenant = TestTokens.newTenant();
        HttpApi client = api(tenant);
        client.post("/api/session", Map.of("customer_id", "c-5", "session_id", "close-me"));
        client.post("/api/query", Map.of("query", "hello", "session_id", "close-me", "customer_id", "c-5"));
        HttpApi.Response closed = client.delete("/api/session/close-me");
        assertThat(closed.json().get("message").asString()).isEqualTo("Session closed successfully");
        assertThat(closed.json().get("archived_at").asString()).isNotBlank();
        assertThat(client.get("/api/session/close-me").json().get("status").asString()).isEqualTo("closed");
        assertThat(events(tenant, "session.closed")).hasSize(1);

        HttpApi.Response deleted = client.delete("/v1/sessions/close-me");
        assertThat(deleted.json().get("deleted_messages").asInt()).isEqualTo(2);
        assertThat(client.get("/api/session/close-me").status()).isEqualTo(404);
    }
}
