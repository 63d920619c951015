package dev.supportplatform.knowledge.ingestion;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param maxFileBytes        largest accepted file (also the multipart limit)
 * @param maxInflatedBytes    largest total a zip container (DOCX) may inflate to: the decompression-bomb cap
 * @param maxExtractedChars   most characters of text one file may yield
 * @param asyncThresholdBytes files larger than this are processed in the background
 */
@ConfigurationProperties("knowledge.ingestion")
public record IngestionProperties(long maxFileBytes, long maxInflatedBytes, int maxExtractedChars, long asyncThresholdBytes) {
}
