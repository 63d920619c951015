package dev.supportplatform.knowledge.search;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ChunkVectorsTest {

    private final Random random = new Random(11);

    @Test
    void bestRanksEveryStoredChunkByItsSimilarityAsAFullComparisonWould() {
        ChunkVectors vectors = new ChunkVectors();
        List<UUID> ids = new ArrayList<>();
        List<float[]> units = new ArrayList<>();
        fill(vectors, 200, 7, 10, ids, units);
        float[] q = unit(7);

        List<ChunkVectors.Scored> best = vectors.best(q, 5, d -> true);

        List<UUID> expected = new ArrayList<>(ids);
        expected.sort(Comparator.comparingDouble((UUID id) -> plainDot(q, units.get(ids.indexOf(id)))).reversed());
        assertThat(best).extracting(ChunkVectors.Scored::chunkId).containsExactlyElementsOf(expected.subList(0, 5));
        assertThat(best.getFirst().similarity()).isCloseTo(plainDot(q, units.get(ids.indexOf(best.getFirst().chunkId()))),
                org.assertj.core.data.Offset.offset(1e-9));
        assertThat(vectors.best(q, 5, d -> d.equals("doc-3"))).extracting(ChunkVectors.Scored::documentId).containsOnly("doc-3").hasSize(5);
    }

    @Test
    void removingAChunkMovesTheLastIntoItsPlaceAndKeepsEveryOtherFindable() {
        ChunkVectors vectors = new ChunkVectors();
        List<UUID> ids = new ArrayList<>();
        List<float[]> units = new ArrayList<>();
        fill(vectors, 40, 5, 40, ids, units);
        vectors.remove(ids.get(3));
        vectors.remove(ids.get(39));
        vectors.remove(UUID.randomUUID()); // not there: nothing happens

        assertThat(vectors.size()).isEqualTo(38);
        assertThat(vectors.score(ids.get(3), units.get(3))).isNull();
        for (int i = 0; i < 39; i++) {
            if (i != 3) {
                ChunkVectors.Scored own = vectors.score(ids.get(i), units.get(i));
                assertThat(own.documentId()).isEqualTo("doc-" + i);
                assertThat(own.similarity()).as("a unit vector against itself").isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-6));
            }
        }
        assertThat(vectors.rows()).extracting(ChunkVectors.Row::chunkId).hasSize(38).doesNotContain(ids.get(3), ids.get(39));
    }

    @Test
    void puttingAChunkAgainReplacesItsVectorInsteadOfAddingARow() {
        ChunkVectors vectors = new ChunkVectors();
        UUID id = UUID.randomUUID();
        float[] replacement = unit(3);
        vectors.put(id, "doc", unit(3));
        vectors.put(id, "doc", replacement);

        assertThat(vectors.size()).isEqualTo(1);
        assertThat(vectors.score(id, replacement).similarity()).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-6));
    }

    @Test
    void vectorsOfAnotherDimensionAreRefusedWithTheReason() {
        ChunkVectors vectors = new ChunkVectors();
        vectors.put(UUID.randomUUID(), "doc", unit(4));

        assertThatThrownBy(() -> vectors.put(UUID.randomUUID(), "doc", unit(5))).hasMessageContaining("embedding model changed");
        assertThatThrownBy(() -> vectors.best(unit(5), 3, d -> true)).hasMessageContaining("5 dimensions");
    }

    /** Puts {@code n} random unit chunks, chunk i in document "doc-(i % documents)", recording their ids and vectors. */
    private void fill(ChunkVectors vectors, int n, int dimension, int documents, List<UUID> ids, List<float[]> units) {
        for (int i = 0; i < n; i++) {
            ids.add(UUID.randomUUID());
            units.add(unit(dimension));
            vectors.put(ids.get(i), "doc-" + (i % documents), units.get(i));
        }
    }

    private float[] unit(int dimension) {
        float[] v = new float[dimension];
        for (int i = 0; i < dimension; i++) {
            v[i] = (float) random.nextGaussian();
        }
        return MemoryVectorIndex.unit(v);
    }

    private static double plainDot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}
