package dev.supportplatform.knowledge.embedding;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param provider  {@code local} (all-MiniLM-L6-v2 in process) or {@code openai} (any OpenAI-compatible endpoint)
 * @param workers   parallel in-process embedding workers, each with one ONNX runtime thread
 * @param batchSize texts per embedding call (and per progress update of a background ingestion)
 * @param queryModel {@code quantized} (default): the in-process model embeds search queries and titles, the short texts
 *                   compared with queries, with its int8 quantized variant; {@code full}: with the full-precision model
 *                   (chunks always are)
 */
@ConfigurationProperties("knowledge.embedding")
public record EmbeddingProperties(String provider, int workers, int batchSize, String baseUrl, String apiKey, String modelName,
                                  String queryModel) {

    public boolean quantizedQueries() {
        return !"full".equalsIgnoreCase(queryModel);
    }
}
