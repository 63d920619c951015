package dev.supportplatform.common.events;

/** One Kafka topic per owning service, keyed by subject so that one subject's events stay in order. */
public final class Topics {
    public static final String CHAT = "chat.events";
    public static final String CRM = "crm.events";
    public static final String KNOWLEDGE = "knowledge.events";
    public static final String ESCALATION = "escalation.events";

    /** Where a consumer's failed records go after bounded retries: {@code <topic>.dlt}. */
    public static String deadLetter(String topic) {
        return topic + ".dlt";
    }

    private Topics() {
    }
}
