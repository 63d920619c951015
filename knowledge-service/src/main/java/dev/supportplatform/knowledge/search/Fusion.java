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
 * How the two rankings become one. Every candidate, whichever side proposed it, carries both scores:
 * <ul>
 * <li>the vector score: the chunk's cosine similarity to the query, blended with its document's title similarity
 * when the document has a title ({@code titleWeight * title + (1 - titleWeight) * chunk});</li>
 * <li>the text score: BM25 divided by the highest BM25 the query allows ({@link QueryTerms#maxScore()}), in 0..1.</li>
 * </ul>
 * {@link Mode#WEIGHTED} (the default) orders by {@code vectorWeight * vector + (1 - vectorWeight) * text}. Plain RRF
 * sees only ranks, so a passage the vectors place first by a wide margin can lose to one both sides rank mediocre
 * (measured: bench/RESULTS.md).
 */
public final class Fusion {

    public enum Mode { VECTOR, TEXT, RRF, WEIGHTED_RRF, WEIGHTED }

    /**
     * @param similarity      cosine similarity of the chunk to the query
     * @param titleSimilarity cosine similarity of the chunk's document title to the query; null when it has none
     * @param textScore       normalised BM25 in 0..1 (0 when the chunk contains no query term)
     */
    public record Candidate(UUID chunkId, double similarity, Double titleSimilarity, double textScore) {

        double vectorScore(double titleWeight) {
            double chunk = clamp(similarity);
            return titleSimilarity == null ? chunk : titleWeight * clamp(titleSimilarity) + (1 - titleWeight) * chunk;
        }
    }

    /**
     * @param vector share of the vector score in WEIGHTED and WEIGHTED_RRF
     * @param title  share of the title similarity in the vector score of chunks whose document has a title
     * @param rrfK   RRF's rank offset
     */
    public record Weights(double vector, double title, int rrfK) {
    }

    public record Scored(UUID chunkId, double score) {
    }

    private Fusion() {
    }

    /**
     * @param vectorOrder the chunks the vector side proposed
     * @param textOrder   the chunks the text side proposed
     * @param candidates  both scores of every chunk in either list
     */
    public static List<Scored> fuse(Mode mode, List<UUID> vectorOrder, List<UUID> textOrder, Map<UUID, Candidate> candidates, Weights weights) {
        Map<UUID, Double> scores = new HashMap<>();
        switch (mode) {
            case VECTOR -> vectorOrder.forEach(id -> scores.put(id, candidates.get(id).vectorScore(weights.title())));
            case TEXT -> textOrder.forEach(id -> scores.put(id, candidates.get(id).textScore()));
            case RRF, WEIGHTED_RRF -> {
                double wv = mode == Mode.RRF ? 0.5 : weights.vector();
                List<UUID> byVector = new ArrayList<>(vectorOrder);
                byVector.sort(Comparator.comparingDouble((UUID id) -> candidates.get(id).vectorScore(weights.title())).reversed().thenComparing(id -> id));
                List<UUID> byText = new ArrayList<>(textOrder);
                byText.sort(Comparator.comparingDouble((UUID id) -> candidates.get(id).textScore()).reversed().thenComparing(id -> id));
                int k = weights.rrfK();
                for (int i = 0; i < byVector.size(); i++) {
                    scores.merge(byVector.get(i), wv / (k + i + 1.0), Double::sum);
                }
                for (int i = 0; i < byText.size(); i++) {
                    scores.merge(byText.get(i), (1 - wv) / (k + i + 1.0), Double::sum);
                }
                double best = 1.0 / (k + 1.0); // first on both sides
                scores.replaceAll((id, s) -> s / best);
            }
            case WEIGHTED -> {
                Set<UUID> all = new LinkedHashSet<>(vectorOrder);
                all.addAll(textOrder);
                for (UUID id : all) {
                    Candidate c = candidates.get(id);
                    scores.put(id, weights.vector() * c.vectorScore(weights.title()) + (1 - weights.vector()) * c.textScore());
                }
            }
        }
        List<Scored> ranked = new ArrayList<>(scores.size());
        scores.forEach((id, s) -> ranked.add(new Scored(id, s)));
        ranked.sort(Comparator.comparingDouble(Scored::score).reversed().thenComparing(Scored::chunkId));
        return ranked;
    }

    private static double clamp(double v) {
        return Math.max(0, Math.min(1, v));
    }
}
