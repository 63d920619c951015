package dev.supportplatform.knowledge.search;

import dev.supportplatform.knowledge.document.DocumentFilter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.CRC32;

/**
 * Vectors in memory, per tenant, searched exactly (brute-force cosine over unit vectors). For the local stack, whose
 * embedded PostgreSQL has no pgvector. Filters other than the tenant and document are applied by asking PostgreSQL
 * which documents qualify.
 * <p>
 * Persisted in the data directory as a snapshot plus a journal: each commit appends one record of its changes, and
 * once the journal outgrows the snapshot both are folded into a new snapshot. Rewriting the whole file on every
 * commit, as this class did before, made loading n documents write O(n²) bytes; with the journal each byte is
 * rewritten a bounded number of times.
 */
public class MemoryVectorIndex implements VectorIndex {

    private static final Logger log = LoggerFactory.getLogger(MemoryVectorIndex.class);
    /** Snapshot format. 1: chunk vectors; 2: then document title vectors. */
    private static final int FORMAT = 2;
    /** Below this the journal is replayed rather than compacted: rewriting a tiny snapshot on every commit gains nothing. */
    private static final long MIN_JOURNAL_BYTES_TO_COMPACT = 1 << 20;

    private final Map<String, ChunkVectors> byTenant = new ConcurrentHashMap<>();
    /** Per tenant, the title vector of each document that has a title. */
    private final Map<String, Map<String, float[]>> titlesByTenant = new ConcurrentHashMap<>();
    /** The snapshot: the whole index as of the last compaction. */
    private final Path file;
    /** The changes committed since the snapshot, one length- and checksum-framed record per commit. */
    private final Path journal;
    /** The snapshot's size when last written or read: the journal is compacted once it outgrows it. */
    private long snapshotBytes;
    private final JdbcTemplate jdbc;

    public MemoryVectorIndex(Path dataDir, JdbcTemplate jdbc) {
        this.file = dataDir.resolve("vectors.bin");
        this.journal = dataDir.resolve("vectors.journal");
        this.jdbc = jdbc;
        load();
    }

    @Override
    public boolean inDatabase() {
        return false;
    }

    @Override
    public void add(String tenantId, String documentId, List<UUID> chunkIds, List<float[]> vectors) {
        afterCommit(new Added(tenantId, documentId, List.copyOf(chunkIds), vectors.stream().map(MemoryVectorIndex::unit).toList()));
    }

    @Override
    public void setTitle(String tenantId, String documentId, float[] titleVector) {
        afterCommit(new Titled(tenantId, documentId, titleVector == null ? null : unit(titleVector)));
    }

    @Override
    public void remove(String tenantId, String documentId, List<UUID> chunkIds) {
        afterCommit(new Removed(tenantId, documentId, List.copyOf(chunkIds)));
    }

    @Override
    public Map<UUID, Similarity> similarities(String tenantId, float[] query, List<UUID> chunkIds) {
        float[] q = unit(query);
        ChunkVectors tenant = byTenant.get(tenantId);
        Map<UUID, Similarity> result = new HashMap<>();
        for (UUID id : tenant == null ? List.<UUID>of() : chunkIds) {
            ChunkVectors.Scored scored = tenant.score(id, q);
            if (scored != null) {
                result.put(id, new Similarity(scored.similarity(), titleSimilarity(tenantId, scored.documentId(), q)));
            }
        }
        return result;
    }

    /**
     * Ranks by the chunk's own similarity, as pgvector's HNSW index does; the title similarity comes along. Only the
     * best few candidates' documents are checked against PostgreSQL (processed, matching the filter): asking for every
     * qualifying document of the tenant cost a query of thousands of rows per search. When a filter or unprocessed
     * documents remove so many candidates that fewer than {@code limit} remain, the whole tenant is scanned against
     * the full list, as before.
     */
    @Override
    public List<Hit> nearest(String tenantId, float[] query, DocumentFilter filter, int limit, QueryTerms rankTerms) {
        float[] q = unit(query);
        ChunkVectors entries = byTenant.get(tenantId);
        if (entries == null) {
            return List.of();
        }
        List<ChunkVectors.Scored> candidates = entries.best(q, limit * CANDIDATES_PER_RESULT, documentId -> true);
        Set<String> allowed = allowedDocuments(tenantId, filter,
                candidates.stream().map(ChunkVectors.Scored::documentId).distinct().toList());
        // the best `limit` allowed candidates are the best allowed entries overall: every entry not among the
        // candidates scores below all of them
        List<ChunkVectors.Scored> ranked = candidates.stream().filter(c -> allowed.contains(c.documentId())).limit(limit).toList();
        if (ranked.size() < limit && candidates.size() < entries.size()) {
            Set<String> all = allowedDocuments(tenantId, filter, null);
            ranked = entries.best(q, limit, all::contains);
        }
        return ranked.stream()
                .map(s -> new Hit(s.chunkId(), s.similarity(), titleSimilarity(tenantId, s.documentId(), q), null))
                .toList();
    }

    /** How many candidates per result {@link #nearest} checks before it falls back to scanning against every document. */
    private static final int CANDIDATES_PER_RESULT = 4;

    private Double titleSimilarity(String tenantId, String documentId, float[] unitQuery) {
        float[] title = titlesByTenant.getOrDefault(tenantId, Map.of()).get(documentId);
        return title == null ? null : dot(unitQuery, title);
    }

    /**
     * Processed documents of the tenant that pass the filter (the vector side must not see half-ingested ones), among
     * {@code among} (null: all of them).
     */
    private Set<String> allowedDocuments(String tenantId, DocumentFilter filter, List<String> among) {
        List<Object> args = new ArrayList<>();
        StringBuilder sql = new StringBuilder("select id from documents where tenant_id = ? and status = 'processed'");
        args.add(tenantId);
        if (among != null) {
            if (among.isEmpty()) {
                return Set.of();
            }
            sql.append(" and id = any(?)");
            args.add(among.toArray(String[]::new));
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
        if (filter.documentId() != null) {
            sql.append(" and id = ?");
            args.add(filter.documentId());
        }
        return new HashSet<>(jdbc.queryForList(sql.toString(), String.class, args.toArray()));
    }

    /** A committed change to the index: applied in memory, then appended to the journal. */
    private sealed interface Change {
        void applyTo(MemoryVectorIndex index);

        void writeTo(DataOutputStream out) throws IOException;
    }

    private record Added(String tenantId, String documentId, List<UUID> chunkIds, List<float[]> units) implements Change {
        static final byte TAG = 1;

        @Override
        public void applyTo(MemoryVectorIndex index) {
            ChunkVectors tenant = index.byTenant.computeIfAbsent(tenantId, t -> new ChunkVectors());
            for (int i = 0; i < chunkIds.size(); i++) {
                tenant.put(chunkIds.get(i), documentId, units.get(i));
            }
        }

        @Override
        public void writeTo(DataOutputStream out) throws IOException {
            writeHead(out, TAG, tenantId, documentId);
            out.writeInt(chunkIds.size());
            for (int i = 0; i < chunkIds.size(); i++) {
                writeId(out, chunkIds.get(i));
                writeVector(out, units.get(i));
            }
        }
    }

    private record Removed(String tenantId, String documentId, List<UUID> chunkIds) implements Change {
        static final byte TAG = 2;

        @Override
        public void applyTo(MemoryVectorIndex index) {
            ChunkVectors tenant = index.byTenant.get(tenantId);
            if (tenant != null) {
                chunkIds.forEach(tenant::remove);
            }
            Map<String, float[]> titles = index.titlesByTenant.get(tenantId);
            if (titles != null) {
                titles.remove(documentId);
            }
        }

        @Override
        public void writeTo(DataOutputStream out) throws IOException {
            writeHead(out, TAG, tenantId, documentId);
            out.writeInt(chunkIds.size());
            for (UUID id : chunkIds) {
                writeId(out, id);
            }
        }
    }

    /** A document's title vector set, or removed when {@code unit} is null. */
    private record Titled(String tenantId, String documentId, float[] unit) implements Change {
        static final byte TAG = 3;

        @Override
        public void applyTo(MemoryVectorIndex index) {
            Map<String, float[]> titles = index.titlesByTenant.computeIfAbsent(tenantId, t -> new ConcurrentHashMap<>());
            if (unit != null) {
                titles.put(documentId, unit);
            } else {
                titles.remove(documentId);
            }
        }

        @Override
        public void writeTo(DataOutputStream out) throws IOException {
            writeHead(out, TAG, tenantId, documentId);
            out.writeBoolean(unit != null);
            if (unit != null) {
                writeVector(out, unit);
            }
        }
    }

    /** What every record starts with; {@link #readChange} reads it back. */
    private static void writeHead(DataOutputStream out, byte tag, String tenantId, String documentId) throws IOException {
        out.writeByte(tag);
        out.writeUTF(tenantId);
        out.writeUTF(documentId);
    }

    private static Change readChange(DataInputStream in) throws IOException {
        byte tag = in.readByte();
        String tenantId = in.readUTF();
        String documentId = in.readUTF();
        switch (tag) {
            case Added.TAG -> {
                int n = in.readInt();
                List<UUID> ids = new ArrayList<>(n);
                List<float[]> units = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    ids.add(readId(in));
                    units.add(readVector(in));
                }
                return new Added(tenantId, documentId, ids, units);
            }
            case Removed.TAG -> {
                int n = in.readInt();
                List<UUID> ids = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    ids.add(readId(in));
                }
                return new Removed(tenantId, documentId, ids);
            }
            case Titled.TAG -> {
                return new Titled(tenantId, documentId, in.readBoolean() ? readVector(in) : null);
            }
            default -> throw new IOException("unknown journal record " + tag);
        }
    }

    /**
     * Applies a change once the surrounding transaction commits (at once without one). All changes of one transaction
     * are applied together, in order, and journalled as one record.
     */
    private void afterCommit(Change change) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            commit(List.of(change));
            return;
        }
        @SuppressWarnings("unchecked")
        List<Change> pending = (List<Change>) TransactionSynchronizationManager.getResource(this);
        if (pending == null) {
            List<Change> changes = new ArrayList<>();
            TransactionSynchronizationManager.bindResource(this, changes);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    commit(changes);
                }

                @Override
                public void afterCompletion(int status) {
                    TransactionSynchronizationManager.unbindResourceIfPossible(MemoryVectorIndex.this);
                }
            });
            pending = changes;
        }
        pending.add(change);
    }

    /**
     * Applies and journals under one lock, so that the journal's order is the order the changes were applied in and a
     * snapshot never misses a change whose record the compaction then deletes.
     */
    private synchronized void commit(List<Change> changes) {
        changes.forEach(c -> c.applyTo(this));
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            DataOutputStream body = new DataOutputStream(bytes);
            body.writeInt(changes.size());
            for (Change c : changes) {
                c.writeTo(body);
            }
            byte[] record = bytes.toByteArray();
            CRC32 crc = new CRC32();
            crc.update(record);
            ByteBuffer framed = ByteBuffer.allocate(12 + record.length).putInt(record.length).putLong(crc.getValue()).put(record).flip();
            Files.createDirectories(journal.getParent());
            long journalBytes;
            try (FileChannel out = FileChannel.open(journal, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
                while (framed.hasRemaining()) {
                    out.write(framed);
                }
                journalBytes = out.size();
            }
            if (journalBytes > Math.max(snapshotBytes, MIN_JOURNAL_BYTES_TO_COMPACT)) {
                compact();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot journal a change to the vector store in " + journal, e);
        }
    }

    /**
     * Writes the whole index as the new snapshot (to a temporary file moved into place, so a crash leaves the old or
     * the new one), then empties the journal. A crash between the two replays the journal over the new snapshot on the
     * next start, which changes nothing: every record sets or removes entries to their state after it.
     */
    private void compact() throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(tmp)))) {
            out.writeInt(FORMAT);
            out.writeInt(byTenant.size());
            for (var tenant : byTenant.entrySet()) {
                List<ChunkVectors.Row> rows = tenant.getValue().rows();
                out.writeUTF(tenant.getKey());
                out.writeInt(rows.size());
                for (ChunkVectors.Row row : rows) {
                    writeId(out, row.chunkId());
                    out.writeUTF(row.documentId());
                    writeVector(out, row.unit());
                }
            }
            out.writeInt(titlesByTenant.size());
            for (var tenant : titlesByTenant.entrySet()) {
                out.writeUTF(tenant.getKey());
                out.writeInt(tenant.getValue().size());
                for (var title : tenant.getValue().entrySet()) {
                    out.writeUTF(title.getKey());
                    writeVector(out, title.getValue());
                }
            }
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        snapshotBytes = Files.size(file);
        try (FileChannel out = FileChannel.open(journal, StandardOpenOption.WRITE)) {
            out.truncate(0);
        }
    }

    private void load() {
        try {
            if (Files.exists(file)) {
                loadSnapshot();
                snapshotBytes = Files.size(file);
            }
            if (Files.exists(journal)) {
                replayJournal();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the vector store in " + file.getParent(), e);
        }
    }

    private void loadSnapshot() throws IOException {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
            int format = in.readInt();
            if (format != 1 && format != FORMAT) {
                throw new IOException("unknown format " + format);
            }
            int tenants = in.readInt();
            for (int t = 0; t < tenants; t++) {
                String tenantId = in.readUTF();
                int n = in.readInt();
                ChunkVectors entries = new ChunkVectors();
                for (int i = 0; i < n; i++) {
                    UUID id = readId(in);
                    String documentId = in.readUTF();
                    entries.put(id, documentId, readVector(in));
                }
                byTenant.put(tenantId, entries);
            }
            if (format >= 2) {
                int titleTenants = in.readInt();
                for (int t = 0; t < titleTenants; t++) {
                    String tenantId = in.readUTF();
                    int n = in.readInt();
                    Map<String, float[]> titles = new ConcurrentHashMap<>();
                    for (int i = 0; i < n; i++) {
                        titles.put(in.readUTF(), readVector(in));
                    }
                    titlesByTenant.put(tenantId, titles);
                }
            }
            log.info("Loaded {} tenants' vectors from {}", tenants, file);
        }
    }

    /**
     * Applies the journal's records in order. A last record cut short or garbled (the process died while appending it)
     * is dropped and cut off the file, so that the next record is appended after the last good one.
     */
    private void replayJournal() throws IOException {
        long good = 0;
        int records = 0;
        try (FileChannel channel = FileChannel.open(journal, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            DataInputStream in = new DataInputStream(new BufferedInputStream(Channels.newInputStream(channel)));
            long size = channel.size();
            while (size - good >= 12) {
                int length = in.readInt();
                long checksum = in.readLong();
                if (length < 0 || length > size - good - 12) {
                    break;
                }
                byte[] record = in.readNBytes(length);
                CRC32 crc = new CRC32();
                crc.update(record);
                if (crc.getValue() != checksum) {
                    break;
                }
                DataInputStream body = new DataInputStream(new ByteArrayInputStream(record));
                for (int n = body.readInt(); n > 0; n--) {
                    readChange(body).applyTo(this);
                }
                good += 12 + length;
                records++;
            }
            if (good < size) {
                log.warn("Dropping {} bytes of an incomplete last record from {}", size - good, journal);
                channel.truncate(good);
            }
        }
        log.info("Replayed {} journal records from {}", records, journal);
    }

    private static void writeId(DataOutputStream out, UUID id) throws IOException {
        out.writeLong(id.getMostSignificantBits());
        out.writeLong(id.getLeastSignificantBits());
    }

    private static UUID readId(DataInputStream in) throws IOException {
        return new UUID(in.readLong(), in.readLong());
    }

    private static void writeVector(DataOutputStream out, float[] v) throws IOException {
        out.writeInt(v.length);
        for (float f : v) {
            out.writeFloat(f);
        }
    }

    private static float[] readVector(DataInputStream in) throws IOException {
        float[] v = new float[in.readInt()];
        for (int j = 0; j < v.length; j++) {
            v[j] = in.readFloat();
        }
        return v;
    }

    static float[] unit(float[] v) {
        double norm = 0;
        for (float f : v) {
            norm += f * f;
        }
        norm = Math.sqrt(norm);
        float[] u = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            u[i] = norm == 0 ? 0 : (float) (v[i] / norm);
        }
        return u;
    }

    private static double dot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}
