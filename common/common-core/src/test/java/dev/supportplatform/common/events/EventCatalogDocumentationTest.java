package dev.supportplatform.common.events;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** docs/events/asyncapi.yaml and the catalog in code describe the same events; a change to one alone fails here. */
class EventCatalogDocumentationTest {

    /** Relative to this module (Surefire runs tests in the module's directory). */
    static final Path ASYNCAPI = Path.of("../../docs/events/asyncapi.yaml");

    private ObjectNode doc;

    @BeforeEach
    void readDocument() throws IOException {
        doc = (ObjectNode) new YAMLMapper().readTree(Files.readString(ASYNCAPI));
    }

    @Test
    void asyncApiDocumentDescribesExactlyTheCatalogInCode() {
        assertThat(EventCatalogDifferences.between(doc))
                .as("differences between %s and dev.supportplatform.common.events", ASYNCAPI)
                .isEmpty();
    }

    @Test
    void documentIsAsyncApi3() {
        assertThat(doc.path("asyncapi").asString()).startsWith("3.");
    }

    // The comparison itself must catch each kind of drift; these break a copy of the real document on purpose.

    @Test
    void reportsAnEventTypeWithoutMessage() {
        ((ObjectNode) doc.path("components").path("messages")).remove("tool.invoked");
        assertThat(EventCatalogDifferences.between(doc)).contains("EventType tool.invoked has no message in asyncapi.yaml");
    }

    @Test
    void reportsAMessageWithoutEventType() {
        ObjectNode messages = (ObjectNode) doc.path("components").path("messages");
        messages.set("ticket.reopened", messages.path("escalation.updated").deepCopy());
        ((ObjectNode) messages.path("ticket.reopened")).put("name", "ticket.reopened");
        assertThat(EventCatalogDifferences.between(doc)).contains("message ticket.reopened in asyncapi.yaml has no EventType");
    }

    @Test
    void reportsAMessageOnTheWrongTopic() {
        ((ObjectNode) doc.path("channels").path("chatEvents")).put("address", "conversation.events");
        assertThat(EventCatalogDifferences.between(doc))
                .contains("message conversation.created is on channel conversation.events but EventType says topic chat.events");
    }

    @Test
    void reportsAMissingDataProperty() {
        ((ObjectNode) doc.at("/components/schemas/ContactCreated/properties")).remove("external_id");
        assertThat(EventCatalogDifferences.between(doc)).contains("contact.created: data.external_id (string) is not documented");
    }

    @Test
    void reportsAnExtraDataProperty() {
        ((ObjectNode) doc.at("/components/schemas/DocumentDeleted/properties")).putObject("size_bytes").put("type", "integer");
        assertThat(EventCatalogDifferences.between(doc))
                .contains("document.deleted: data.size_bytes is documented but DocumentDeleted has no such component");
    }

    @Test
    void reportsADataPropertyOfAnotherType() {
        ((ObjectNode) doc.at("/components/schemas/MessageAnswered/properties/cost_usd")).put("type", "integer");
        ArrayNode nullable = ((ObjectNode) doc.at("/components/schemas/EscalationUpdated/properties/customer_satisfaction")).putArray("type");
        nullable.add("integer");
        assertThat(EventCatalogDifferences.between(doc)).contains(
                "message.answered: data.cost_usd is documented as integer but the record says number",
                "escalation.updated: data.customer_satisfaction is documented as integer but the record says integer|null");
    }

    @Test
    void reportsAConsumerListThatDisagreesWithTheOperations() {
        ((ArrayNode) doc.at("/components/messages/contact.erased/x-consumers")).remove(1);
        assertThat(EventCatalogDifferences.between(doc)).anyMatch(d -> d.startsWith("message contact.erased is received by operations of"));
    }

    @Test
    void reportsAMissingDeadLetterChannel() {
        ((ObjectNode) doc.path("channels")).remove("crmEventsDeadLetter");
        assertThat(EventCatalogDifferences.between(doc)).contains("no channel with address crm.events.dlt");
    }

    @Test
    void wireJsonOfAnEnvelopeHasTheDocumentedEnvelopeFields() {
        EventEnvelope event = EventEnvelope.of("t1", "conv-1", new dev.supportplatform.common.events.payload.ChatEvents.ConversationResolved("conv-1", "user-1", "ai"));
        JsonNode json = EventJson.MAPPER.readTree(event.toJson());
        assertThat(json.propertyNames()).containsExactlyInAnyOrderElementsOf(
                doc.at("/components/schemas/EventEnvelope/properties").propertyNames());
        assertThat(json.path("occurred_at").isString()).as("occurred_at is an ISO-8601 string").isTrue();
        assertThat(json.path("event_id").asString()).matches("[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
        assertThat(json.path("data").path("resolved_by").asString()).isEqualTo("ai");
    }
}
