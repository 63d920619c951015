package dev.supportplatform.knowledge.search;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param vectorWeight  share of the vector score in the fused score (see bench/RESULTS.md for how it was chosen)
 * @param titleWeight   share of the document title's similarity in the vector score of chunks of titled documents
 * @param candidates    how many chunks each side proposes before fusion
 * @param fusion        the fusion mode (weighted, rrf, weighted_rrf, vector, text)
 * @param textScanLimit most full-text matches scored per query, and the postings budget for choosing the terms that
 *                      propose them (bounds latency on large corpora)
 */
@ConfigurationProperties("knowledge.search")
public record SearchProperties(double vectorWeight, double titleWeight, int candidates, String fusion, int textScanLimit) {

    /** RRF's usual rank offset (only the rrf and weighted_rrf modes use it). */
    static final int RRF_K = 60;

    public Fusion.Mode mode() {
        return Fusion.Mode.valueOf(fusion.trim().toUpperCase(java.util.Locale.ROOT));
    }

    public Fusion.Weights weights() {
        return new Fusion.Weights(vectorWeight, titleWeight, RRF_K);
    }
}
