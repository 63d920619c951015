package dev.supportplatform.knowledge.search;

import dev.supportplatform.knowledge.document.DocumentFilter;

import java.util.List;
import java.util.UUID;

/** Where chunk embeddings live and are searched: pgvector (HNSW, cosine) or an in-process store persisted to disk. */
public interface VectorIndex {

    /** True when embeddings are columns of the chunk rows, written by the same insert. */
    boolean inDatabase();

    /** Makes the vectors of freshly inserted chunks searchable once the surrounding transaction commits. */
    void add(String tenantId, String documentId, List<UUID> chunkIds, List<float[]> vectors);

    /** Forgets chunks once the surrounding transaction commits. */
    void remove(String tenantId, List<UUID> chunkIds);

    /** The nearest chunks by cosine similarity (1 = same direction), best first, within the tenant and filter. */
    default List<Hit> nearest(String tenantId, float[] query, DocumentFilter filter, int limit) {
        return nearest(tenantId, query, filter, limit, null);
    }

    /**
     * @param rankText when not null, an index that can also rank full text in the same query does so and fills
     *                 {@link Hit#textRank()} (saving a round trip); others leave it null
     */
    List<Hit> nearest(String tenantId, float[] query, DocumentFilter filter, int limit, String rankText);

    /** The cosine similarity of the query to each of these chunks of the tenant. */
    java.util.Map<UUID, Double> similarities(String tenantId, float[] query, List<UUID> chunkIds);

    record Hit(UUID chunkId, double similarity, Double textRank) {

        public Hit(UUID chunkId, double similarity) {
            this(chunkId, similarity, null);
        }
    }

    static String literal(float[] vector) {
        StringBuilder sb = new StringBuilder(vector.length * 10).append('[');
        for (int i = 0; i < vector.length; i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append(vector[i]);
        }
        return sb.append(']').toString();
    }
}
