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
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Vectors in memory, per tenant, searched exactly (brute-force cosine over unit vectors), persisted to one file in the
 * data directory after every change (written to a temporary file and moved into place, so a crash leaves the old or
 * the new file, never half of one). For the local stack, whose embedded PostgreSQL has no pgvector. Filters other
 * than the tenant and document are applied by asking PostgreSQL which documents qualify.
 */
public class MemoryVectorIndex implements VectorIndex {

    private static final Logger log = LoggerFactory.getLogger(MemoryVectorIndex.class);
    private static final int FORMAT = 1;

    private record Entry(UUID chunkId, String documentId, float[] unit) {
    }

    private final Map<String, Map<UUID, Entry>> byTenant = new ConcurrentHashMap<>();
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
            persist();
        });
    }

    @Override
    public void remove(String tenantId, List<UUID> chunkIds) {
        afterCommit(() -> {
            Map<UUID, Entry> tenant = byTenant.get(tenantId);
            if (tenant != null) {
                chunkIds.forEach(tenant::remove);
                persist();
            }
        });
    }

    @Override
    public Map<UUID, Double> similarities(String tenantId, float[] query, List<UUID> chunkIds) {
        float[] q = unit(query);
        Map<UUID, Entry> tenant = byTenant.getOrDefault(tenantId, Map.of());
        Map<UUID, Double> result = new HashMap<>();
        for (UUID id : chunkIds) {
            Entry e = tenant.get(id);
            if (e != null) {
                result.put(id, dot(q, e.unit()));
            }
        }
        return result;
    }

    @Override
    public List<Hit> nearest(String tenantId, float[] query, DocumentFilter filter, int limit, String rankText) {
        Set<String> allowed = allowedDocuments(tenantId, filter);
        float[] q = unit(query);
        PriorityQueue<Hit> best = new PriorityQueue<>(Comparator.comparingDouble(Hit::similarity));
        for (Entry e : byTenant.getOrDefault(tenantId, Map.of()).values()) {
            if (!allowed.contains(e.documentId())) {
                continue;
            }
            double s = dot(q, e.unit());
            if (best.size() < limit) {
                best.add(new Hit(e.chunkId(), s));
            } else if (s > best.peek().similarity()) {
                best.poll();
                best.add(new Hit(e.chunkId(), s));
            }
        }
        List<Hit> hits = new ArrayList<>(best);
        hits.sort(Comparator.comparingDouble(Hit::similarity).reversed());
        return hits;
    }

    /** Processed documents of the tenant that pass the filter (the vector side must not see half-ingested ones). */
    private Set<String> allowedDocuments(String tenantId, DocumentFilter filter) {
        List<Object> args = new ArrayList<>();
        StringBuilder sql = new StringBuilder("select id from documents where tenant_id = ? and status = 'processed'");
        args.add(tenantId);
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

    private static void afterCommit(Runnable work) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    work.run();
                }
            });
        } else {
            work.run();
        }
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
                        out.writeInt(e.unit().length);
                        for (float f : e.unit()) {
                            out.writeFloat(f);
                        }
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
            if (in.readInt() != FORMAT) {
                throw new IOException("unknown format");
            }
            int tenants = in.readInt();
            for (int t = 0; t < tenants; t++) {
                String tenantId = in.readUTF();
                int n = in.readInt();
                Map<UUID, Entry> entries = new ConcurrentHashMap<>();
                for (int i = 0; i < n; i++) {
                    UUID id = new UUID(in.readLong(), in.readLong());
                    String documentId = in.readUTF();
                    float[] v = new float[in.readInt()];
                    for (int j = 0; j < v.length; j++) {
                        v[j] = in.readFloat();
                    }
                    entries.put(id, new Entry(id, documentId, v));
                }
                byTenant.put(tenantId, entries);
            }
            log.info("Loaded {} tenants' vectors from {}", tenants, file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the vector store " + file, e);
        }
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
