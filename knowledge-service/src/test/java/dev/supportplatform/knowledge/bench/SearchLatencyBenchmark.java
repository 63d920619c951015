package dev.supportplatform.knowledge.bench;

import dev.supportplatform.knowledge.document.DocumentFilter;
import dev.supportplatform.knowledge.ingestion.DocumentKind;
import dev.supportplatform.knowledge.search.Fusion;
import dev.supportplatform.knowledge.search.SearchService;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Search latency at 100,000 chunks in one tenant. The corpus is derived from StackFAQ so that both sides see realistic
 * data: each synthetic chunk takes a real chunk's words (shuffled, partly replaced by other words of the corpus) and
 * that chunk's real embedding plus Gaussian noise, so vectors form the clusters real documents form. Embedding 100,000
 * real passages would take half an hour on two cores; the index and queries do not care where vectors came from.
 * The queries are 1,000 real StackFAQ paraphrases. Reports the full search (query embedding, both retrieval sides,
 * fusion, passages with highlights) and retrieval alone (given the query vector).
 */
public final class SearchLatencyBenchmark {

    private static final String TENANT = "bench-latency";

    public static void main(String[] args) throws Exception {
        int target = Integer.parseInt(System.getProperty("bench.chunks", "100000"));
        StackFaq data = StackFaq.load(args.length > 0 ? Path.of(args[0]) : StackFaq.defaultPath());
        try (BenchEnvironment env = new BenchEnvironment()) {
            Integer existing = env.jdbc.queryForObject("select count(*) from chunks where tenant_id = ?", Integer.class, TENANT);
            if (existing == null || existing != target) {
                populate(env, data, target);
            }
            // What autovacuum does after a bulk load (this machine's PostgreSQL runs with it off): without the
            // visibility map and hint bits, the first searches over each page write to it (measured: p50 26 ms, not 11).
            env.jdbc.execute("vacuum analyze chunks");
            env.jdbc.execute("vacuum analyze documents");
            if (Boolean.getBoolean("bench.populateOnly")) {
                return; // building the corpus measures nothing and need not hold the benchmark lock
            }
            List<StackFaq.Query> queries = data.queries().subList(0, Integer.getInteger("bench.queries", 1000));
            List<float[]> vectors = env.embedder.embedAll(queries.stream().map(StackFaq.Query::text).toList());
            int warmup = Integer.getInteger("bench.warmup", 100);
            for (int i = 0; i < warmup; i++) {
                env.search.search(TENANT, new SearchService.Query(queries.get(i % queries.size()).text(), 5, DocumentFilter.NONE));
            }
            System.out.println("load average before: " + BenchEnvironment.loadAverage());
            DocumentFilter billing = new DocumentFilter(null, "billing", List.of(), null);
            long[] full = new long[queries.size()];
            long[] filtered = new long[Math.min(queries.size(), Integer.getInteger("bench.filteredQueries", 200))];
            long[] retrieval = new long[queries.size()];
            long[] vectorSide = new long[queries.size()];
            long[] textSide = new long[queries.size()];
            long[] embedding = new long[queries.size()];
            for (int i = 0; i < queries.size(); i++) {
                SearchService.Query q = new SearchService.Query(queries.get(i).text(), 5, DocumentFilter.NONE);
                long t0 = System.nanoTime();
                env.search.search(TENANT, q);
                full[i] = System.nanoTime() - t0;
                long t1 = System.nanoTime();
                env.search.rank(TENANT, q, vectors.get(i), Fusion.Mode.WEIGHTED, env.properties.weights());
                retrieval[i] = System.nanoTime() - t1;
                long t2 = System.nanoTime();
                env.search.candidates(TENANT, q, vectors.get(i), true, false, false);
                vectorSide[i] = System.nanoTime() - t2;
                long t3 = System.nanoTime();
                env.search.candidates(TENANT, q, vectors.get(i), false, true, false);
                textSide[i] = System.nanoTime() - t3;
                long t4 = System.nanoTime();
                env.embedder.embedQuery(q.text());
                embedding[i] = System.nanoTime() - t4;
            }
            // Filtered searches in a pass of their own: interleaved, their scans (10,000 chunks when PostgreSQL sorts the
            // category's chunks exactly) evicted the index pages the unfiltered searches need from shared buffers.
            for (int i = 0; i < filtered.length; i++) {
                long t5 = System.nanoTime();
                env.search.rank(TENANT, new SearchService.Query(queries.get(i).text(), 5, billing), vectors.get(i), Fusion.Mode.WEIGHTED,
                        env.properties.weights());
                filtered[i] = System.nanoTime() - t5;
            }
            System.out.println("load average after: " + BenchEnvironment.loadAverage());
            report("full search (embed query + hybrid retrieval + passages)", full);
            report("hybrid retrieval given the query vector", retrieval);
            report("  of which: vector side alone (HNSW top 50)", vectorSide);
            report("  of which: full-text side alone (term statistics + BM25 top 50)", textSide);
            report("query embedding alone", embedding);
            report("hybrid retrieval given the query vector, filtered to one category (a tenth of the documents)", filtered);
        }
    }

    private static void report(String name, long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        System.out.printf(Locale.ROOT, "%s: p50 %.2f ms, p99 %.2f ms, max %.2f ms (%d queries)%n", name,
                sorted[sorted.length / 2] / 1e6, sorted[(int) Math.ceil(sorted.length * 0.99) - 1] / 1e6, sorted[sorted.length - 1] / 1e6, sorted.length);
    }

    private static void populate(BenchEnvironment env, StackFaq data, int target) {
        System.out.printf("Building %d chunks for %s ...%n", target, TENANT);
        env.clearTenant(TENANT);
        List<String> base = new ArrayList<>();
        for (StackFaq.Thread t : data.threads()) {
            base.addAll(env.chunker.chunk(t.question() + "\n\n" + String.join("\n\n", t.answers()), DocumentKind.TEXT));
        }
        List<float[]> baseVectors = env.embedder.embedAll(base);
        List<String> vocabulary = base.stream().flatMap(s -> Arrays.stream(s.split("\\s+"))).filter(w -> !w.isBlank()).toList();
        Random random = new Random(42);
        // Bulk load without the HNSW index, then build it once: far faster than maintaining it row by row.
        env.jdbc.execute("drop index if exists chunks_embedding_halfvec_hnsw");
        int perDocument = 100;
        long started = System.nanoTime();
        for (int d = 0; d * perDocument < target; d++) {
            List<String> texts = new ArrayList<>();
            List<float[]> vectors = new ArrayList<>();
            for (int i = 0; i < perDocument && d * perDocument + i < target; i++) {
                int b = random.nextInt(base.size());
                List<String> words = new ArrayList<>(Arrays.asList(base.get(b).split("\\s+")));
                for (int w = 0; w < words.size(); w++) {
                    if (random.nextDouble() < 0.3) {
                        words.set(w, vocabulary.get(random.nextInt(vocabulary.size())));
                    }
                }
                java.util.Collections.shuffle(words, random);
                texts.add(String.join(" ", words));
                vectors.add(noisy(baseVectors.get(b), random));
            }
            env.store(TENANT, TENANT + "-" + d, "doc " + d, null, d % 10 == 0 ? "billing" : null, texts, vectors, null);
        }
        System.out.printf("loaded in %.0f s; building the HNSW index ...%n", (System.nanoTime() - started) / 1e9);
        long indexStarted = System.nanoTime();
        env.jdbc.execute((org.springframework.jdbc.core.ConnectionCallback<Void>) connection -> {
            try (var statement = connection.createStatement()) {
                statement.execute("set maintenance_work_mem = '512MB'");
                statement.execute("create index chunks_embedding_halfvec_hnsw on chunks using hnsw ((embedding::halfvec(384)) halfvec_cosine_ops)"); // as V5
            }
            return null;
        });
        System.out.printf("index built in %.0f s%n", (System.nanoTime() - indexStarted) / 1e9);
    }

    private static float[] noisy(float[] v, Random random) {
        float[] out = new float[v.length];
        double norm = 0;
        for (int i = 0; i < v.length; i++) {
            out[i] = (float) (v[i] + random.nextGaussian() * 0.04);
            norm += out[i] * out[i];
        }
        double n = Math.sqrt(norm);
        for (int i = 0; i < out.length; i++) {
            out[i] /= (float) n;
        }
        return out;
    }
}
