package dev.supportplatform.knowledge.search;

import java.util.List;
import java.util.Map;

/** One search result as the search API returns it (snake_case on the wire). */
public record Passage(String chunkId, String documentId, String source, String title, String content, double score,
                      List<String> highlights, Map<String, Object> metadata) {
}
