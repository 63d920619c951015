package dev.supportplatform.knowledge.search;

import dev.supportplatform.knowledge.document.DocumentFilter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * Vectors in memory, per tenant, searched exactly (brute-force cosine over unit vectors), persisted to one file in the
 * data directory after every change (written to a temporary file and moved into place, so a crash leaves the old or
 * the new file, never half of one). For the local stack, whose embedded PostgreSQL has no pgvector. Filters other
 * than the tenant and document are applied by asking PostgreSQL which documents qualify.
 */
public class MemoryVectorIndex implements VectorIndex {

    private static final Logger log = LoggerFactory.getLogger(MemoryVectorIndex.class);
    /** 1: chunk vectors; 2: then document title vectors. */
    private static final int FORMAT = 2;

    private record Entry(UUID chunkId, String documentId, float[] unit) {
    }

    private final Map<String, Map<UUID, Entry>> byTenant = new ConcurrentHashMap<>();
    /** Per tenant, the title vector of each document that has a title. */
    private final Map<String, Map<String, float[]>> titlesByTenant = new ConcurrentHashMap<>();
    private final Path file;
    private final JdbcTemplate jdbc;

    public MemoryVectorIndex(Path dataDir, JdbcTemplate jdbc) {
        this.file = dataDir.resolve("vectors.bin");
        this.jdbc = jdbc;
        load();
    }

    @Override
    public boolean inDatabase() {
        return false;
    }

    @Override
    public void add(String tenantId, String documentId, List<UUID> chunkIds, List<float[]> vectors) {
        List<Entry> entries = new ArrayList<>();
        for (int i = 0; i < chunkIds.size(); i++) {
            entries.add(new Entry(chunkIds.get(i), documentId, unit(vectors.get(i))));
        }
        afterCommit(() -> {
            Map<UUID, Entry> tenant = byTenant.computeIfAbsent(tenantId, t -> new ConcurrentHashMap<>());
            entries.forEach(e -> tenant.put(e.chunkId(), e));
        });
    }

    @Override
    public void setTitle(String tenantId, String documentId, float[] titleVector) {
        float[] title = titleVector == null ? null : unit(titleVector);
        afterCommit(() -> {
            Map<String, float[]> titles = titlesByTenant.computeIfAbsent(tenantId, t -> new ConcurrentHashMap<>());
            if (title != null) {
                titles.put(documentId, title);
            } else {
                titles.remove(documentId);
            }
        });
    }

    @Override
    public void remove(String tenantId, String documentId, List<UUID> chunkIds) {
        afterCommit(() -> {
            Map<UUID, Entry> tenant = byTenant.get(tenantId);
            if (tenant != null) {
                chunkIds.forEach(tenant::remove);
            }
            Map<String, float[]> titles = titlesByTenant.get(tenantId);
            if (titles != null) {
                titles.remove(documentId);
            }
        });
    }

    @Override
    public Map<UUID, Similarity> similarities(String tenantId, float[] query, List<UUID> chunkIds) {
        float[] q = unit(query);
        Map<UUID, Entry> tenant = byTenant.getOrDefault(tenantId, Map.of());
        Map<UUID, Similarity> result = new HashMap<>();
        for (UUID id : chunkIds) {
            Entry e = tenant.get(id);
            if (e != null) {
                result.put(id, new Similarity(dot(q, e.unit()), titleSimilarity(tenantId, e.documentId(), q)));
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
        Collection<Entry> entries = byTenant.getOrDefault(tenantId, Map.of()).values();
        List<Scored> candidates = best(entries, q, limit * CANDIDATES_PER_RESULT, e -> true);
        Set<String> allowed = allowedDocuments(tenantId, filter,
                candidates.stream().map(c -> c.entry().documentId()).distinct().toList());
        // the best `limit` allowed candidates are the best allowed entries overall: every entry not among the
        // candidates scores below all of them
        List<Scored> ranked = candidates.stream().filter(c -> allowed.contains(c.entry().documentId())).limit(limit).toList();
        if (ranked.size() < limit && candidates.size() < entries.size()) {
            Set<String> all = allowedDocuments(tenantId, filter, null);
            ranked = best(entries, q, limit, e -> all.contains(e.documentId()));
        }
        return ranked.stream()
                .map(s -> new Hit(s.entry().chunkId(), s.similarity(), titleSimilarity(tenantId, s.entry().documentId(), q), null))
                .toList();
    }

    /** How many candidates per result {@link #nearest} checks before it falls back to scanning against every document. */
    private static final int CANDIDATES_PER_RESULT = 4;

    private record Scored(Entry entry, double similarity) {
    }

    /** The {@code n} entries most similar to {@code q} among those {@code include} accepts, best first. */
    private static List<Scored> best(Collection<Entry> entries, float[] q, int n, Predicate<Entry> include) {
        PriorityQueue<Scored> best = new PriorityQueue<>(Comparator.comparingDouble(Scored::similarity));
        for (Entry e : entries) {
            if (!include.test(e)) {
                continue;
            }
            double s = dot(q, e.unit());
            if (best.size() < n) {
                best.add(new Scored(e, s));
            } else if (s > best.peek().similarity()) {
                best.poll();
                best.add(new Scored(e, s));
            }
        }
        List<Scored> out = new ArrayList<>(best);
        out.sort(Comparator.comparingDouble(Scored::similarity).reversed());
        return out;
    }

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

    /**
     * Applies a change once the surrounding transaction commits (at once without one). All changes of one transaction
     * are applied together, in order, and the file is written once for them.
     */
    private void afterCommit(Runnable change) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            change.run();
            persist();
            return;
        }
        @SuppressWarnings("unchecked")
        List<Runnable> pending = (List<Runnable>) TransactionSynchronizationManager.getResource(this);
        if (pending == null) {
            List<Runnable> changes = new ArrayList<>();
            TransactionSynchronizationManager.bindResource(this, changes);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    changes.forEach(Runnable::run);
                    persist();
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

    private synchronized void persist() {
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(tmp)))) {
                out.writeInt(FORMAT);
                out.writeInt(byTenant.size());
                for (var tenant : byTenant.entrySet()) {
                    out.writeUTF(tenant.getKey());
                    out.writeInt(tenant.getValue().size());
                    for (Entry e : tenant.getValue().values()) {
                        out.writeLong(e.chunkId().getMostSignificantBits());
                        out.writeLong(e.chunkId().getLeastSignificantBits());
                        out.writeUTF(e.documentId());
                        writeVector(out, e.unit());
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
        } catch (IOException e) {
            throw new UncheckedIOException("cannot persist the vector store to " + file, e);
        }
    }

    private void load() {
        if (!Files.exists(file)) {
            return;
        }
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
            int format = in.readInt();
            if (format != 1 && format != FORMAT) {
                throw new IOException("unknown format " + format);
            }
            int tenants = in.readInt();
            for (int t = 0; t < tenants; t++) {
                String tenantId = in.readUTF();
                int n = in.readInt();
                Map<UUID, Entry> entries = new ConcurrentHashMap<>();
                for (int i = 0; i < n; i++) {
                    UUID id = new UUID(in.readLong(), in.readLong());
                    String documentId = in.readUTF();
                    entries.put(id, new Entry(id, documentId, readVector(in)));
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
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the vector store " + file, e);
        }
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

    private static float[] unit(float[] v) {
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
