package dev.supportplatform.knowledge.search;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The in-memory index's persistence: what a restart finds after commits, after a crash mid-append, and after the
 * journal is folded into the snapshot. Reads go through {@link MemoryVectorIndex#similarities}, which needs no database.
 */
class MemoryVectorIndexJournalTest {

    private static final String TENANT = "tenant-a";
    private final Random random = new Random(7);

    @TempDir
    Path dir;

    @Test
    void addedTitledAndRemovedDocumentsAreFoundAsTheyWereAfterARestart() {
        MemoryVectorIndex index = new MemoryVectorIndex(dir, null);
        List<UUID> kept = List.of(UUID.randomUUID(), UUID.randomUUID());
        UUID removed = UUID.randomUUID();
        float[] title = vector();
        index.add(TENANT, "doc-kept", kept, List.of(vector(), vector()));
        index.add(TENANT, "doc-removed", List.of(removed), List.of(vector()));
        index.setTitle(TENANT, "doc-kept", title);
        index.remove(TENANT, "doc-removed", List.of(removed));

        MemoryVectorIndex restarted = new MemoryVectorIndex(dir, null);
        var found = restarted.similarities(TENANT, title, List.of(kept.get(0), kept.get(1), removed));
        assertThat(found).containsOnlyKeys(kept);
        assertThat(found.get(kept.get(0)).title()).as("the title vector came back").isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(restarted.similarities("tenant-b", title, kept)).as("per tenant").isEmpty();
    }

    @Test
    void aRecordCutShortByACrashIsDroppedAndLaterCommitsStillLoad() throws IOException {
        MemoryVectorIndex index = new MemoryVectorIndex(dir, null);
        UUID first = UUID.randomUUID();
        index.add(TENANT, "doc-1", List.of(first), List.of(vector()));
        Path journal = dir.resolve("vectors.journal");
        long intact = Files.size(journal);
        // the start of a record whose body never reached the disk
        Files.write(journal, ByteBuffer.allocate(20).putInt(5_000).putLong(42).putInt(1).array(), StandardOpenOption.APPEND);

        MemoryVectorIndex restarted = new MemoryVectorIndex(dir, null);
        assertThat(restarted.similarities(TENANT, vector(), List.of(first))).containsOnlyKeys(first);
        assertThat(Files.size(journal)).as("the torn record is cut off").isEqualTo(intact);

        UUID second = UUID.randomUUID();
        restarted.add(TENANT, "doc-2", List.of(second), List.of(vector()));
        assertThat(new MemoryVectorIndex(dir, null).similarities(TENANT, vector(), List.of(first, second))).containsOnlyKeys(first, second);
    }

    @Test
    void aRecordWhoseChecksumDoesNotMatchIsNotApplied() throws IOException {
        MemoryVectorIndex index = new MemoryVectorIndex(dir, null);
        UUID good = UUID.randomUUID();
        UUID garbled = UUID.randomUUID();
        index.add(TENANT, "doc-1", List.of(good), List.of(vector()));
        long intact = Files.size(dir.resolve("vectors.journal"));
        index.add(TENANT, "doc-2", List.of(garbled), List.of(vector()));
        byte[] bytes = Files.readAllBytes(dir.resolve("vectors.journal"));
        bytes[bytes.length - 3] ^= 0x55;
        Files.write(dir.resolve("vectors.journal"), bytes);

        assertThat(new MemoryVectorIndex(dir, null).similarities(TENANT, vector(), List.of(good, garbled))).containsOnlyKeys(good);
        assertThat(Files.size(dir.resolve("vectors.journal"))).isEqualTo(intact);
    }

    @Test
    void theJournalIsFoldedIntoTheSnapshotOnceItOutgrowsIt() throws IOException {
        MemoryVectorIndex index = new MemoryVectorIndex(dir, null);
        List<UUID> all = new ArrayList<>();
        long largestJournal = 0;
        for (int i = 0; i < 3_000; i++) { // about 1.6 KB per record: 4.8 MB of commits
            UUID id = UUID.randomUUID();
            all.add(id);
            index.add(TENANT, "doc-" + i, List.of(id), List.of(vector()));
            largestJournal = Math.max(largestJournal, Files.size(dir.resolve("vectors.journal")));
        }
        long snapshot = Files.size(dir.resolve("vectors.bin"));
        assertThat(snapshot).as("compacted at least once").isGreaterThan(1 << 20);
        assertThat(largestJournal).as("the journal never grows far past the snapshot or 1 MiB")
                .isLessThanOrEqualTo(Math.max(snapshot, 1 << 20) + 2_000);

        assertThat(new MemoryVectorIndex(dir, null).similarities(TENANT, vector(), all)).hasSize(3_000);
    }

    private float[] vector() {
        float[] v = new float[384];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) random.nextGaussian();
        }
        return v;
    }
}
