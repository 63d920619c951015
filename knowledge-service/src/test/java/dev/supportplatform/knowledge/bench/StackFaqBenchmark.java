package dev.supportplatform.knowledge.bench;

import dev.supportplatform.knowledge.document.DocumentFilter;
import dev.supportplatform.knowledge.ingestion.DocumentKind;
import dev.supportplatform.knowledge.search.Fusion;
import dev.supportplatform.knowledge.search.SearchService;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Retrieval quality on StackFAQ through the service's own chunking, embedding, storage and retrieval code against the
 * real PostgreSQL. Two indexings: "threads" (each thread one document: question then answers, chunked like any
 * upload; the relevant document is the query's thread) and "items" (the question and every answer each its own
 * document; relevant are all items of the query's thread). Results are ranked by document (best chunk first).
 * NDCG@10 with binary relevance, MRR of the first relevant document, Recall@5 = share of the relevant documents
 * among the first five (for threads: whether the thread is there).
 *
 * <pre>
 * cd knowledge-service && ../mvnw -q -o test-compile exec:java ... (see bench/RESULTS.md for the exact command)
 * </pre>
 */
public final class StackFaqBenchmark {

    record Variant(String name, Fusion.Mode mode, double weight) {
    }

    private static final List<Variant> VARIANTS = List.of(
            new Variant("full-text only", Fusion.Mode.TEXT, 0),
            new Variant("vector only", Fusion.Mode.VECTOR, 1),
            new Variant("RRF k=60 (equal weights)", Fusion.Mode.RRF, 0.5),
            new Variant("weighted RRF w=0.7", Fusion.Mode.WEIGHTED_RRF, 0.7),
            new Variant("weighted RRF w=0.8", Fusion.Mode.WEIGHTED_RRF, 0.8),
            new Variant("weighted RRF w=0.9", Fusion.Mode.WEIGHTED_RRF, 0.9),
            new Variant("weighted score w=0.5", Fusion.Mode.WEIGHTED, 0.5),
            new Variant("weighted score w=0.6", Fusion.Mode.WEIGHTED, 0.6),
            new Variant("weighted score w=0.7", Fusion.Mode.WEIGHTED, 0.7),
            new Variant("weighted score w=0.8", Fusion.Mode.WEIGHTED, 0.8),
            new Variant("weighted score w=0.9", Fusion.Mode.WEIGHTED, 0.9),
            new Variant("weighted score w=0.95 (default)", Fusion.Mode.WEIGHTED, 0.95));

    public static void main(String[] args) throws Exception {
        Path path = args.length > 0 ? Path.of(args[0]) : StackFaq.defaultPath();
        StackFaq data = StackFaq.load(path);
        System.out.printf("StackFAQ: %d threads, %d queries%n", data.threads().size(), data.queries().size());
        try (BenchEnvironment env = new BenchEnvironment()) {
            List<float[]> queryVectors = env.embedder.embedAll(data.queries().stream().map(StackFaq.Query::text).toList());
            for (String setup : List.of("threads", "items")) {
                String tenant = "bench-stackfaq-" + setup;
                env.clearTenant(tenant);
                Map<String, Integer> threadOf = index(env, data, tenant, setup);
                Map<Integer, Integer> relevantCount = new HashMap<>();
                threadOf.values().forEach(t -> relevantCount.merge(t, 1, Integer::sum));
                System.out.printf("%n## %s (%d documents, %d chunks)%n", setup,
                        threadOf.size(), env.jdbc.queryForObject("select count(*) from chunks where tenant_id = ?", Integer.class, tenant));
                Map<UUID, String> docOf = new HashMap<>();
                env.jdbc.query("select id, document_id from chunks where tenant_id = ?", rs -> {
                    docOf.put(rs.getObject(1, UUID.class), rs.getString(2));
                }, tenant);
                // Both sides' candidates once per query; every variant fuses the same candidates (as rank() would).
                List<SearchService.Candidates> candidates = new ArrayList<>();
                for (int q = 0; q < data.queries().size(); q++) {
                    candidates.add(env.search.candidates(tenant, new SearchService.Query(data.queries().get(q).text(), 50, DocumentFilter.NONE),
                            queryVectors.get(q), true, true, true));
                }
                for (boolean threadLevel : setup.equals("threads") ? List.of(true) : List.of(true, false)) {
                    System.out.printf("%n### %s, %s%n%n| variant | NDCG@10 | MRR | Recall@5 |%n|---|---|---|---|%n", setup,
                            threadLevel ? "ranked by thread (one relevant thread per query)" : "ranked by item (every item of the thread relevant)");
                    for (Variant v : VARIANTS) {
                        double ndcg = 0;
                        double mrr = 0;
                        double recall = 0;
                        for (int q = 0; q < data.queries().size(); q++) {
                            StackFaq.Query query = data.queries().get(q);
                            Set<Object> ranked = new LinkedHashSet<>();
                            candidates.get(q).fuse(v.mode(), v.weight()).forEach(s -> {
                                String doc = docOf.get(s.chunkId());
                                ranked.add(threadLevel ? (Object) threadOf.get(doc) : doc);
                            });
                            List<Boolean> hits = ranked.stream().map(x -> threadLevel ? x.equals(query.thread())
                                    : threadOf.get((String) x) == query.thread()).toList();
                            int relevant = threadLevel ? 1 : relevantCount.get(query.thread());
                            double[] m = metrics(hits, relevant);
                            ndcg += m[0];
                            mrr += m[1];
                            recall += m[2];
                        }
                        int n = data.queries().size();
                        System.out.printf(Locale.ROOT, "| %s | %.4f | %.4f | %.4f |%n", v.name(), ndcg / n, mrr / n, recall / n);
                    }
                }
            }
        }
    }

    /** NDCG@10 (binary), reciprocal rank of the first hit, share of the relevant found in the top five. */
    private static double[] metrics(List<Boolean> hits, int relevant) {
        double dcg = 0;
        double idcg = 0;
        double reciprocalRank = 0;
        int inTop5 = 0;
        for (int r = 0; r < hits.size(); r++) {
            if (!hits.get(r)) {
                continue;
            }
            if (r < 10) {
                dcg += 1 / log2(r + 2);
            }
            if (reciprocalRank == 0) {
                reciprocalRank = 1.0 / (r + 1);
            }
            if (r < 5) {
                inTop5++;
            }
        }
        for (int r = 0; r < Math.min(10, relevant); r++) {
            idcg += 1 / log2(r + 2);
        }
        return new double[]{dcg / idcg, reciprocalRank, (double) inTop5 / Math.min(5, relevant)};
    }

    /** Stores the data set; returns each document's thread. */
    private static Map<String, Integer> index(BenchEnvironment env, StackFaq data, String tenant, String setup) {
        Map<String, Integer> threadOf = new HashMap<>();
        List<String> ids = new ArrayList<>();
        List<List<String>> chunkTexts = new ArrayList<>();
        for (StackFaq.Thread t : data.threads()) {
            if (setup.equals("threads")) {
                String text = t.question() + "\n\n" + String.join("\n\n", t.answers());
                ids.add(tenant + "-t" + t.index());
                chunkTexts.add(env.chunker.chunk(text, DocumentKind.TEXT));
                threadOf.put(tenant + "-t" + t.index(), t.index());
            } else {
                List<String> items = new ArrayList<>();
                items.add(t.question());
                items.addAll(t.answers());
                for (int i = 0; i < items.size(); i++) {
                    String id = tenant + "-t" + t.index() + "-" + i;
                    ids.add(id);
                    chunkTexts.add(env.chunker.chunk(items.get(i), DocumentKind.TEXT));
                    threadOf.put(id, t.index());
                }
            }
        }
        List<String> all = chunkTexts.stream().flatMap(List::stream).toList();
        List<float[]> vectors = env.embedder.embedAll(all);
        int at = 0;
        for (int d = 0; d < ids.size(); d++) {
            int n = chunkTexts.get(d).size();
            if (n > 0) {
                env.store(tenant, ids.get(d), ids.get(d), chunkTexts.get(d), vectors.subList(at, at + n));
            } else {
                threadOf.remove(ids.get(d));
            }
            at += n;
        }
        return threadOf;
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }
}
