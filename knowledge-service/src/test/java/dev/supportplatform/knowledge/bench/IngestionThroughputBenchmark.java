package dev.supportplatform.knowledge.bench;

import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import dev.supportplatform.knowledge.ingestion.IngestionInput;
import dev.supportplatform.knowledge.ingestion.IngestionService;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Ingestion throughput relative to the raw embedding throughput of the same model on the same chunks, in one run.
 * The StackFAQ threads, as plain-text files, go through the service's own ingestion path
 * ({@link IngestionService#ingestAll}: inspection, extraction, chunking, pipelined embedding and storing with term
 * statistics and outbox events, one transaction per document): (1) as one multi-file upload of 125 files and (2) as
 * one large file of all threads. The raw figure embeds exactly the chunks each ingestion produced, with the same
 * embedder (titles, which the service embeds with the query model, are not chunks and are not in the raw figure; the
 * "against chunks and titles" figure includes them). Raw and ingesting runs alternate, so load from other processes hits both alike; the figure is the median
 * of the per-round ratios. Also: the library's default ONNX threading, for comparison with the tuned model.
 */
public final class IngestionThroughputBenchmark {

    private static final String TENANT = "bench-throughput";

    public static void main(String[] args) throws Exception {
        StackFaq data = StackFaq.load(args.length > 0 ? Path.of(args[0]) : StackFaq.defaultPath());
        try (BenchEnvironment env = new BenchEnvironment()) {
            List<String> threadTexts = data.threads().stream().map(t -> t.question() + "\n\n" + String.join("\n\n", t.answers())).toList();
            List<IngestionInput> files = new ArrayList<>();
            for (int i = 0; i < threadTexts.size(); i++) {
                files.add(textFile("thread-" + i + ".txt", threadTexts.get(i)));
            }
            String all = String.join("\n\n", threadTexts);
            List<IngestionInput> oneFile = List.of(textFile("all-threads.txt", all));
            // An untimed ingestion of each (warm-up) tells exactly which chunks the service stores: the raw runs embed those.
            List<String> fileChunks = storedChunks(env, files);
            // Uploads that title themselves (a thread's first line is its question) also have their title embedded.
            List<String> fileTitles = env.jdbc.queryForList("select title from documents where tenant_id = ? and title is not null", String.class, TENANT);
            List<String> oneFileChunks = storedChunks(env, oneFile);
            System.out.printf("%d files, %d chunks, %d titles; one file of %d characters, %d chunks; load average %s%n", files.size(),
                    fileChunks.size(), fileTitles.size(), all.length(), oneFileChunks.size(), BenchEnvironment.loadAverage());

            int rounds = Integer.getInteger("bench.rounds", 5);
            List<Double> manyRatios = new ArrayList<>();
            List<Double> oneRatios = new ArrayList<>();
            List<Double> sameTextRatios = new ArrayList<>();
            for (int round = 1; round <= rounds; round++) {
                double raw = rawThroughput(env, fileChunks);
                // The same texts the ingestion embeds, titles included (with the query model, as the service embeds
                // them), expressed per chunk: what storing alone costs.
                double rawSameTexts = rawThroughput(env, fileChunks, fileTitles);
                double many = ingestThroughput(env, files, fileChunks.size());
                double rawOne = rawThroughput(env, oneFileChunks);
                double one = ingestThroughput(env, oneFile, oneFileChunks.size());
                manyRatios.add(many / raw);
                oneRatios.add(one / rawOne);
                sameTextRatios.add(many / rawSameTexts);
                System.out.printf(Locale.ROOT, "round %d: 125 files: raw %.1f chunks/s, ingested %.1f chunks/s, ratio %.3f (%.3f against chunks and "
                        + "titles) | one file: raw %.1f, ingested %.1f, ratio %.3f | load average %s%n", round, raw, many, many / raw,
                        many / rawSameTexts, rawOne, one, one / rawOne, BenchEnvironment.loadAverage());
            }
            System.out.printf(Locale.ROOT, "median ratio: 125 files %.3f (%.3f against chunks and titles), one file %.3f%n", median(manyRatios),
                    median(sameTextRatios), median(oneRatios));
            env.clearTenant(TENANT); // leaves the shared bench tables to the latency benchmark's tenant

            AllMiniLmL6V2EmbeddingModel stock = new AllMiniLmL6V2EmbeddingModel();
            List<TextSegment> segments = fileChunks.stream().map(TextSegment::from).toList();
            stock.embedAll(segments.subList(0, 64));
            long started = System.nanoTime();
            for (int from = 0; from < segments.size(); from += 32) {
                stock.embedAll(segments.subList(from, Math.min(segments.size(), from + 32)));
            }
            double stockRate = segments.size() / seconds(started);
            double tunedRate = rawThroughput(env, fileChunks);
            System.out.printf(Locale.ROOT, "library default ONNX threading: %.1f chunks/s; tuned (2 workers, 1 ONNX thread each): %.1f chunks/s "
                    + "| load average %s%n", stockRate, tunedRate, BenchEnvironment.loadAverage());
        }
    }

    private static IngestionInput textFile(String name, String text) {
        return new IngestionInput("upload", name, null, name, "text/plain", text.getBytes(StandardCharsets.UTF_8), null, "default", null,
                List.of(), Map.of(), null);
    }

    private static List<String> storedChunks(BenchEnvironment env, List<IngestionInput> inputs) {
        env.clearTenant(TENANT);
        env.ingestion.ingestAll(TENANT, inputs);
        return env.jdbc.queryForList("select content from chunks where tenant_id = ? order by document_id, ordinal", String.class, TENANT);
    }

    private static double rawThroughput(BenchEnvironment env, List<String> chunks) {
        return rawThroughput(env, chunks, List.of());
    }

    /** Chunks per second when the titles are embedded too. */
    private static double rawThroughput(BenchEnvironment env, List<String> chunks, List<String> titles) {
        long started = System.nanoTime();
        env.embedder.embedTitles(titles);
        env.embedder.embedAll(chunks);
        return chunks.size() / seconds(started);
    }

    private static double ingestThroughput(BenchEnvironment env, List<IngestionInput> inputs, int chunks) {
        env.clearTenant(TENANT);
        // As autovacuum would (this machine's PostgreSQL runs with it off): otherwise every round inserts into indexes
        // that still hold all earlier rounds' deleted chunks.
        for (String table : List.of("chunks", "documents", "term_stats", "corpus_stats", "event_outbox")) {
            env.jdbc.execute("vacuum " + table);
        }
        long postgresCpu = postgresCpuMillis();
        long jvmCpu = jvmCpuMillis();
        long started = System.nanoTime();
        List<IngestionService.Result> results = env.ingestion.ingestAll(TENANT, inputs);
        double elapsed = seconds(started);
        double rate = chunks / elapsed;
        // Where the two cores went: PostgreSQL's share is the storing (inserts, HNSW and GIN, term statistics, commits);
        // the JVM's is the embedding plus the service's side of storing.
        System.out.printf(Locale.ROOT, "  %d inputs: %.2f s; CPU: PostgreSQL %d ms, JVM %d ms (of %.0f ms on 2 cores)%n", inputs.size(), elapsed,
                postgresCpuMillis() - postgresCpu, jvmCpuMillis() - jvmCpu, elapsed * 2000);
        int stored = env.jdbc.queryForObject("select count(*) from chunks where tenant_id = ?", Integer.class, TENANT);
        if (stored != chunks || results.stream().anyMatch(r -> r.error() != null)) {
            throw new IllegalStateException("expected " + chunks + " chunks stored, found " + stored);
        }
        return rate;
    }

    /** CPU time of every PostgreSQL process on this machine (backends, WAL writer, checkpointer), from /proc. */
    private static long postgresCpuMillis() {
        long ticks = 0;
        try (var processes = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
            for (Path process : processes) {
                try {
                    String stat = Files.readString(process.resolve("stat"));
                    if (stat.contains("(postgres)")) {
                        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                        ticks += Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime, stime
                    }
                } catch (IOException e) {
                    // the process ended meanwhile
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return ticks * 10; // USER_HZ is 100 on Linux
    }

    private static long jvmCpuMillis() {
        return ProcessHandle.current().info().totalCpuDuration().map(d -> d.toMillis()).orElse(0L);
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }

    private static double seconds(long started) {
        return (System.nanoTime() - started) / 1e9;
    }
}
