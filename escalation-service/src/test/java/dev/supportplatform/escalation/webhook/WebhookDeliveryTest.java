package dev.supportplatform.escalation.webhook;

import dev.supportplatform.common.events.EventEnvelope;
import dev.supportplatform.common.events.EventJson;
import dev.supportplatform.common.events.Topics;
import dev.supportplatform.common.events.payload.ChatEvents;
import dev.supportplatform.common.test.HttpApi;
import dev.supportplatform.common.test.ServiceIntegrationTest;
import dev.supportplatform.common.test.TestTokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.KafkaTemplate;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@ServiceIntegrationTest
class WebhookDeliveryTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    KafkaTemplate<String, String> kafka;

    private final TestReceiver receiver = new TestReceiver();

    @AfterEach
    void stopReceiver() {
        receiver.close();
    }

    record Hook(String id, String secret) {
    }

    private Hook subscribe(HttpApi api, String url, List<String> events) {
        HttpApi.Response r = api.post("/api/v1/webhooks", Map.of("url", url, "events", events));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return new Hook(r.json().get("id").asString(), r.json().get("secret").asString());
    }

    private void publish(String tenant, String subject, Record payload) throws Exception {
        EventEnvelope e = EventEnvelope.of(tenant, subject, payload);
        kafka.send(Topics.CHAT, subject, e.toJson()).get();
    }

    private static String verifyWithPython(String body, String signature, String secret) throws IOException, InterruptedException {
        // platform.md's verifier, verbatim, fed the raw body as received.
        String script = """
                import hmac
                import hashlib
                import sys

                def verify_webhook(payload, signature, secret):
                    expected = hmac.new(
                        secret.encode(),
                        payload.encode(),
                        hashlib.sha256
                    ).hexdigest()
                    return hmac.compare_digest(f"sha256={expected}", signature)

                payload = open(sys.argv[1], encoding="utf-8", newline="").read()
                print(verify_webhook(payload, sys.argv[2], sys.argv[3]))
                """;
        Path scriptFile = Files.createTempFile("verify", ".py");
        Path bodyFile = Files.createTempFile("body", ".json");
        Files.writeString(scriptFile, script);
        Files.write(bodyFile, body.getBytes(StandardCharsets.UTF_8));
        Process p = new ProcessBuilder("python3", scriptFile.toString(), bodyFile.toString(), signature, secret)
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        p.waitFor();
        return out;
    }

    @Test
    void anEscalationIsDeliveredSignedAsPlatformMdsPythonVerifierChecksIt() throws Exception {
        String tenant = TestTokens.newTenant();
        HttpApi api = HttpApi.at(port).asTenant(tenant);
        Hook hook = subscribe(api, receiver.url(), List.of("escalation.created"));
        Map<String, Object> ticket = new HashMap<>(Map.of("session_id", "sess_w1", "reason", "manual_request", "priority", "urgent",
                "customer_id", "cust_ü1", "additional_context", "naïve café ✓"));
        String ticketId = api.post("/api/escalation", ticket).json().get("ticket_id").asString();

        await().atMost(Duration.ofSeconds(20)).until(() -> receiver.ofEvent("escalation.created").size() == 1);
        TestReceiver.Request request = receiver.ofEvent("escalation.created").getFirst();
        JsonNode body = EventJson.MAPPER.readTree(request.body());
        assertThat(body.get("event").asString()).isEqualTo("escalation.created");
        assertThat(body.get("timestamp").asString()).matches("\\d{4}-\\d{2}-\\d{2}T.*Z");
        JsonNode data = body.get("data");
        assertThat(data.propertyNames()).containsExactly("ticket_id", "session_id", "customer_id", "priority", "reason");
        assertThat(data.get("ticket_id").asString()).isEqualTo(ticketId);
        assertThat(data.get("customer_id").asString()).isEqualTo("cust_ü1");
        assertThat(data.get("priority").asString()).isEqualTo("urgent");

        assertThat(request.signature()).startsWith("sha256=");
        assertThat(request.id()).isNotBlank();
        assertThat(Long.parseLong(request.timestamp())).isCloseTo(System.currentTimeMillis() / 1000, org.assertj.core.data.Offset.offset(60L));
        assertThat(verifyWithPython(request.body(), request.signature(), hook.secret())).isEqualTo("True");
        assertThat(verifyWithPython(request.body().replace("urgent", "low"), request.signature(), hook.secret()))
                .as("a tampered body fails verification").isEqualTo("False");
        assertThat(verifyWithPython(request.body(), request.signature(), "whsec_wrong")).isEqualTo("False");

        await().atMost(Duration.ofSeconds(5)).until(() -> api.get("/api/v1/webhooks/" + hook.id() + "/deliveries?status=succeeded")
                .json().get("deliveries").size() == 1);
        JsonNode deliveries = api.get("/api/v1/webhooks/" + hook.id() + "/deliveries").json().get("deliveries");
        assertThat(deliveries).hasSize(1);
        assertThat(deliveries.get(0).get("id").asString()).isEqualTo(request.id());
        assertThat(deliveries.get(0).get("status").asString()).isEqualTo("succeeded");
        assertThat(deliveries.get(0).get("last_response_code").asInt()).isEqualTo(200);
        assertThat(deliveries.get(0).get("attempts").asInt()).isEqualTo(1);
    }

    @Test
    void chatEventsArriveInTheContractsPayloadFormsForSubscribedEventsOnly() throws Exception {
        String tenant = TestTokens.newTenant();
        HttpApi api = HttpApi.at(port).asTenant(tenant);
        subscribe(api, receiver.url(), List.of("conversation.created", "conversation.escalated", "conversation.resolved",
                "message.received", "feedback.submitted", "session.closed"));
        String conv = UUID.randomUUID().toString();
        publish(tenant, conv, new ChatEvents.ConversationCreated("conv_abc123", "user_12345", "chat", "Password"));
        publish(tenant, conv, new ChatEvents.MessageReceived("conv_abc123", "msg_001", "user_12345", "chat", "How do I reset?"));
        publish(tenant, conv, new ChatEvents.MessageAnswered("conv_abc123", "msg_002", "user_12345", "ai", "support", "local",
                1, 1, 0, 10, false, 0.9, 0, 0.1, "how_to", 1));
        publish(tenant, conv, new ChatEvents.ConversationEscalated("conv_abc123", "user_12345", "low_confidence", "TKT-2026-000001", "agent_456"));
        publish(tenant, conv, new ChatEvents.ConversationResolved("conv_abc123", "user_12345", "human"));
        publish(tenant, conv, new ChatEvents.FeedbackSubmitted("conv_abc123", "user_12345", 5, "great"));
        publish(tenant, conv, new ChatEvents.SessionClosed("sess_1", "conv_abc123", "user_12345", 12, 7, true));

        await().atMost(Duration.ofSeconds(20)).until(() -> receiver.requests.size() >= 6);
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5)).until(() -> receiver.requests.size() == 6);
        List<String> order = receiver.requests.stream().map(TestReceiver.Request::event).toList();
        assertThat(order).as("one conversation's events arrive in order").containsExactly("conversation.created", "message.received",
                "conversation.escalated", "conversation.resolved", "feedback.submitted", "session.closed");

        JsonNode escalated = EventJson.MAPPER.readTree(receiver.ofEvent("conversation.escalated").getFirst().body());
        assertThat(escalated.propertyNames()).containsExactly("event", "timestamp", "data");
        assertThat(escalated.get("data").get("conversation_id").asString()).isEqualTo("conv_abc123");
        assertThat(escalated.get("data").get("user_id").asString()).isEqualTo("user_12345");
        assertThat(escalated.get("data").get("reason").asString()).isEqualTo("low_confidence");
        assertThat(escalated.get("data").get("assigned_agent").asString()).isEqualTo("agent_456");
        JsonNode message = EventJson.MAPPER.readTree(receiver.ofEvent("message.received").getFirst().body()).get("data");
        assertThat(message.get("content").asString()).isEqualTo("How do I reset?");
        JsonNode feedback = EventJson.MAPPER.readTree(receiver.ofEvent("feedback.submitted").getFirst().body()).get("data");
        assertThat(feedback.get("rating").asInt()).isEqualTo(5);
        JsonNode closed = EventJson.MAPPER.readTree(receiver.ofEvent("session.closed").getFirst().body()).get("data");
        assertThat(closed.propertyNames()).containsExactly("session_id", "customer_id", "duration_minutes", "message_count", "escalated");
        assertThat(closed.get("duration_minutes").asInt()).isEqualTo(12);
        assertThat(closed.get("escalated").asBoolean()).isTrue();
    }

    @Test
    void eventsOfAnotherTenantOrAnUnchosenTypeAndDuplicatesAreNotDelivered() throws Exception {
        String tenant = TestTokens.newTenant();
        HttpApi api = HttpApi.at(port).asTenant(tenant);
        subscribe(api, receiver.url(), List.of("feedback.submitted"));
        String conv = UUID.randomUUID().toString();
        publish(TestTokens.newTenant(), conv, new ChatEvents.FeedbackSubmitted("c", "u", 1, "other tenant"));
        publish(tenant, conv, new ChatEvents.ConversationCreated("c", "u", "chat", null));
        EventEnvelope feedback = EventEnvelope.of(tenant, conv, new ChatEvents.FeedbackSubmitted("c", "u", 3, "mine"));
        kafka.send(Topics.CHAT, conv, feedback.toJson()).get();
        kafka.send(Topics.CHAT, conv, feedback.toJson()).get();

        await().atMost(Duration.ofSeconds(20)).until(() -> receiver.requests.size() == 1);
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5)).until(() -> receiver.requests.size() == 1);
        assertThat(EventJson.MAPPER.readTree(receiver.requests.getFirst().body()).get("data").get("comment").asString()).isEqualTo("mine");
    }

    @Test
    void aFailingReceiverIsRetriedWithTheSameDeliveryIdUntilItAccepts() throws Exception {
        String tenant = TestTokens.newTenant();
        HttpApi api = HttpApi.at(port).asTenant(tenant);
        Hook hook = subscribe(api, receiver.url(), List.of("feedback.submitted"));
        AtomicInteger calls = new AtomicInteger();
        receiver.answer(r -> calls.incrementAndGet() <= 2 ? 503 : 204);
        publish(tenant, "c1", new ChatEvents.FeedbackSubmitted("c1", "u", 2, "retry me"));

        await().atMost(Duration.ofSeconds(20)).until(() -> receiver.requests.stream().anyMatch(r -> r.answered() == 204));
        assertThat(receiver.requests).hasSize(3);
        assertThat(receiver.requests.stream().map(TestReceiver.Request::id).collect(Collectors.toSet())).hasSize(1);
        assertThat(receiver.requests.stream().map(TestReceiver.Request::body).collect(Collectors.toSet())).hasSize(1);

        String deliveryId = receiver.requests.getFirst().id();
        await().atMost(Duration.ofSeconds(5)).until(() -> api.get("/api/v1/webhooks/" + hook.id() + "/deliveries/" + deliveryId)
                .json().get("delivery").get("status").asString().equals("succeeded"));
        JsonNode detail = api.get("/api/v1/webhooks/" + hook.id() + "/deliveries/" + deliveryId).json();
        assertThat(detail.get("delivery").get("attempts").asInt()).isEqualTo(3);
        assertThat(detail.get("attempts").findValuesAsString("response_code")).containsExactly("503", "503", "204");
        assertThat(api.get("/api/v1/webhooks/" + hook.id()).json().get("consecutive_failures").asInt()).isZero();
    }

    @Test
    void aSubjectsNextDeliveryWaitsForThePreviousWhileOtherSubjectsFlow() throws Exception {
        String tenant = TestTokens.newTenant();
        HttpApi api = HttpApi.at(port).asTenant(tenant);
        subscribe(api, receiver.url(), List.of("feedback.submitted"));
        AtomicInteger firstFailures = new AtomicInteger();
        receiver.answer(r -> r.body().contains("\"first\"") && firstFailures.incrementAndGet() <= 3 ? 500 : 200);

        publish(tenant, "conv-A", new ChatEvents.FeedbackSubmitted("A", "u", 1, "first"));
        publish(tenant, "conv-A", new ChatEvents.FeedbackSubmitted("A", "u", 1, "second"));
        publish(tenant, "conv-B", new ChatEvents.FeedbackSubmitted("B", "u", 1, "other"));

        await().atMost(Duration.ofSeconds(30)).until(() -> receiver.requests.stream().filter(r -> r.answered() == 200).count() == 3);
        List<String> comments = receiver.requests.stream()
                .map(r -> EventJson.MAPPER.readTree(r.body()).get("data").get("comment").asString() + ":" + r.answered()).toList();
        assertThat(comments.indexOf("second:200")).as(comments.toString()).isGreaterThan(comments.indexOf("first:200"));
        assertThat(comments).as("'second' is never sent before 'first' succeeded").containsOnlyOnce("second:200");
        assertThat(comments.subList(0, comments.indexOf("first:200"))).doesNotContain("second:200", "second:500");
        assertThat(comments.indexOf("other:200")).as("another subject is not held back").isLessThan(comments.indexOf("first:200"));
    }

    @Test
    void persistentFailureGivesUpAndDisablesTheWebhookWithAReasonUntilReEnabled() throws Exception {
        String tenant = TestTokens.newTenant();
        HttpApi api = HttpApi.at(port).asTenant(tenant);
        Hook hook = subscribe(api, receiver.url(), List.of("feedback.submitted"));
        receiver.answer(r -> 500);
        publish(tenant, "c-dead", new ChatEvents.FeedbackSubmitted("c", "u", 1, "never accepted"));
        await().atMost(Duration.ofSeconds(20)).until(() -> receiver.requests.size() >= 1);

        // As if the receiver had been failing for a day: the next failure falls outside the 24 h retry window.
        jdbc.update("update webhook_delivery set created_at = created_at - interval '24 hours' where subscription_id = ?", UUID.fromString(hook.id()));
        await().atMost(Duration.ofSeconds(20)).until(() -> api.get("/api/v1/webhooks/" + hook.id()).json().get("status").asString().equals("disabled"));

        JsonNode webhook = api.get("/api/v1/webhooks/" + hook.id()).json();
        assertThat(webhook.get("disabled_reason").asString()).contains("Disabled automatically").contains("HTTP 500");
        JsonNode delivery = api.get("/api/v1/webhooks/" + hook.id() + "/deliveries").json().get("deliveries").get(0);
        assertThat(delivery.get("status").asString()).isEqualTo("failed");
        assertThat(delivery.get("last_response_code").asInt()).isEqualTo(500);

        int before = receiver.requests.size();
        publish(tenant, "c-dead-2", new ChatEvents.FeedbackSubmitted("c", "u", 1, "while disabled"));
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> receiver.requests.size() == before);

        receiver.answer(r -> 200);
        JsonNode enabled = api.put("/api/v1/webhooks/" + hook.id(), Map.of("active", true)).json();
        assertThat(enabled.get("status").asString()).isEqualTo("active");
        assertThat(enabled.get("disabled_reason").isNull()).isTrue();
        publish(tenant, "c-alive", new ChatEvents.FeedbackSubmitted("c", "u", 5, "after re-enabling"));
        await().atMost(Duration.ofSeconds(20)).until(() -> receiver.requests.stream().anyMatch(r -> r.body().contains("after re-enabling")));
    }

    @Test
    void aDeliveryClaimedByAWorkerThatDiedIsSentOnceItsLeaseExpires() throws Exception {
        String tenant = TestTokens.newTenant();
        HttpApi api = HttpApi.at(port).asTenant(tenant);
        Hook hook = subscribe(api, receiver.url(), List.of("feedback.submitted"));
        UUID id = UUID.randomUUID();
        // The state a crashed process leaves: a pending row leased (3 s in tests) to an owner that will never finish it.
        jdbc.update("insert into webhook_delivery (id, tenant_id, subscription_id, event_id, event_type, subject, payload, status, "
                        + "next_attempt_at, lease_owner, lease_until, created_at) values (?, ?, ?, ?, 'feedback.submitted', 'c-crash', ?, "
                        + "'pending', now(), ?, now() + interval '3 seconds', now())",
                id, tenant, UUID.fromString(hook.id()), UUID.randomUUID(), "{\"event\":\"feedback.submitted\",\"data\":{}}", UUID.randomUUID());
        long start = System.nanoTime();

        await().atMost(Duration.ofSeconds(20)).until(() -> receiver.requests.stream().anyMatch(r -> r.id().equals(id.toString())));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("not before the lease ran out").isGreaterThan(Duration.ofMillis(2500));
        await().atMost(Duration.ofSeconds(5)).until(() -> "succeeded".equals(
                jdbc.queryForObject("select status from webhook_delivery where id = ?", String.class, id)));
    }

    @Test
    void aTestPingIsSignedAndReportedAndRedeliveryResendsTheBodyUnderANewId() throws Exception {
        String tenant = TestTokens.newTenant();
        HttpApi api = HttpApi.at(port).asTenant(tenant);
        Hook hook = subscribe(api, receiver.url(), List.of("feedback.submitted"));

        JsonNode ping = api.post("/api/v1/webhooks/" + hook.id() + "/test", Map.of()).json();
        assertThat(ping.get("status").asString()).isEqualTo("succeeded");
        assertThat(ping.get("response_code").asInt()).isEqualTo(200);
        TestReceiver.Request pinged = receiver.ofEvent("ping").getFirst();
        assertThat(pinged.id()).isEqualTo(ping.get("delivery_id").asString());
        assertThat(verifyWithPython(pinged.body(), pinged.signature(), hook.secret())).isEqualTo("True");

        receiver.answer(r -> 404);
        JsonNode failed = api.post("/api/v1/webhooks/" + hook.id() + "/test", Map.of()).json();
        assertThat(failed.get("status").asString()).isEqualTo("failed");
        assertThat(failed.get("response_code").asInt()).isEqualTo(404);
        assertThat(api.get("/api/v1/webhooks/" + hook.id()).json().get("status").asString()).as("a failed ping disables nothing").isEqualTo("active");

        receiver.answer(r -> 200);
        publish(tenant, "c-re", new ChatEvents.FeedbackSubmitted("c", "u", 4, "send me twice"));
        await().atMost(Duration.ofSeconds(20)).until(() -> receiver.ofEvent("feedback.submitted").size() == 1);
        String first = receiver.ofEvent("feedback.submitted").getFirst().id();
        HttpApi.Response redeliver = api.post("/api/v1/webhooks/" + hook.id() + "/deliveries/" + first + "/redeliver", Map.of());
        assertThat(redeliver.status()).as(redeliver.toString()).isEqualTo(202);
        assertThat(redeliver.json().get("redelivery_of").asString()).isEqualTo(first);

        await().atMost(Duration.ofSeconds(20)).until(() -> receiver.ofEvent("feedback.submitted").size() == 2);
        List<TestReceiver.Request> both = receiver.ofEvent("feedback.submitted");
        assertThat(both.get(1).id()).isNotEqualTo(first).isEqualTo(redeliver.json().get("id").asString());
        assertThat(both.get(1).body()).isEqualTo(both.get(0).body());
        // The receiver has answered; the outcome is recorded right after.
        await().atMost(Duration.ofSeconds(5)).until(() ->
                api.get("/api/v1/webhooks/" + hook.id() + "/deliveries?status=succeeded").json().get("deliveries").size() == 3);
        assertThat(api.get("/api/v1/webhooks/" + hook.id() + "/deliveries?status=failed").json().get("deliveries"))
                .as("the failed ping").hasSize(1);
    }

    @Test
    void subscriptionsAreManagedPerTenantAndTheSecretIsShownOnlyOnce() {
        String tenant = TestTokens.newTenant();
        HttpApi api = HttpApi.at(port).asTenant(tenant);
        HttpApi.Response created = api.post("/api/v1/webhooks", Map.of("url", receiver.url(), "events", List.of("message.received"),
                "description", "CRM sync"));
        assertThat(created.status()).isEqualTo(201);
        String id = created.json().get("id").asString();
        assertThat(created.json().get("secret").asString()).startsWith("whsec_").hasSize(6 + 64);

        JsonNode listed = api.get("/api/v1/webhooks").json().get("webhooks");
        assertThat(listed).hasSize(1);
        assertThat(listed.get(0).has("secret")).isFalse();
        assertThat(api.get("/api/v1/webhooks/" + id).json().has("secret")).isFalse();

        JsonNode updated = api.put("/api/v1/webhooks/" + id, Map.of("events", List.of("message.received", "feedback.submitted"))).json();
        assertThat(updated.get("events").toString()).isEqualTo("[\"message.received\",\"feedback.submitted\"]");
        assertThat(updated.get("description").asString()).isEqualTo("CRM sync");

        HttpApi other = HttpApi.at(port).asTenant(TestTokens.newTenant());
        assertThat(other.get("/api/v1/webhooks/" + id).status()).isEqualTo(404);
        assertThat(other.delete("/api/v1/webhooks/" + id).status()).isEqualTo(404);
        assertThat(other.get("/api/v1/webhooks").json().get("webhooks")).isEmpty();

        HttpApi.Response bad = api.post("/api/v1/webhooks", Map.of("url", receiver.url(), "events", List.of("ticket.exploded")));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("error").get("code").asString()).isEqualTo("invalid_request");
        assertThat(bad.json().get("error").get("request_id").asString()).isNotBlank();

        assertThat(api.delete("/api/v1/webhooks/" + id).status()).isEqualTo(204);
        assertThat(api.get("/api/v1/webhooks/" + id).status()).isEqualTo(404);
        assertThat(api.get("/api/v1/webhooks/events").json().get("events")).hasSize(7);
    }

    @Test
    void targetsOnPrivateLinkLocalOrMetadataAddressesAreRefused() {
        HttpApi api = HttpApi.at(port).asTenant(TestTokens.newTenant());
        for (String url : Set.of("http://10.0.0.5/hook", "http://192.168.1.10/hook", "http://172.16.0.1/hook",
                "http://169.254.169.254/latest/meta-data/", "http://[fd00:ec2::254]/", "http://metadata.google.internal/",
                "http://100.64.0.1/", "http://0.0.0.0/", "ftp://example.com/hook", "http://user:pw@127.0.0.1/hook")) {
            HttpApi.Response r = api.post("/api/v1/webhooks", Map.of("url", url, "events", List.of("message.received")));
            assertThat(r.status()).as(url + " -> " + r).isEqualTo(400);
            assertThat(r.json().get("error").get("details").get("field").asString()).isEqualTo("url");
        }
    }
}
