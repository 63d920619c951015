package dev.supportplatform.knowledge.bench;

import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import dev.supportplatform.knowledge.ingestion.DocumentKind;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Ingestion throughput relative to the raw embedding throughput on the same chunks, in one run: the StackFAQ
 * threads chunked as uploads are, then (1) embedded only, (2) embedded and stored (chunk rows with vectors, HNSW
 * index maintained) as one large document, and (3) as 125 separate documents, as the service does them. Also the
 * library's default ONNX threading, for comparison with the tuned model (one runtime thread per worker).
 */
public final class IngestionThroughputBenchmark {

    public static void main(String[] args) throws Exception {
        StackFaq data = StackFaq.load(args.length > 0 ? Path.of(args[0]) : StackFaq.defaultPath());
        try (BenchEnvironment env = new BenchEnvironment()) {
            List<List<String>> perThread = new ArrayList<>();
            for (StackFaq.Thread t : data.threads()) {
                perThread.add(env.chunker.chunk(t.question() + "\n\n" + String.join("\n\n", t.answers()), DocumentKind.TEXT));
            }
            List<String> chunks = perThread.stream().flatMap(List::stream).toList();
            int n = chunks.size();
            System.out.printf("%d chunks, average %d characters%n", n, chunks.stream().mapToInt(String::length).sum() / n);
            env.embedder.embedAll(chunks.subList(0, 64)); // warm-up

            // Raw and ingesting runs alternate so that load from other processes on a shared machine hits both alike;
            // the median of the per-round ratios is the figure.
            int rounds = Integer.getInteger("bench.rounds", 5);
            List<Double> oneRatios = new ArrayList<>();
            List<Double> manyRatios = new ArrayList<>();
            for (int round = 1; round <= rounds; round++) {
                long t0 = System.nanoTime();
                env.embedder.embedAll(chunks);
                double raw = n / seconds(t0);

                String tenant = "bench-throughput";
                env.clearTenant(tenant);
                long t1 = System.nanoTime();
                env.store(tenant, "bench-throughput-one", "one", chunks, env.embedder.embedAll(chunks));
                double oneDocument = n / seconds(t1);

                env.clearTenant(tenant);
                long t2 = System.nanoTime();
                for (int i = 0; i < perThread.size(); i++) {
                    List<String> texts = perThread.get(i);
                    env.store(tenant, "bench-throughput-" + i, "t" + i, texts, env.embedder.embedAll(texts));
                }
                double manyDocuments = n / seconds(t2);
                env.clearTenant(tenant);
                oneRatios.add(oneDocument / raw);
                manyRatios.add(manyDocuments / raw);
                System.out.printf(Locale.ROOT, "round %d: raw embedding %.1f chunks/s | ingest as one document %.1f chunks/s (ratio %.3f)"
                                + " | ingest as %d documents %.1f chunks/s (ratio %.3f)%n", round, raw, oneDocument, oneDocument / raw,
                        perThread.size(), manyDocuments, manyDocuments / raw);
            }

            System.out.printf(Locale.ROOT, "median ratio: one document %.3f, %d documents %.3f%n", median(oneRatios), perThread.size(),
                    median(manyRatios));

            AllMiniLmL6V2EmbeddingModel stock = new AllMiniLmL6V2EmbeddingModel();
            List<TextSegment> segments = chunks.stream().map(TextSegment::from).toList();
            stock.embedAll(segments.subList(0, 64));
            long t3 = System.nanoTime();
            for (int from = 0; from < segments.size(); from += 32) {
                stock.embedAll(segments.subList(from, Math.min(segments.size(), from + 32)));
            }
            System.out.printf(Locale.ROOT, "library default ONNX threading: %.1f chunks/s%n", n / seconds(t3));
        }
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }

    private static double seconds(long started) {
        return (System.nanoTime() - started) / 1e9;
    }
}
