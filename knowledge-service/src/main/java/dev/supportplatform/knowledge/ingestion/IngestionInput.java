package dev.supportplatform.knowledge.ingestion;

import java.util.List;
import java.util.Map;

/**
 * Something to ingest.
 *
 * @param sourceType   upload, url, text or article
 * @param declaredType the content type the client (or the remote server) claimed; checked against the bytes
 * @param kind         the format when already known (raw text, articles); null to inspect the bytes
 * @param body         the original text to keep for reading back (raw text, articles), null for files
 */
public record IngestionInput(String sourceType, String filename, String title, String source, String declaredType, byte[] bytes,
                             DocumentKind kind, String collection, String category, List<String> tags, Map<String, Object> metadata, String body) {

    public IngestionInput {
        collection = collection == null || collection.isBlank() ? "default" : collection.strip();
        tags = tags == null ? List.of() : tags.stream().filter(t -> t != null && !t.isBlank()).map(String::strip).distinct().toList();
        metadata = metadata == null ? Map.of() : metadata;
    }
}
