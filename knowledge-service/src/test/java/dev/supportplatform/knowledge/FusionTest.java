package dev.supportplatform.knowledge;

import dev.supportplatform.knowledge.search.Fusion;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

class FusionTest {

    private final UUID strongVector = UUID.randomUUID();
    private final UUID middling = UUID.randomUUID();
    private final UUID textOnly = UUID.randomUUID();
    private final Map<UUID, Fusion.Candidate> candidates = Map.of(
            strongVector, new Fusion.Candidate(strongVector, 0.90, null, 0.0),
            middling, new Fusion.Candidate(middling, 0.55, null, 0.30),
            textOnly, new Fusion.Candidate(textOnly, 0.20, null, 0.40));
    private final List<UUID> vectorOrder = List.of(strongVector, middling, textOnly);
    private final List<UUID> textOrder = List.of(textOnly, middling);
    private final Fusion.Weights defaults = new Fusion.Weights(0.8, 0.5, 60);

    @Test
    void weightedFusionKeepsAClearVectorWinnerFirstWhereEqualRrfDoesNot() {
        List<Fusion.Scored> weighted = Fusion.fuse(Fusion.Mode.WEIGHTED, vectorOrder, textOrder, candidates, defaults);
        assertThat(weighted.getFirst().chunkId()).isEqualTo(strongVector);
        assertThat(weighted.getFirst().score()).isCloseTo(0.8 * 0.90, offset(1e-9));

        List<Fusion.Scored> rrf = Fusion.fuse(Fusion.Mode.RRF, vectorOrder, textOrder, candidates, defaults);
        // Ranks only: a chunk both sides rank second beats the clear vector winner the text side does not match.
        assertThat(rrf.getFirst().chunkId()).isNotEqualTo(strongVector);
        assertThat(rrf.stream().map(Fusion.Scored::chunkId).toList().indexOf(strongVector)).isEqualTo(2);
    }

    @Test
    void aTitledDocumentsChunkBlendsItsTitleSimilarityIntoTheVectorScore() {
        UUID titled = UUID.randomUUID();
        UUID untitled = UUID.randomUUID();
        Map<UUID, Fusion.Candidate> mixed = Map.of(
                titled, new Fusion.Candidate(titled, 0.60, 0.90, 0.0),
                untitled, new Fusion.Candidate(untitled, 0.70, null, 0.0));
        List<Fusion.Scored> ranked = Fusion.fuse(Fusion.Mode.VECTOR, List.of(untitled, titled), List.of(), mixed, defaults);

        assertThat(ranked.getFirst().chunkId()).isEqualTo(titled);
        assertThat(ranked.getFirst().score()).isCloseTo(0.5 * 0.90 + 0.5 * 0.60, offset(1e-9));
        assertThat(ranked.get(1).score()).isCloseTo(0.70, offset(1e-9));
        // Without the title's share the chunks' own similarities decide.
        assertThat(Fusion.fuse(Fusion.Mode.VECTOR, List.of(untitled, titled), List.of(), mixed, new Fusion.Weights(0.8, 0, 60))
                .getFirst().chunkId()).isEqualTo(untitled);
    }

    @Test
    void everyModeScoresWithinZeroAndOne() {
        for (Fusion.Mode mode : Fusion.Mode.values()) {
            assertThat(Fusion.fuse(mode, vectorOrder, textOrder, candidates, defaults))
                    .isNotEmpty()
                    .allSatisfy(s -> assertThat(s.score()).isBetween(0.0, 1.0));
        }
    }
}
