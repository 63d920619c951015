package dev.supportplatform.chat.model;

/** A retrieved knowledge-base passage the answer may cite as [n]. */
public record Passage(String chunkId, String documentId, String source, String title, String content, double score,
                      String articleId) {
}
