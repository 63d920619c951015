package dev.supportplatform.knowledge.embedding;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Queries are embedded by the int8 quantized all-MiniLM-L6-v2 and compared with passages embedded in full precision:
 * that works only while the two variants put a text in nearly the same place and rank passages alike.
 */
class QueryEmbeddingTest {

    private static ExecutorService workers;
    private static Embedder embedder;

    @BeforeAll
    static void load() {
        workers = Executors.newFixedThreadPool(2);
        embedder = new Embedder(new TunedMiniLmEmbeddingModel(workers), TunedMiniLmEmbeddingModel.quantized(workers), 32, Embedder.IN_PROCESS_MODEL);
    }

    @AfterAll
    static void stop() {
        workers.shutdown();
    }

    @Test
    void quantizedQueryVectorsAreCloseToFullPrecisionOnesButNotTheSame() {
        for (String query : List.of("how do I reset my password", "when are invoices sent", "can I get a refund for a damaged parcel")) {
            double agreement = cosine(embedder.embedQuery(query), embedder.embed(query));
            assertThat(agreement).as(query).isGreaterThan(0.98).isLessThan(0.9999);
        }
    }

    @Test
    void aQuantizedQueryRanksFullPrecisionPassagesAsAFullPrecisionQueryDoes() {
        List<String> passages = List.of(
                "Open Settings, choose Security and press Reset password. A link is mailed to you.",
                "Invoices are emailed on the first day of each month.",
                "Refunds reach the original payment method five to seven days after we receive the return.",
                "Orders ship within two working days; international delivery takes up to ten days.");
        List<float[]> stored = embedder.embedAll(passages);
        for (String query : List.of("forgot my password", "when do invoices arrive", "how long until my money is back", "delivery time abroad")) {
            assertThat(ranking(embedder.embedQuery(query), stored)).as(query).isEqualTo(ranking(embedder.embed(query), stored));
        }
    }

    private static List<Integer> ranking(float[] query, List<float[]> passages) {
        return java.util.stream.IntStream.range(0, passages.size()).boxed()
                .sorted((a, b) -> Double.compare(cosine(query, passages.get(b)), cosine(query, passages.get(a)))).toList();
    }

    private static double cosine(float[] a, float[] b) {
        double dot = 0, na = 0, nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
            na += a[i] * a[i];
            nb += b[i] * b[i];
        }
        return dot / Math.sqrt(na * nb);
    }
}
