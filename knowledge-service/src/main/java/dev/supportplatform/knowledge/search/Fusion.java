package dev.supportplatform.knowledge.search;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * How the two rankings become one. {@link Mode#WEIGHTED} (the default) scores every candidate of either side with
 * {@code w * cosine + (1 - w) * textRank / maxTextRank}, both known for every candidate; plain RRF only sees ranks,
 * so a document the vectors place first by a wide margin can lose to one both sides rank mediocre.
 */
public final class Fusion {

    public enum Mode { VECTOR, TEXT, RRF, WEIGHTED_RRF, WEIGHTED }

    /** @param textRank the full-text rank of a candidate (0 when it does not match the query) */
    public record Candidate(UUID chunkId, double similarity, double textRank) {
    }

    public record Scored(UUID chunkId, double score) {
    }

    private Fusion() {
    }

    /**
     * @param vectorOrder ids in vector-similarity order (best first)
     * @param textOrder   ids in full-text rank order (best first)
     * @param candidates  similarity and text rank of every id in either list
     * @param vectorWeight the vector side's share (WEIGHTED and WEIGHTED_RRF)
     * @param rrfK         RRF's rank offset
     */
    public static List<Scored> fuse(Mode mode, List<UUID> vectorOrder, List<UUID> textOrder, Map<UUID, Candidate> candidates,
                                    double vectorWeight, int rrfK) {
        Map<UUID, Double> scores = new HashMap<>();
        switch (mode) {
            case VECTOR -> vectorOrder.forEach(id -> scores.put(id, clamp(candidates.get(id).similarity())));
            case TEXT -> {
                double max = maxTextRank(candidates);
                textOrder.forEach(id -> scores.put(id, max == 0 ? 0 : candidates.get(id).textRank() / max));
            }
            case RRF, WEIGHTED_RRF -> {
                double wv = mode == Mode.RRF ? 0.5 : vectorWeight;
                double best = (wv + (1 - wv)) / (rrfK + 1.0);
                for (int i = 0; i < vectorOrder.size(); i++) {
                    scores.merge(vectorOrder.get(i), wv / (rrfK + i + 1.0), Double::sum);
                }
                for (int i = 0; i < textOrder.size(); i++) {
                    scores.merge(textOrder.get(i), (1 - wv) / (rrfK + i + 1.0), Double::sum);
                }
                scores.replaceAll((id, s) -> s / best);
            }
            case WEIGHTED -> {
                double max = maxTextRank(candidates);
                Set<UUID> all = new LinkedHashSet<>(vectorOrder);
                all.addAll(textOrder);
                for (UUID id : all) {
                    Candidate c = candidates.get(id);
                    double text = max == 0 ? 0 : c.textRank() / max;
                    scores.put(id, vectorWeight * clamp(c.similarity()) + (1 - vectorWeight) * text);
                }
            }
        }
        List<Scored> ranked = new ArrayList<>(scores.size());
        scores.forEach((id, s) -> ranked.add(new Scored(id, s)));
        ranked.sort(Comparator.comparingDouble(Scored::score).reversed().thenComparing(Scored::chunkId));
        return ranked;
    }

    private static double maxTextRank(Map<UUID, Candidate> candidates) {
        return candidates.values().stream().mapToDouble(Candidate::textRank).max().orElse(0);
    }

    private static double clamp(double v) {
        return Math.max(0, Math.min(1, v));
    }
}
