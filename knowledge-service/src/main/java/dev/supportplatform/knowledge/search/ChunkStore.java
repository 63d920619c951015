package dev.supportplatform.knowledge.search;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Chunk rows (text and, in pgvector mode, the embedding). Tenant-scoped like every other statement. */
@Repository
public class ChunkStore {

    private final JdbcTemplate jdbc;
    private final VectorIndex vectors;

    public ChunkStore(JdbcTemplate jdbc, VectorIndex vectors) {
        this.jdbc = jdbc;
        this.vectors = vectors;
    }

    /** Inserts the chunks of a document with their embeddings; call inside the document's transaction. */
    public List<UUID> insert(String tenantId, String documentId, List<String> texts, List<float[]> embeddings) {
        List<UUID> ids = new ArrayList<>(texts.size());
        List<Object[]> rows = new ArrayList<>(texts.size());
        for (int i = 0; i < texts.size(); i++) {
            UUID id = dev.supportplatform.common.ids.Ids.uuidV7();
            ids.add(id);
            // PostgreSQL text cannot hold NUL characters, which some PDFs yield.
            String content = texts.get(i).replace('\u0000', ' ');
            rows.add(vectors.inDatabase()
                    ? new Object[]{id, tenantId, documentId, i, content, VectorIndex.literal(embeddings.get(i))}
                    : new Object[]{id, tenantId, documentId, i, content});
        }
        String sql = vectors.inDatabase()
                ? "insert into chunks (id, tenant_id, document_id, ordinal, content, embedding) values (?, ?, ?, ?, ?, ?::vector)"
                : "insert into chunks (id, tenant_id, document_id, ordinal, content) values (?, ?, ?, ?, ?)";
        for (int from = 0; from < rows.size(); from += 500) {
            jdbc.batchUpdate(sql, rows.subList(from, Math.min(rows.size(), from + 500)));
        }
        vectors.add(tenantId, documentId, ids, embeddings);
        return ids;
    }

    /** Deletes a document's chunks (text and vectors); returns how many there were. */
    public int deleteForDocument(String tenantId, String documentId) {
        List<UUID> ids = jdbc.queryForList("delete from chunks where tenant_id = ? and document_id = ? returning id", UUID.class, tenantId, documentId);
        vectors.remove(tenantId, ids);
        return ids.size();
    }
}
