package dev.supportplatform.knowledge.search;

import dev.supportplatform.knowledge.document.DocumentFilter;

import java.util.List;
import java.util.UUID;

/** Where chunk embeddings live and are searched: pgvector (HNSW, cosine) or an in-process store persisted to disk. */
public interface VectorIndex {

    /** True when embeddings are columns of the chunk rows, written by the same insert. */
    boolean inDatabase();

    /** Makes the vectors of a document's freshly inserted chunks searchable once the surrounding transaction commits. */
    void add(String tenantId, String documentId, List<UUID> chunkIds, List<float[]> vectors);

    /** Sets (or, with null, clears) the vector of a document's title, effective once the transaction commits. */
    void setTitle(String tenantId, String documentId, float[] titleVector);

    /** Forgets a document's chunks and title once the surrounding transaction commits. */
    void remove(String tenantId, String documentId, List<UUID> chunkIds);

    /** The nearest chunks by cosine similarity (1 = same direction), best first, within the tenant and filter. */
    default List<Hit> nearest(String tenantId, float[] query, DocumentFilter filter, int limit) {
        return nearest(tenantId, query, filter, limit, null);
    }

    /**
     * The nearest chunks by their own cosine similarity, each with its document's title similarity.
     *
     * @param rankTerms when not null, an index that can also compute BM25 in the same query does so and fills
     *                  {@link Hit#textRank()} (saving a round trip); others leave it null
     */
    List<Hit> nearest(String tenantId, float[] query, DocumentFilter filter, int limit, QueryTerms rankTerms);

    /** The similarities of the query to each of these chunks of the tenant and to their documents' titles. */
    java.util.Map<UUID, Similarity> similarities(String tenantId, float[] query, List<UUID> chunkIds);

    /** @param title similarity to the chunk's document title; null when the document has none */
    record Similarity(double chunk, Double title) {
    }

    /** @param textRank the chunk's BM25 when the index computed it, else null */
    record Hit(UUID chunkId, double similarity, Double titleSimilarity, Double textRank) {
    }
}
