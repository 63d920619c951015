package dev.supportplatform.knowledge.document;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** One ingested document (an upload, a URL, a text or a knowledge-base article) as stored. */
public record DocumentRecord(String id, String tenantId, String sourceType, String filename, String title, String source,
                             String contentType, long sizeBytes, String sha256, String status, String statusReason,
                             double progress, Integer pages, int chunkCount, String collection, String category,
                             List<String> tags, Map<String, Object> metadata, Instant createdAt, Instant updatedAt) {

    public static final String PROCESSING = "processing";
    public static final String PROCESSED = "processed";
    public static final String FAILED = "failed";

    /** This document as stored once all of its chunks are in. */
    public DocumentRecord processed(int chunks) {
        return new DocumentRecord(id, tenantId, sourceType, filename, title, source, contentType, sizeBytes, sha256, PROCESSED, null, 1,
                pages, chunks, collection, category, tags, metadata, createdAt, updatedAt);
    }

    /** The file type as agents.md's stats count it: the filename's extension, else the content type's subtype. */
    public String fileType() {
        int dot = filename.lastIndexOf('.');
        if (dot >= 0 && dot < filename.length() - 1) {
            return filename.substring(dot + 1).toLowerCase();
        }
        int slash = contentType.indexOf('/');
        return slash >= 0 ? contentType.substring(slash + 1) : contentType;
    }
}
