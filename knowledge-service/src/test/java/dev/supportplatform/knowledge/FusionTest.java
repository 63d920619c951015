package dev.supportplatform.knowledge;

import dev.supportplatform.knowledge.search.Fusion;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class FusionTest {

    private final UUID strongVector = UUID.randomUUID();
    private final UUID middling = UUID.randomUUID();
    private final UUID textOnly = UUID.randomUUID();
    private final Map<UUID, Fusion.Candidate> candidates = Map.of(
            strongVector, new Fusion.Candidate(strongVector, 0.90, 0.0),
            middling, new Fusion.Candidate(middling, 0.55, 0.08),
            textOnly, new Fusion.Candidate(textOnly, 0.20, 0.10));
    private final List<UUID> vectorOrder = List.of(strongVector, middling, textOnly);
    private final List<UUID> textOrder = List.of(textOnly, middling);

    @Test
    void weightedFusionKeepsAClearVectorWinnerFirstWhereEqualRrfDoesNot() {
        List<Fusion.Scored> weighted = Fusion.fuse(Fusion.Mode.WEIGHTED, vectorOrder, textOrder, candidates, 0.8, 60);
        assertThat(weighted.getFirst().chunkId()).isEqualTo(strongVector);
        assertThat(weighted.getFirst().score()).isCloseTo(0.8 * 0.90, org.assertj.core.data.Offset.offset(1e-9));

        List<Fusion.Scored> rrf = Fusion.fuse(Fusion.Mode.RRF, vectorOrder, textOrder, candidates, 0.5, 60);
        // Ranks only: a chunk both sides rank second beats the clear vector winner the text side does not match.
        assertThat(rrf.getFirst().chunkId()).isNotEqualTo(strongVector);
        assertThat(rrf.indexOf(rrf.stream().filter(s -> s.chunkId().equals(strongVector)).findFirst().orElseThrow())).isEqualTo(2);
    }

    @Test
    void everyModeScoresWithinZeroAndOne() {
        for (Fusion.Mode mode : Fusion.Mode.values()) {
            assertThat(Fusion.fuse(mode, vectorOrder, textOrder, candidates, 0.8, 60))
                    .allSatisfy(s -> assertThat(s.score()).isBetween(0.0, 1.0));
        }
    }
}
