package dev.supportplatform.knowledge.search;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.UUID;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Predicate;

/**
 * One tenant's chunk vectors for {@link MemoryVectorIndex}: unit vectors as the rows of one contiguous array, so that a
 * search reads memory in order. With a map of separate arrays spread over the heap, the scan was most of a search's
 * time on the local stack's C1-compiled JVM; this halved it (knowledge-service/bench/RESULTS.md, "in-memory store").
 * Removing a row moves the last row into its place. Searches share a read lock; changes take the write lock.
 */
final class ChunkVectors {

    record Row(UUID chunkId, String documentId, float[] unit) {
    }

    record Scored(UUID chunkId, String documentId, double similarity) {
    }

    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private final Map<UUID, Integer> rowOf = new HashMap<>();
    private int dimension = -1;
    private float[] units = new float[0];
    private UUID[] chunkIds = new UUID[0];
    private String[] documentIds = new String[0];
    private int size;

    /** Adds the chunk's vector, or replaces it if the chunk is here already. */
    void put(UUID chunkId, String documentId, float[] unit) {
        lock.writeLock().lock();
        try {
            if (dimension < 0) {
                dimension = unit.length;
            } else if (unit.length != dimension) {
                throw new IllegalArgumentException("a vector of " + unit.length + " dimensions among vectors of " + dimension
                        + ": the embedding model changed without the documents being ingested again");
            }
            Integer row = rowOf.get(chunkId);
            if (row == null) {
                if (size == chunkIds.length) {
                    int capacity = Math.max(16, size * 2);
                    units = Arrays.copyOf(units, capacity * dimension);
                    chunkIds = Arrays.copyOf(chunkIds, capacity);
                    documentIds = Arrays.copyOf(documentIds, capacity);
                }
                row = size++;
                rowOf.put(chunkId, row);
            }
            System.arraycopy(unit, 0, units, row * dimension, dimension);
            chunkIds[row] = chunkId;
            documentIds[row] = documentId;
        } finally {
            lock.writeLock().unlock();
        }
    }

    void remove(UUID chunkId) {
        lock.writeLock().lock();
        try {
            Integer row = rowOf.remove(chunkId);
            if (row == null) {
                return;
            }
            int last = --size;
            if (row != last) {
                System.arraycopy(units, last * dimension, units, row * dimension, dimension);
                chunkIds[row] = chunkIds[last];
                documentIds[row] = documentIds[last];
                rowOf.put(chunkIds[row], row);
            }
            chunkIds[last] = null;
            documentIds[last] = null;
        } finally {
            lock.writeLock().unlock();
        }
    }

    int size() {
        lock.readLock().lock();
        try {
            return size;
        } finally {
            lock.readLock().unlock();
        }
    }

    /** The chunk's similarity to the unit vector {@code q}, or null when the chunk is not here. */
    Scored score(UUID chunkId, float[] q) {
        lock.readLock().lock();
        try {
            Integer row = rowOf.get(chunkId);
            return row == null ? null : new Scored(chunkId, documentIds[row], dot(q, units, row * dimension));
        } finally {
            lock.readLock().unlock();
        }
    }

    /** The {@code n} chunks most similar to the unit vector {@code q} among those of documents {@code include} accepts, best first. */
    List<Scored> best(float[] q, int n, Predicate<String> include) {
        lock.readLock().lock();
        try {
            if (size > 0 && q.length != dimension) {
                throw new IllegalArgumentException("a query of " + q.length + " dimensions against vectors of " + dimension);
            }
            PriorityQueue<Scored> best = new PriorityQueue<>(Comparator.comparingDouble(Scored::similarity));
            for (int row = 0; row < size; row++) {
                if (!include.test(documentIds[row])) {
                    continue;
                }
                double s = dot(q, units, row * dimension);
                if (best.size() < n) {
                    best.add(new Scored(chunkIds[row], documentIds[row], s));
                } else if (s > best.peek().similarity()) {
                    best.poll();
                    best.add(new Scored(chunkIds[row], documentIds[row], s));
                }
            }
            List<Scored> out = new ArrayList<>(best);
            out.sort(Comparator.comparingDouble(Scored::similarity).reversed());
            return out;
        } finally {
            lock.readLock().unlock();
        }
    }

    /** A copy of every row, for a snapshot. */
    List<Row> rows() {
        lock.readLock().lock();
        try {
            List<Row> out = new ArrayList<>(size);
            for (int row = 0; row < size; row++) {
                out.add(new Row(chunkIds[row], documentIds[row], Arrays.copyOfRange(units, row * dimension, (row + 1) * dimension)));
            }
            return out;
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Four partial sums: fewer dependent additions per element, which even C1's plain loop code gains from. */
    private static double dot(float[] q, float[] m, int offset) {
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        int n = q.length;
        int i = 0;
        for (; i + 3 < n; i += 4) {
            s0 += q[i] * m[offset + i];
            s1 += q[i + 1] * m[offset + i + 1];
            s2 += q[i + 2] * m[offset + i + 2];
            s3 += q[i + 3] * m[offset + i + 3];
        }
        for (; i < n; i++) {
            s0 += q[i] * m[offset + i];
        }
        return (s0 + s1) + (s2 + s3);
    }
}
