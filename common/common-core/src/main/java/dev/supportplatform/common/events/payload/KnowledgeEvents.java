package dev.supportplatform.common.events.payload;

/** Events of knowledge-service (topic {@code knowledge.events}); the subject is the document id. */
public final class KnowledgeEvents {
    private KnowledgeEvents() {
    }

    /** @param sourceType {@code upload}, {@code url}, {@code text} or {@code article} */
    public record DocumentIngested(String documentId, String filename, String contentType, String sourceType,
                                   String collection, int chunks, long sizeBytes) {
    }

    public record DocumentDeleted(String documentId, String filename, String collection, int chunksRemoved) {
    }
}
