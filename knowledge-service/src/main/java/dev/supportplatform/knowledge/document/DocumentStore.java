package dev.supportplatform.knowledge.document;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** Documents of the knowledge schema. Every statement names the tenant: no query can reach another tenant's rows. */
@Repository
public class DocumentStore {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String COLUMNS = "id, tenant_id, source_type, filename, title, source, content_type, size_bytes, sha256, status, "
            + "status_reason, progress, pages, chunk_count, collection, category, tags, metadata::text as metadata, created_at, updated_at";

    private final JdbcTemplate jdbc;

    public DocumentStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    private static final String INSERT = "insert into documents (id, tenant_id, source_type, filename, title, source, content_type, size_bytes, "
            + "sha256, status, status_reason, progress, pages, chunk_count, collection, category, tags, metadata, body) "
            + "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?)";

    /** @param body the original text, kept for articles and raw text (null for files) */
    public void insert(DocumentRecord d, String body) {
        jdbc.update(INSERT, row(d, body));
    }

    /** A document to insert with its original text (null for files). */
    public record NewDocument(DocumentRecord document, String body) {
    }

    /**
     * Inserts documents in one round trip, skipping each whose content the collection already has (a live document
     * with the same hash, perhaps stored concurrently: the insert waits for that transaction to end); returns, in
     * order, whether each was inserted. Unlike {@link #insert}, a duplicate leaves the transaction usable.
     */
    public boolean[] insertIfAbsent(List<NewDocument> documents) {
        int[] counts = jdbc.batchUpdate(INSERT + " on conflict do nothing", documents.stream().map(n -> row(n.document(), n.body())).toList());
        boolean[] inserted = new boolean[counts.length];
        for (int i = 0; i < counts.length; i++) {
            inserted[i] = counts[i] > 0;
        }
        return inserted;
    }

    private static Object[] row(DocumentRecord d, String body) {
        return new Object[]{d.id(), d.tenantId(), d.sourceType(), d.filename(), d.title(), d.source(), d.contentType(), d.sizeBytes(), d.sha256(),
                d.status(), d.statusReason(), d.progress(), d.pages(), d.chunkCount(), d.collection(), d.category(),
                d.tags().toArray(String[]::new), JSON.writeValueAsString(d.metadata()), body};
    }

    public Optional<String> body(String tenantId, String id) {
        return jdbc.query("select body from documents where tenant_id = ? and id = ?", (rs, i) -> rs.getString(1), tenantId, id)
                .stream().filter(java.util.Objects::nonNull).findFirst();
    }

    public Optional<DocumentRecord> find(String tenantId, String id) {
        return jdbc.query("select " + COLUMNS + " from documents where tenant_id = ? and id = ?", MAPPER, tenantId, id).stream().findFirst();
    }

    /** The live (not failed) document with this content in the collection, for de-duplication. */
    public Optional<DocumentRecord> findByContent(String tenantId, String collection, String sha256) {
        return jdbc.query("select " + COLUMNS + " from documents where tenant_id = ? and collection = ? and sha256 = ? and status <> 'failed'",
                MAPPER, tenantId, collection, sha256).stream().findFirst();
    }

    /** A document's content within its collection: what de-duplication compares. */
    public record Content(String collection, String sha256) {
    }

    /** {@link #findByContent} for several contents in one query (a multi-file upload): the live documents found. */
    public Map<Content, DocumentRecord> findByContents(String tenantId, List<Content> contents) {
        return jdbc.query("select " + COLUMNS + " from documents where tenant_id = ? and status <> 'failed' and (collection, sha256) in "
                        + "(select * from unnest(?::text[], ?::text[]))", MAPPER, tenantId,
                        contents.stream().map(Content::collection).toArray(String[]::new), contents.stream().map(Content::sha256).toArray(String[]::new))
                .stream().collect(Collectors.toMap(d -> new Content(d.collection(), d.sha256()), d -> d));
    }

    /** The tenant's documents with these ids, by id. */
    public Map<String, DocumentRecord> findAll(String tenantId, List<String> ids) {
        return jdbc.query("select " + COLUMNS + " from documents where tenant_id = ? and id = any(?)", MAPPER, tenantId, ids.toArray(String[]::new))
                .stream().collect(Collectors.toMap(DocumentRecord::id, d -> d));
    }

    public List<DocumentRecord> findByFilename(String tenantId, String filename) {
        return jdbc.query("select " + COLUMNS + " from documents where tenant_id = ? and filename = ? order by created_at", MAPPER, tenantId, filename);
    }

    public List<DocumentRecord> page(String tenantId, String sourceType, DocumentFilter filter, int offset, int limit) {
        List<Object> args = new ArrayList<>();
        String where = where(tenantId, sourceType, filter, args);
        args.add(limit);
        args.add(offset);
        return jdbc.query("select " + COLUMNS + " from documents " + where + " order by created_at desc, id limit ? offset ?", MAPPER, args.toArray());
    }

    public long count(String tenantId, String sourceType, DocumentFilter filter) {
        List<Object> args = new ArrayList<>();
        String where = where(tenantId, sourceType, filter, args);
        Long n = jdbc.queryForObject("select count(*) from documents " + where, Long.class, args.toArray());
        return n == null ? 0 : n;
    }

    private static String where(String tenantId, String sourceType, DocumentFilter filter, List<Object> args) {
        StringBuilder sql = new StringBuilder("where tenant_id = ?");
        args.add(tenantId);
        if (sourceType != null) {
            sql.append(" and source_type = ?");
            args.add(sourceType);
        }
        if (filter.collection() != null) {
            sql.append(" and collection = ?");
            args.add(filter.collection());
        }
        if (filter.category() != null) {
            sql.append(" and category = ?");
            args.add(filter.category());
        }
        if (!filter.tags().isEmpty()) {
            sql.append(" and tags @> ?::text[]");
            args.add(filter.tags().toArray(String[]::new));
        }
        return sql.toString();
    }

    public Stats stats(String tenantId) {
        return jdbc.queryForObject("""
                select count(*) as documents, coalesce(sum(d.chunk_count), 0) as chunks, coalesce(sum(d.size_bytes), 0) as bytes,
                       max(d.updated_at) as last_updated,
                       (select coalesce(avg(length(c.content)), 0) from chunks c where c.tenant_id = ?) as avg_chunk
                from documents d where d.tenant_id = ?""",
                (rs, i) -> new Stats(rs.getLong("documents"), rs.getLong("chunks"), rs.getLong("bytes"),
                        instant(rs.getTimestamp("last_updated")), rs.getDouble("avg_chunk")), tenantId, tenantId);
    }

    public List<DocumentRecord> all(String tenantId) {
        return jdbc.query("select " + COLUMNS + " from documents where tenant_id = ?", MAPPER, tenantId);
    }

    public void updateProgress(String tenantId, String id, double progress) {
        jdbc.update("update documents set progress = ?, updated_at = now() where tenant_id = ? and id = ?", progress, tenantId, id);
    }

    public void markProcessed(String tenantId, String id, int chunks, Integer pages) {
        jdbc.update("update documents set status = 'processed', status_reason = null, progress = 1, chunk_count = ?, pages = ?, updated_at = now() "
                + "where tenant_id = ? and id = ?", chunks, pages, tenantId, id);
    }

    public void markFailed(String tenantId, String id, String reason) {
        jdbc.update("update documents set status = 'failed', status_reason = ?, updated_at = now() where tenant_id = ? and id = ?", reason, tenantId, id);
    }

    public void updateArticle(String tenantId, String id, String title, String body, String category, List<String> tags,
                              Map<String, Object> metadata, String sha256, int chunks) {
        jdbc.update("update documents set title = ?, filename = ?, source = ?, body = ?, category = ?, tags = ?, metadata = ?::jsonb, sha256 = ?, "
                        + "size_bytes = ?, chunk_count = ?, status = 'processed', progress = 1, updated_at = now() where tenant_id = ? and id = ?",
                title, title, title, body, category, tags.toArray(String[]::new), JSON.writeValueAsString(metadata), sha256,
                body.getBytes(java.nio.charset.StandardCharsets.UTF_8).length, chunks, tenantId, id);
    }

    public int delete(String tenantId, String id) {
        return jdbc.update("delete from documents where tenant_id = ? and id = ?", tenantId, id);
    }

    public record Stats(long documents, long chunks, long bytes, java.time.Instant lastUpdated, double avgChunkSize) {
    }

    private static final RowMapper<DocumentRecord> MAPPER = (rs, i) -> new DocumentRecord(
            rs.getString("id"), rs.getString("tenant_id"), rs.getString("source_type"), rs.getString("filename"), rs.getString("title"),
            rs.getString("source"), rs.getString("content_type"), rs.getLong("size_bytes"), rs.getString("sha256"), rs.getString("status"),
            rs.getString("status_reason"), rs.getDouble("progress"), (Integer) rs.getObject("pages"), rs.getInt("chunk_count"),
            rs.getString("collection"), rs.getString("category"), strings(rs.getArray("tags")), metadata(rs),
            instant(rs.getTimestamp("created_at")), instant(rs.getTimestamp("updated_at")));

    static List<String> strings(Array array) throws SQLException {
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }

    private static Map<String, Object> metadata(ResultSet rs) throws SQLException {
        String json = rs.getString("metadata");
        return json == null ? Map.of() : JSON.readValue(json, new TypeReference<Map<String, Object>>() { });
    }

    private static java.time.Instant instant(Timestamp ts) {
        return ts == null ? null : ts.toInstant();
    }
}
