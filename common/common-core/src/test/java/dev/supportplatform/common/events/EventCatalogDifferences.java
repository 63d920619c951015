package dev.supportplatform.common.events;

import tools.jackson.databind.JsonNode;

import java.lang.reflect.Constructor;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Compares an AsyncAPI 3 document with the catalog in code ({@link EventType}, {@link Topics}, {@link EventEnvelope}
 * and the payload records) and names every difference, so a failing test says what to change.
 */
final class EventCatalogDifferences {

    private final JsonNode doc;
    private final Set<String> differences = new LinkedHashSet<>();

    private EventCatalogDifferences(JsonNode doc) {
        this.doc = doc;
    }

    static List<String> between(JsonNode asyncApi) {
        EventCatalogDifferences diff = new EventCatalogDifferences(asyncApi);
        Map<String, JsonNode> messages = diff.messagesByName();
        diff.compareMessageSets(messages.keySet());
        diff.compareEnvelope();
        for (EventType type : EventType.values()) {
            JsonNode message = messages.get(type.wireName());
            if (message != null) {
                diff.compareChannel(type);
                diff.compareProducerAndConsumers(type, message);
                diff.comparePayload(type, message);
            }
        }
        diff.compareDeadLetterChannels();
        return List.copyOf(diff.differences);
    }

    // --- messages and channels ------------------------------------------------------------------------------

    /** components.messages by their {@code name} (the wire name). */
    private Map<String, JsonNode> messagesByName() {
        Map<String, JsonNode> byName = new TreeMap<>();
        doc.path("components").path("messages").forEachEntry((key, message) -> {
            String name = message.path("name").asString("");
            if (name.isEmpty()) {
                differences.add("message components.messages." + key + " has no name");
            } else if (byName.put(name, message) != null) {
                differences.add("message " + name + " is documented twice");
            }
        });
        return byName;
    }

    private void compareMessageSets(Set<String> documented) {
        Set<String> inCode = Arrays.stream(EventType.values()).map(EventType::wireName).collect(Collectors.toCollection(TreeSet::new));
        for (String name : inCode) {
            if (!documented.contains(name)) {
                differences.add("EventType " + name + " has no message in asyncapi.yaml");
            }
        }
        for (String name : documented) {
            if (!inCode.contains(name)) {
                differences.add("message " + name + " in asyncapi.yaml has no EventType");
            }
        }
    }

    /** The message must sit in exactly one (non dead-letter) channel, whose address is the EventType's topic. */
    private void compareChannel(EventType type) {
        List<String> addresses = new ArrayList<>();
        doc.path("channels").forEachEntry((id, channel) -> channel.path("messages").values().forEach(ref -> {
            if (type.wireName().equals(resolve(ref).path("name").asString(""))) {
                addresses.add(channel.path("address").asString("(no address)"));
            }
        }));
        if (addresses.size() != 1) {
            differences.add("message " + type.wireName() + " is in " + addresses.size() + " channels " + addresses + ", expected exactly one");
        } else if (!addresses.getFirst().equals(type.topic())) {
            differences.add("message " + type.wireName() + " is on channel " + addresses.getFirst() + " but EventType says topic " + type.topic());
        }
    }

    private void compareDeadLetterChannels() {
        Set<String> addresses = new TreeSet<>();
        doc.path("channels").forEach(channel -> addresses.add(channel.path("address").asString("")));
        Set<String> expected = new TreeSet<>();
        for (EventType type : EventType.values()) {
            expected.add(type.topic());
            expected.add(Topics.deadLetter(type.topic()));
        }
        for (String address : expected) {
            if (!addresses.contains(address)) {
                differences.add("no channel with address " + address);
            }
        }
        for (String address : addresses) {
            if (!expected.contains(address)) {
                differences.add("channel " + address + " is neither an EventType topic nor its dead-letter topic");
            }
        }
    }

    // --- producers and consumers ----------------------------------------------------------------------------

    /** x-producer is the topic's owner and the only sender; x-consumers are exactly the services that receive it. */
    private void compareProducerAndConsumers(EventType type, JsonNode message) {
        String owner = type.topic().substring(0, type.topic().indexOf('.')) + "-service";
        String producer = message.path("x-producer").asString("");
        if (!owner.equals(producer)) {
            differences.add("message " + type.wireName() + " has x-producer '" + producer + "', expected the owner of " + type.topic() + ": " + owner);
        }
        Set<String> consumers = new TreeSet<>();
        message.path("x-consumers").forEach(c -> consumers.add(c.asString()));
        Set<String> senders = new TreeSet<>();
        Set<String> receivers = new TreeSet<>();
        doc.path("operations").forEachEntry((id, operation) -> operation.path("messages").forEach(ref -> {
            if (type.wireName().equals(resolve(ref).path("name").asString(""))) {
                String service = operation.path("x-service").asString("(operation " + id + " has no x-service)");
                ("send".equals(operation.path("action").asString("")) ? senders : receivers).add(service);
            }
        }));
        if (!senders.equals(Set.of(producer))) {
            differences.add("message " + type.wireName() + " is sent by operations of " + senders + " but x-producer is " + producer);
        }
        if (!receivers.equals(consumers)) {
            differences.add("message " + type.wireName() + " is received by operations of " + receivers + " but x-consumers is " + consumers);
        }
    }

    // --- payloads -------------------------------------------------------------------------------------------

    private void compareEnvelope() {
        Map<String, String> documented = properties(doc.path("components").path("schemas").path("EventEnvelope")).keySet().stream()
                .collect(Collectors.toMap(k -> k, k -> "", (a, b) -> a, TreeMap::new));
        Set<String> inCode = Arrays.stream(EventEnvelope.class.getRecordComponents()).map(c -> snakeCase(c.getName()))
                .collect(Collectors.toCollection(TreeSet::new));
        if (!documented.keySet().equals(inCode)) {
            differences.add("EventEnvelope schema has properties " + documented.keySet() + " but the record has " + inCode);
        }
    }

    private void comparePayload(EventType type, JsonNode message) {
        Map<String, JsonNode> envelope = properties(message.path("payload"));
        String constType = envelope.getOrDefault("type", missing()).path("const").asString("");
        if (!type.wireName().equals(constType)) {
            differences.add("message " + type.wireName() + " payload fixes type to '" + constType + "'");
        }
        Map<String, JsonNode> documented = properties(envelope.getOrDefault("data", missing()));
        Map<String, String> expected = expectedProperties(type);
        for (var entry : expected.entrySet()) {
            JsonNode schema = documented.get(entry.getKey());
            if (schema == null) {
                differences.add(type.wireName() + ": data." + entry.getKey() + " (" + entry.getValue() + ") is not documented");
            } else if (!entry.getValue().equals(typeOf(schema))) {
                differences.add(type.wireName() + ": data." + entry.getKey() + " is documented as " + typeOf(schema)
                        + " but the record says " + entry.getValue());
            }
        }
        for (String name : documented.keySet()) {
            if (!expected.containsKey(name)) {
                differences.add(type.wireName() + ": data." + name + " is documented but " + type.payloadType().getSimpleName() + " has no such component");
            }
        }
        List<String> onTheWire = wireNames(type.payloadType());
        if (!new TreeSet<>(onTheWire).equals(new TreeSet<>(expected.keySet()))) {
            differences.add(type.wireName() + ": EventJson writes " + onTheWire + ", not the snake_case component names " + expected.keySet());
        }
    }

    /** JSON name to documented type ({@code string}, {@code integer|null}, {@code array<string>}, ...) of each component. */
    private Map<String, String> expectedProperties(EventType type) {
        Map<String, String> expected = new LinkedHashMap<>();
        for (RecordComponent component : type.payloadType().getRecordComponents()) {
            expected.put(snakeCase(component.getName()), jsonType(type, component));
        }
        return expected;
    }

    private String jsonType(EventType type, RecordComponent component) {
        Type generic = component.getGenericType();
        if (generic instanceof ParameterizedType p && p.getRawType() == List.class && p.getActualTypeArguments()[0] == String.class) {
            return "array<string>";
        }
        Class<?> raw = component.getType();
        if (raw == String.class) {
            return "string";
        }
        if (raw == int.class || raw == long.class) {
            return "integer";
        }
        if (raw == Integer.class || raw == Long.class) {
            return "integer|null";
        }
        if (raw == double.class || raw == float.class) {
            return "number";
        }
        if (raw == boolean.class) {
            return "boolean";
        }
        differences.add(type.wireName() + ": component " + component.getName() + " has type " + generic.getTypeName()
                + ", which this test does not map to a JSON type yet");
        return "unmapped " + generic.getTypeName();
    }

    private String typeOf(JsonNode schema) {
        JsonNode t = resolve(schema).path("type");
        if (t.isArray()) {
            List<String> names = new ArrayList<>();
            t.forEach(n -> names.add(n.asString()));
            names.sort((a, b) -> "null".equals(a) ? 1 : "null".equals(b) ? -1 : a.compareTo(b));
            return String.join("|", names);
        }
        if ("array".equals(t.asString(""))) {
            return "array<" + typeOf(resolve(schema).path("items")) + ">";
        }
        return t.asString("(no type)");
    }

    /** What {@link EventJson} actually writes for a payload with every component at its default. */
    private static List<String> wireNames(Class<? extends Record> payloadType) {
        try {
            RecordComponent[] components = payloadType.getRecordComponents();
            Class<?>[] types = Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new);
            Object[] args = Arrays.stream(types).map(EventCatalogDifferences::defaultValue).toArray();
            Constructor<? extends Record> constructor = payloadType.getDeclaredConstructor(types);
            return new ArrayList<>(EventJson.MAPPER.valueToTree(constructor.newInstance(args)).propertyNames());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot instantiate " + payloadType, e);
        }
    }

    private static Object defaultValue(Class<?> type) {
        if (!type.isPrimitive()) {
            return null;
        }
        if (type == boolean.class) {
            return false;
        }
        if (type == double.class) {
            return 0.0;
        }
        if (type == float.class) {
            return 0.0f;
        }
        if (type == long.class) {
            return 0L;
        }
        return 0;
    }

    // --- schema navigation ----------------------------------------------------------------------------------

    /** The properties of a schema, following $ref and merging allOf (later entries win, as they refine). */
    private Map<String, JsonNode> properties(JsonNode schema) {
        JsonNode resolved = resolve(schema);
        Map<String, JsonNode> properties = new HashMap<>();
        resolved.path("allOf").forEach(part -> properties.putAll(properties(part)));
        resolved.path("properties").forEachEntry((name, property) -> properties.put(name, resolve(property)));
        return properties;
    }

    /** Follows local references ({@code $ref: '#/...'}) until a node that is not a reference. */
    private JsonNode resolve(JsonNode node) {
        JsonNode current = node;
        for (int hops = 0; current.has("$ref") && hops < 10; hops++) {
            String ref = current.path("$ref").asString();
            if (!ref.startsWith("#/")) {
                differences.add("only local references are supported: " + ref);
                return missing();
            }
            JsonNode target = doc.at(ref.substring(1));
            if (target.isMissingNode()) {
                differences.add("reference " + ref + " points nowhere");
            }
            current = target;
        }
        return current;
    }

    private static JsonNode missing() {
        return tools.jackson.databind.node.MissingNode.getInstance();
    }

    /** The wire naming of {@link EventJson} (Jackson's SNAKE_CASE for these simple names). */
    static String snakeCase(String name) {
        return name.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase();
    }
}
