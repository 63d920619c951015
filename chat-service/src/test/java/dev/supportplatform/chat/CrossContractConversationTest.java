package dev.supportplatform.chat;

import dev.supportplatform.common.test.HttpApi;
import dev.supportplatform.common.test.ServiceIntegrationTest;
import dev.supportplatform.common.test.TestTokens;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/** One conversation, created through one contract, read and continued through every other. */
@ServiceIntegrationTest
class CrossContractConversationTest extends ChatTestSupport {

    @Test
    void aConversationStartedWithPostChatIsReadableAndContinuableThroughEveryContract() {
        String tenant = TestTokens.newTenant();
        HttpApi client = api(tenant);
        knowledgeReturns("password", List.of(Map.of("source", "account-faq.md",
                "content", "To reset your password, click Forgot Password on the login page. A reset link is emailed within five minutes.",
                "score", 0.88)));

        HttpApi.Response chat = client.post("/chat", Map.of("message", "How do I reset my password?", "user_id", "user-1",
                "conversation_id", "conv-42"));
        assertThat(chat.status()).as(chat.toString()).isEqualTo(200);
        JsonNode body = chat.json();
        assertThat(body.get("conversation_id").asString()).isEqualTo("conv-42");
        assertThat(body.get("response").asString()).contains("Forgot Password").contains("[1]").contains("account-faq.md");
        assertThat(body.get("user_info").get("name").asString()).isEqualTo("Jane Doe");
        assertThat(body.get("rag_context").get(0).get("source").asString()).isEqualTo("account-faq.md");
        assertThat(body.get("metadata").get("agent_used").asString()).isEqualTo("support_agent");
        assertThat(body.get("metadata").get("openai_model").asString()).isEqualTo("local");
        assertThat(body.get("metadata").get("conversation_length").asInt()).isEqualTo(2);
        PEERS.verify(1, putRequestedFor(urlPathEqualTo("/crm/users/by-external-id/user-1")));

        // support.md continues it by session_id and reads it back
        HttpApi.Response query = client.post("/api/query", Map.of("query", "hello", "session_id", "conv-42", "customer_id", "user-1"));
        assertThat(query.status()).as(query.toString()).isEqualTo(200);
        assertThat(query.json().get("response").asString()).startsWith("Hello!");
        HttpApi.Response session = client.get("/api/session/conv-42");
        assertThat(session.status()).isEqualTo(200);
        assertThat(session.json().get("customer_id").asString()).isEqualTo("user-1");
        assertThat(session.json().get("messages")).hasSize(4);
        assertThat(session.json().get("messages").get(1).get("role").asString()).isEqualTo("assistant");
        assertThat(session.json().get("messages").get(1).get("metadata").get("model_used").asString()).isEqualTo("local");

        // platform.md
        HttpApi.Response platform = client.get("/api/v1/conversations/conv-42");
        assertThat(platform.status()).isEqualTo(200);
        assertThat(platform.json().get("user_id").asString()).isEqualTo("user-1");
        assertThat(platform.json().get("messages").get(1).get("sender").asString()).isEqualTo("ai");
        assertThat(platform.json().get("messages").get(1).get("confidence").asDouble()).isGreaterThan(0.5);
        HttpApi.Response continued = client.post("/api/v1/conversations", Map.of("message", "thanks!", "user_id", "user-1",
                "conversation_id", "conv-42"));
        assertThat(continued.json().get("conversation_id").asString()).isEqualTo("conv-42");

        // assistant.md lists it with its numeric id and reads its messages
        HttpApi.Response sessions = client.get("/v1/sessions");
        assertThat(sessions.json().get("total").asInt()).isEqualTo(1);
        JsonNode listed = sessions.json().get("sessions").get(0);
        assertThat(listed.get("external_id").asString()).isEqualTo("conv-42");
        assertThat(listed.get("message_count").asInt()).isEqualTo(6);
        long number = listed.get("id").asLong();
        assertThat(client.get("/v1/sessions/conv-42/messages").json().get("messages")).hasSize(6);

        // conversations.md by number, and continue there
        HttpApi.Response details = client.get("/chat/conversations/" + number);
        assertThat(details.json().get("data").get("total_messages").asInt()).isEqualTo(6);
        assertThat(details.json().get("data").get("session_history")).hasSize(1);
        HttpApi.Response ai = client.post("/chat/conversations/" + number + "/ai-response", Map.of("message", "How do I reset my password?"));
        assertThat(ai.status()).as(ai.toString()).isEqualTo(200);
        assertThat(ai.json().get("data").get("ai_response").asString()).contains("Forgot Password");

        // agents.md lists the user's conversations
        HttpApi.Response mine = client.get("/crm/conversations/user-1");
        assertThat(mine.json().get("data").get(0).get("id").asString()).isEqualTo("conv-42");
        assertThat(mine.json().get("data").get(0).get("message_count").asInt()).isEqualTo(8);
        assertThat(mine.json().get("pagination").get("total").asInt()).isEqualTo(1);

        assertThat(events(tenant, "conversation.created")).hasSize(1);
        assertThat(events(tenant, "message.received")).hasSize(4);
        assertThat(events(tenant, "message.answered")).hasSize(4);
    }

    @Test
    void anotherTenantCannotSeeOrContinueTheConversation() {
        String owner = TestTokens.newTenant();
        String intruder = TestTokens.newTenant();
        assertThat(api(owner).post("/api/v1/conversations", Map.of("message", "hi", "user_id", "u", "conversation_id", "secret-1")).status())
                .isEqualTo(200);
        long number = api(owner).get("/v1/sessions").json().get("sessions").get(0).get("id").asLong();

        assertThat(api(intruder).get("/api/v1/conversations/secret-1").status()).isEqualTo(404);
        assertThat(api(intruder).get("/chat/conversations/" + number).status()).isEqualTo(404);
        assertThat(api(intruder).get("/api/session/secret-1").status()).isEqualTo(404);
        assertThat(api(intruder).delete("/v1/sessions/secret-1").status()).isEqualTo(404);
        assertThat(api(intruder).get("/v1/sessions").json().get("total").asInt()).isZero();
        assertThat(api(owner).get("/api/v1/conversations/secret-1").json().get("messages")).hasSize(2);
    }

    /** agents.md's own client sends back the conversation_id an answer returned, which for a new conversation is ours. */
    @Test
    void aConversationStartedWithoutAnIdIsContinuedWithTheIdItsFirstAnswerReturned() {
        String tenant = TestTokens.newTenant();
        HttpApi.Response first = api(tenant).post("/chat", Map.of("message", "How do I reset my password?", "user_id", "user-1"));
        assertThat(first.status()).as(first.toString()).isEqualTo(200);
        String id = first.json().get("conversation_id").asString();

        HttpApi.Response second = api(tenant).post("/chat", Map.of("message", "And how long is the link valid?", "user_id", "user-1",
                "conversation_id", id));
        assertThat(second.status()).as(second.toString()).isEqualTo(200);
        assertThat(second.json().get("conversation_id").asString()).isEqualTo(id);
        assertThat(second.json().get("metadata").get("conversation_length").asInt()).isEqualTo(4);
        assertThat(api(tenant).get("/api/v1/conversations/" + id).json().get("messages")).hasSize(4);
        assertThat(api(tenant).get("/v1/sessions").json().get("total").asInt()).isEqualTo(1);

        // Another tenant sending the same id gets a conversation of its own under that id, not this one.
        String other = TestTokens.newTenant();
        HttpApi.Response theirs = api(other).post("/chat", Map.of("message", "Hello", "user_id", "u", "conversation_id", id));
        assertThat(theirs.json().get("metadata").get("conversation_length").asInt()).isEqualTo(2);
        assertThat(api(tenant).get("/api/v1/conversations/" + id).json().get("messages")).hasSize(4);
    }

    @Test
    void anotherTenantsSameConversationIdAndPersonasStayItsOwn() {
        String owner = TestTokens.newTenant();
        String other = TestTokens.newTenant();
        assertThat(api(owner).post("/api/v1/personas", Map.of("name", "owner_bot", "instructions", "You answer warranty questions.",
                "keywords", List.of("warranty"))).status()).isEqualTo(201);
        assertThat(api(owner).post("/chat", Map.of("message", "Owner's first words", "user_id", "u", "conversation_id", "shared-1"))
                .status()).isEqualTo(200);

        HttpApi.Response theirs = api(other).post("/chat", Map.of("message", "How long is the warranty?", "user_id", "u",
                "conversation_id", "shared-1"));
        assertThat(theirs.status()).as(theirs.toString()).isEqualTo(200);
        assertThat(theirs.json().get("metadata").get("conversation_length").asInt()).isEqualTo(2);
        assertThat(theirs.json().get("metadata").get("agent_used").asString()).isNotEqualTo("owner_bot");

        JsonNode otherMessages = api(other).get("/api/v1/conversations/shared-1").json().get("messages");
        assertThat(otherMessages).hasSize(2);
        assertThat(otherMessages.get(0).toString()).contains("How long is the warranty?").doesNotContain("Owner's first words");
        JsonNode ownerMessages = api(owner).get("/api/v1/conversations/shared-1").json().get("messages");
        assertThat(ownerMessages).hasSize(2);
        assertThat(ownerMessages.get(0).toString()).contains("Owner's first words");
        assertThat(api(other).get("/api/v1/personas").json().toString()).doesNotContain("owner_bot");
        assertThat(api(owner).get("/api/v1/personas").json().toString()).contains("owner_bot");
    }
}
