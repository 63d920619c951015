package dev.supportplatform.knowledge.search;

import com.pgvector.PGvector;
import dev.supportplatform.common.ids.Ids;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Chunk rows (text and, in pgvector mode, the embedding), the vectors and the term statistics that go with them.
 * Tenant-scoped like every other statement.
 */
@Repository
public class ChunkStore {

    private final JdbcTemplate jdbc;
    private final VectorIndex vectors;
    private final TermStatistics terms;

    public ChunkStore(JdbcTemplate jdbc, VectorIndex vectors, TermStatistics terms) {
        this.jdbc = jdbc;
        this.vectors = vectors;
        this.terms = terms;
    }

    /**
     * Inserts all chunks of a document with their embeddings, and its title's embedding (null when it has no title);
     * call inside the document's transaction.
     */
    public List<UUID> insert(String tenantId, String documentId, List<String> texts, List<float[]> embeddings, float[] titleEmbedding) {
        List<UUID> ids = insertBatch(tenantId, documentId, 0, texts, embeddings);
        completeDocument(tenantId, documentId, titleEmbedding);
        return ids;
    }

    /** Some consecutive chunks of one document, numbered from {@code firstOrdinal}, with their embeddings. */
    public record NewChunks(String documentId, int firstOrdinal, List<String> texts, List<float[]> embeddings) {
    }

    /**
     * Inserts some of a document's chunks, numbered from {@code firstOrdinal}; call inside the document's transaction,
     * then {@link #completeDocument} once all are in.
     */
    public List<UUID> insertBatch(String tenantId, String documentId, int firstOrdinal, List<String> texts, List<float[]> embeddings) {
        return insertBatches(tenantId, List.of(new NewChunks(documentId, firstOrdinal, texts, embeddings)));
    }

    /** Inserts chunks of several documents in one round trip (small documents written together); returns their ids in order. */
    public List<UUID> insertBatches(String tenantId, List<NewChunks> batches) {
        List<UUID> ids = new ArrayList<>();
        List<Object[]> rows = new ArrayList<>();
        for (NewChunks batch : batches) {
            List<UUID> batchIds = new ArrayList<>(batch.texts().size());
            for (int i = 0; i < batch.texts().size(); i++) {
                UUID id = Ids.uuidV7();
                batchIds.add(id);
                // PostgreSQL text cannot hold NUL characters, which some PDFs yield.
                String content = batch.texts().get(i).replace('\u0000', ' ');
                int ordinal = batch.firstOrdinal() + i;
                rows.add(vectors.inDatabase()
                        ? new Object[]{id, tenantId, batch.documentId(), ordinal, content, new PGvector(batch.embeddings().get(i))}
                        : new Object[]{id, tenantId, batch.documentId(), ordinal, content});
            }
            vectors.add(tenantId, batch.documentId(), batchIds, batch.embeddings());
            ids.addAll(batchIds);
        }
        String sql = vectors.inDatabase()
                ? "insert into chunks (id, tenant_id, document_id, ordinal, content, embedding) values (?, ?, ?, ?, ?, ?::vector)"
                : "insert into chunks (id, tenant_id, document_id, ordinal, content) values (?, ?, ?, ?, ?)";
        for (int from = 0; from < rows.size(); from += 500) {
            jdbc.batchUpdate(sql, rows.subList(from, Math.min(rows.size(), from + 500)));
        }
        return ids;
    }

    /** After the last batch: the title's embedding (null when there is no title) and the term statistics. */
    public void completeDocument(String tenantId, String documentId, float[] titleEmbedding) {
        vectors.setTitle(tenantId, documentId, titleEmbedding);
        terms.add(tenantId, List.of(documentId));
    }

    /**
     * {@link #completeDocument} for documents stored for the first time, several at once (one term-statistics update):
     * a null title embedding sets nothing, since a new document has no title embedding to clear.
     */
    public void completeNewDocuments(String tenantId, List<String> documentIds, List<float[]> titleEmbeddings) {
        for (int i = 0; i < documentIds.size(); i++) {
            if (titleEmbeddings.get(i) != null) {
                vectors.setTitle(tenantId, documentIds.get(i), titleEmbeddings.get(i));
            }
        }
        terms.add(tenantId, documentIds);
    }

    /** Deletes a document's chunks (text, vectors, their share of the term statistics); returns how many there were. */
    public int deleteForDocument(String tenantId, String documentId) {
        terms.remove(tenantId, documentId);
        List<UUID> ids = jdbc.queryForList("delete from chunks where tenant_id = ? and document_id = ? returning id", UUID.class, tenantId, documentId);
        vectors.remove(tenantId, documentId, ids);
        return ids.size();
    }
}
