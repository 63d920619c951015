package dev.supportplatform.chat;

import dev.supportplatform.common.test.HttpApi;
import dev.supportplatform.common.test.ServiceIntegrationTest;
import dev.supportplatform.common.test.TestTokens;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Managing a tenant's intents through /api/v1/intents: examples, CSV import, training, detection, thresholds, isolation. */
@ServiceIntegrationTest
class IntentsApiTest extends ChatTestSupport {

    static final String CSV = """
            text,intent
            "Where is my refund? I returned the item, weeks ago",refund_status
            Has my refund been processed yet?,refund_status
            I still haven't received the money back for my return,refund_status
            When will I get my refund?,refund_status
            How long until the refund reaches my card?,refund_status
            My refund is missing,refund_status
            I moved and need to change my delivery address,change_address
            How do I update my shipping address?,change_address
            Please change the address on my account,change_address
            Can I edit the address my orders go to?,change_address
            I have a new home address,change_address
            Update my postal address please,change_address
            I want to cancel my subscription,cancel_subscription
            How do I stop my monthly plan?,cancel_subscription
            Please end my membership,cancel_subscription
            Cancel my account renewal,cancel_subscription
            I don't want to be billed every month anymore,cancel_subscription
            How can I unsubscribe from the paid plan?,cancel_subscription
            Which football team won the league this year?,out_of_scope
            Recommend me a good pizza place nearby,out_of_scope
            """;

    static JsonNode trained(HttpApi client) {
        HttpApi.Response imported = client.postRaw("/api/v1/intents/import?train=true", "text/csv", CSV);
        assertThat(imported.status()).as(imported.toString()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(60)).until(() -> client.get("/api/v1/intents/model").json().get("status").asString().equals("ready"));
        return imported.json();
    }

    static JsonNode classify(HttpApi client, String text) {
        HttpApi.Response r = client.post("/api/v1/intents/classify", Map.of("text", text));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.json();
    }

    @Test
    void aCsvImportCreatesIntentsAndTrainingMakesThemRecognisable() {
        HttpApi client = api(TestTokens.newTenant());
        JsonNode imported = trained(client);
        assertThat(imported.get("rows").asInt()).isEqualTo(20);
        assertThat(imported.get("added").asInt()).isEqualTo(20);
        assertThat(imported.get("intents_created").toString()).contains("refund_status", "change_address", "cancel_subscription");

        JsonNode model = client.get("/api/v1/intents/model").json();
        assertThat(model.get("version").asLong()).isPositive();
        assertThat(model.get("examples").asInt()).isEqualTo(20);
        assertThat(model.get("intents").asInt()).as("out_of_scope holds negative examples, not an intent").isEqualTo(3);
        assertThat(model.get("stale").asBoolean()).isFalse();
        assertThat(model.get("training_ms").asLong()).isNotNegative();

        // paraphrases that are not among the examples
        assertThat(classify(client, "I returned a jacket and the money never came back").get("intent").asString()).isEqualTo("refund_status");
        assertThat(classify(client, "I need my parcels sent to a different street now").get("intent").asString()).isEqualTo("change_address");
        JsonNode cancel = classify(client, "stop charging me for the subscription, I'm done with it");
        assertThat(cancel.get("intent").asString()).isEqualTo("cancel_subscription");
        assertThat(cancel.get("out_of_scope").asBoolean()).isFalse();
        assertThat(cancel.get("confidence").asDouble()).isGreaterThan(cancel.get("threshold").asDouble());
        // the built-in intents stay recognised next to the tenant's
        assertThat(classify(client, "hello there!").get("intent").asString()).isEqualTo("greeting");
        assertThat(classify(client, "can I please talk to an actual person").get("intent").asString()).isEqualTo("human_request");
    }

    @Test
    void aMessageThatMatchesNoIntentIsOutOfScopeAndTheThresholdDecidesHowStrictThatIs() {
        HttpApi client = api(TestTokens.newTenant());
        trained(client);
        JsonNode unrelated = classify(client, "Who wrote the novel Moby Dick?");
        assertThat(unrelated.get("intent").asString()).isEqualTo("out_of_scope");
        assertThat(unrelated.get("out_of_scope").asBoolean()).isTrue();
        assertThat(unrelated.get("closest").isString()).isTrue();

        assertThat(unrelated.get("threshold").asDouble()).as("the service's default until the tenant sets its own").isEqualTo(0.2);
        String borderline = "Is my money coming back?";
        double confidence = classify(client, borderline).get("confidence").asDouble();
        assertThat(client.put("/api/v1/intents/settings", Map.of("threshold", Math.min(1.0, confidence + 0.01))).status()).isEqualTo(200);
        assertThat(classify(client, borderline).get("out_of_scope").asBoolean()).isTrue();
        assertThat(client.put("/api/v1/intents/settings", Map.of("threshold", Math.max(0.0, confidence - 0.01))).status()).isEqualTo(200);
        assertThat(classify(client, borderline).get("out_of_scope").asBoolean()).isFalse();
        assertThat(client.get("/api/v1/intents/model").json().get("threshold").asDouble()).isEqualTo(Math.max(0.0, confidence - 0.01));
    }

    @Test
    void intentsAreManagedOneByOneWithTheirExamplesAndActions() {
        HttpApi client = api(TestTokens.newTenant());
        HttpApi.Response created = client.post("/api/v1/intents", Map.of("name", "warranty_claim", "description", "Claims under warranty",
                "examples", List.of("My device broke within the warranty period", "I want to make a warranty claim"),
                "action", Map.of("type", "route", "route_to", "support_agent")));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String id = created.json().get("id").asString();
        assertThat(created.json().get("examples").asInt()).isEqualTo(2);
        assertThat(created.json().get("action").get("route_to").asString()).isEqualTo("support_agent");

        HttpApi.Response more = client.post("/api/v1/intents/" + id + "/examples",
                Map.of("examples", List.of("Is this repair covered by warranty?", "i want to make a WARRANTY claim")));
        assertThat(more.status()).isEqualTo(201);
        assertThat(more.json().get("added").asInt()).isEqualTo(1);
        assertThat(more.json().get("duplicates").asInt()).isEqualTo(1);

        JsonNode examples = client.get("/api/v1/intents/warranty_claim/examples?limit=10").json().get("examples");
        assertThat(examples).hasSize(3);
        long first = examples.get(0).get("id").asLong();
        assertThat(client.delete("/api/v1/intents/" + id + "/examples/" + first).status()).isEqualTo(200);
        assertThat(client.delete("/api/v1/intents/" + id + "/examples/" + first).status()).isEqualTo(404);

        HttpApi.Response updated = client.put("/api/v1/intents/" + id, Map.of("action",
                Map.of("type", "escalate", "escalation_reason", "warranty_review")));
        assertThat(updated.status()).as(updated.toString()).isEqualTo(200);
        assertThat(updated.json().get("action").get("escalation_reason").asString()).isEqualTo("warranty_review");
        assertThat(client.get("/api/v1/intents/model").json().get("stale").asBoolean()).isTrue();

        // a tenant adds its own examples to a built-in intent; the built-in's action stays
        HttpApi.Response greeting = client.post("/api/v1/intents", Map.of("name", "Greeting", "examples", List.of("howdy partner"),
                "action", Map.of("type", "escalate")));
        assertThat(greeting.status()).as(greeting.toString()).isEqualTo(201);
        assertThat(greeting.json().get("name").asString()).isEqualTo("greeting");
        assertThat(greeting.json().get("action").get("type").asString()).isEqualTo("label");

        JsonNode list = client.get("/api/v1/intents").json();
        assertThat(list.get("intents").findValuesAsString("name")).contains("human_request", "greeting", "thanks", "complaint", "warranty_claim");
        assertThat(client.delete("/api/v1/intents/warranty_claim").status()).isEqualTo(200);
        assertThat(client.get("/api/v1/intents/" + id).status()).isEqualTo(404);
    }

    @Test
    void badDefinitionsAndFilesAreRefusedInThePlatformErrorShapeAndStoreNothing() {
        String tenant = TestTokens.newTenant();
        HttpApi client = api(tenant);
        HttpApi.Response reserved = client.post("/api/v1/intents", Map.of("name", "train", "examples", List.of("hi")));
        assertThat(reserved.status()).isEqualTo(400);
        assertThat(reserved.json().get("error").get("code").asString()).isEqualTo("invalid_request");
        assertThat(client.post("/api/v1/intents", Map.of("name", "x", "action", Map.of("type", "teleport"))).status()).isEqualTo(400);
        assertThat(client.post("/api/v1/intents", Map.of("name", "x", "action", Map.of("type", "answer"))).status()).isEqualTo(400);
        assertThat(client.post("/api/v1/intents", Map.of("name", "a/b")).status()).isEqualTo(400);

        HttpApi.Response header = client.postRaw("/api/v1/intents/import", "text/csv", "phrase,label_x\nhello,x\n");
        assertThat(header.status()).isEqualTo(400);
        assertThat(header.json().get("error").get("message").asString()).contains("text and intent");
        // the second row is bad, so not even the first is stored
        HttpApi.Response partial = client.postRaw("/api/v1/intents/import", "text/csv", "text,intent\nwhere is my parcel,parcel\n,parcel\n");
        assertThat(partial.status()).isEqualTo(400);
        assertThat(partial.json().get("error").get("message").asString()).contains("row 3");
        assertThat(jdbc.queryForObject("select count(*) from intent where tenant_id = ?", Integer.class, tenant)).isZero();

        assertThat(client.post("/api/v1/intents/train", Map.of()).status()).as("nothing to train on").isEqualTo(400);
        assertThat(client.put("/api/v1/intents/settings", Map.of("threshold", 1.5)).status()).isEqualTo(400);
        assertThat(client.delete("/api/v1/intents/human_request").status()).isEqualTo(403);
        assertThat(client.post("/api/v1/intents/classify", Map.of("text", " ")).status()).isEqualTo(400);
    }

    @Test
    void oneTenantNeitherSeesNorUsesAnothersIntents() {
        HttpApi owner = api(TestTokens.newTenant());
        trained(owner);
        String id = owner.get("/api/v1/intents/refund_status").json().get("id").asString();

        HttpApi other = api(TestTokens.newTenant());
        assertThat(other.get("/api/v1/intents/" + id).status()).isEqualTo(404);
        assertThat(other.get("/api/v1/intents/refund_status").status()).isEqualTo(404);
        assertThat(other.delete("/api/v1/intents/" + id).status()).isEqualTo(404);
        assertThat(other.get("/api/v1/intents").json().get("intents").findValuesAsString("name")).doesNotContain("refund_status");
        assertThat(other.get("/api/v1/intents/model").json().get("status").asString()).isEqualTo("untrained");
        // the other tenant has only the built-in model: a refund question matches none of its intents
        assertThat(classify(other, "Has my refund been processed yet?").get("intent").asString()).isEqualTo("out_of_scope");
        assertThat(owner.get("/api/v1/intents/" + id).status()).isEqualTo(200);
    }
}
