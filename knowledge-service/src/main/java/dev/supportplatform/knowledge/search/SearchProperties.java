package dev.supportplatform.knowledge.search;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param vectorWeight share of the vector similarity in the fused score (see bench/RESULTS.md for how it was chosen)
 * @param candidates   how many chunks each side proposes before fusion
 * @param fusion       the fusion mode (weighted, rrf, weighted_rrf, vector, text)
 * @param textScanLimit most full-text matches ranked per query (bounds latency on large corpora)
 */
@ConfigurationProperties("knowledge.search")
public record SearchProperties(double vectorWeight, int candidates, String fusion, int textScanLimit) {

    public Fusion.Mode mode() {
        return Fusion.Mode.valueOf(fusion.trim().toUpperCase(java.util.Locale.ROOT));
    }
}
