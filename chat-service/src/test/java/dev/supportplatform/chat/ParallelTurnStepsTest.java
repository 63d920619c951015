package dev.supportplatform.chat;

import dev.supportplatform.chat.conversation.Message;
import dev.supportplatform.chat.turn.MessageAnalyser;
import dev.supportplatform.common.service.identity.IdentityContext;
import dev.supportplatform.common.test.HttpApi;
import dev.supportplatform.common.test.ServiceIntegrationTest;
import dev.supportplatform.common.test.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;
import tools.jackson.databind.JsonNode;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.doThrow;

/**
 * The steps of a turn that run alongside each other (scoring while the conversation is opened, the contact lookup
 * while the answer is generated, the history read while knowledge is searched) run as the request's tenant, and a
 * failure in one of them ends the turn as it did when they ran one after another.
 */
@ServiceIntegrationTest
class ParallelTurnStepsTest extends ChatTestSupport {

    @MockitoSpyBean
    MessageAnalyser analyser;
    @MockitoSpyBean
    dev.supportplatform.chat.conversation.ConversationService conversations;
    @Autowired
    StringRedisTemplate redis;

    @Test
    void theScoringAndTheContactLookupRunAsTheRequestsTenant() {
        String tenant = TestTokens.newTenant();
        List<String> scoredFor = new CopyOnWriteArrayList<>();
        List<String> scoredOn = new CopyOnWriteArrayList<>();
        doAnswer(invocation -> {
            scoredFor.add(IdentityContext.requireTenant());
            scoredOn.add(Thread.currentThread().getName());
            return invocation.callRealMethod();
        }).when(analyser).analyse(argThat(text -> text.contains("parallel-tenant")), any());

        HttpApi.Response r = api(tenant).post("/chat", Map.of("message", "Hello, parallel-tenant here", "user_id", "cust-par"));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        JsonNode body = r.json();
        assertThat(body.get("user_info").get("name").asString()).as("the contact looked up alongside the answer").isEqualTo("Jane Doe");
        assertThat(scoredFor).containsExactly(tenant);
        assertThat(scoredOn).containsExactly("turn-scoring");
        assertThat(redis.hasKey("chat:contact:" + tenant + ":cust-par")).as("the contact memo is the tenant's").isTrue();

        Map<String, Object> user = jdbc.queryForMap("select sentiment_score, intent from message where tenant_id = ? and sender = 'user'", tenant);
        String answeredIntent = jdbc.queryForObject("select metadata ->> 'intent' from message where tenant_id = ? and sender = 'assistant'",
                String.class, tenant);
        assertThat(user.get("intent")).as("the user message is stored with the scores computed alongside").isNotNull()
                .isEqualTo(answeredIntent);
        assertThat(user.get("sentiment_score")).isNotNull();
        String steps = jdbc.queryForObject("select metadata -> 'steps' ->> 'contact_ms' from message where tenant_id = ? and sender = 'assistant'",
                String.class, tenant);
        assertThat(steps).as("the contact lookup is timed in the answer's steps").isNotNull();
    }

    @Test
    void aScoringFailureEndsTheTurnWithNothingStoredAsBefore() {
        String tenant = TestTokens.newTenant();
        doThrow(new IllegalStateException("the encoder failed")).when(analyser).analyse(argThat(text -> text.contains("explode-scoring")), any());

        HttpApi.Response r = api(tenant).post("/chat", Map.of("message", "explode-scoring please", "user_id", "cust-fail",
                "conversation_id", "conv-scoring-fails"));
        assertThat(r.status()).as(r.toString()).isEqualTo(500);
        assertThat(jdbc.queryForObject("select count(*) from conversation where tenant_id = ?", Integer.class, tenant))
                .as("the conversation opened alongside the failed scoring is rolled back").isZero();
        assertThat(jdbc.queryForObject("select count(*) from message where tenant_id = ?", Integer.class, tenant)).isZero();
        assertThat(events(tenant, "conversation.created")).isEmpty();
    }

    @Test
    void theUserMessageIsStoredWhileTheAnswerIsPreparedAndStillComesBeforeIt() {
        String tenant = TestTokens.newTenant();
        List<String> storedOn = new CopyOnWriteArrayList<>();
        doAnswer(invocation -> {
            storedOn.add(Thread.currentThread().getName());
            return invocation.callRealMethod();
        }).when(conversations).append(any(), eq(Message.USER), argThat(text -> text != null && text.contains("store-alongside")),
                any(), any(), any(), any());

        HttpApi.Response r = api(tenant).post("/chat", Map.of("message", "Hello, store-alongside", "user_id", "cust-store"));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(storedOn).containsExactly("turn-store-user");
        assertThat(jdbc.queryForList("select sender from message where tenant_id = ? order by id", String.class, tenant))
                .containsExactly(Message.USER, Message.ASSISTANT);
        JsonNode steps = tools.jackson.databind.json.JsonMapper.builder().build().readTree(jdbc.queryForObject("select metadata -> 'steps' from message where tenant_id = ? and sender = 'assistant'",
                String.class, tenant));
        assertThat(steps.has("open_conversation_ms")).isTrue();
        assertThat(steps.has("persist_user_ms")).isTrue();
    }

    @Test
    void aFailureToStoreTheUserMessageFailsTheTurnAndNoAnswerIsStored() {
        String tenant = TestTokens.newTenant();
        doThrow(new IllegalStateException("the disk is full")).when(conversations).append(any(), eq(Message.USER),
                argThat(text -> text != null && text.contains("store-fails")), any(), any(), any(), any());

        HttpApi.Response r = api(tenant).post("/chat", Map.of("message", "Hello, store-fails", "user_id", "cust-store-fails"));
        assertThat(r.status()).as(r.toString()).isEqualTo(500);
        assertThat(jdbc.queryForObject("select count(*) from message where tenant_id = ?", Integer.class, tenant)).isZero();
    }

    @Test
    void aFailingCrmStillAnswersWithoutContactDetails() {
        String tenant = TestTokens.newTenant();
        PEERS.stubFor(put(urlPathMatching("/crm/users/by-external-id/.*")).atPriority(1).willReturn(aResponse().withStatus(503)));

        HttpApi.Response r = api(tenant).post("/chat", Map.of("message", "Hello there", "user_id", "cust-nocrm"));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.json().get("user_info").get("name").isNull()).isTrue();
        assertThat(jdbc.queryForObject("select count(*) from message where tenant_id = ? and sender = 'assistant'", Integer.class, tenant))
                .isEqualTo(1);
    }
}
