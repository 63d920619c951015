package dev.supportplatform.knowledge.ingestion;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** Chunk size and overlap in characters (agents.md's rag_config: 1000 and 200). */
@ConfigurationProperties("knowledge.chunking")
public record ChunkingProperties(int size, int overlap) {
}
