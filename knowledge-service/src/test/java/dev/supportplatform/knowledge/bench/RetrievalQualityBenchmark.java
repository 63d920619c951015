package dev.supportplatform.knowledge.bench;

import dev.supportplatform.knowledge.document.DocumentFilter;
import dev.supportplatform.knowledge.ingestion.Chunker;
import dev.supportplatform.knowledge.ingestion.DocumentKind;
import dev.supportplatform.knowledge.ingestion.IngestionService;
import dev.supportplatform.knowledge.ingestion.TextExtractor;
import dev.supportplatform.knowledge.search.Fusion;
import dev.supportplatform.knowledge.search.SearchService;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * Retrieval quality through the service's own chunking, embedding, storage (with term statistics) and retrieval code
 * against the real PostgreSQL + pgvector, on StackFAQ and on two intent data sets the embedding model was not trained
 * on. Every query's candidates are fetched once (both sides, both scores of every candidate, as the default search
 * does) and each variant fuses the same candidates exactly as {@link SearchService#rank} would for that mode.
 * Results are ranked by label (a label's rank is its best chunk's): the thread for StackFAQ, the intent for the
 * others. One relevant label per query: NDCG@10 (binary), MRR, Recall@5 (whether the label is in the top five).
 *
 * <p>Corpora (see bench/RESULTS.md): StackFAQ as knowledge-base articles (title = the thread's question, content =
 * its answers, indexed as the article API indexes), as untitled thread texts, as separate items, and as question-answer
 * pairs (each an article titled by its question, the dataset's own FAQ setting); BANKING77 and
 * CLINC150 with every training example a document, queried with the test examples. StackFAQ's queries are split by
 * thread: even threads' queries tuned the weights, odd threads' queries are held out.
 *
 * <p>Arguments: the datasets folder (default {@code ../../shared/datasets}), then optionally corpus names to run.
 */
public final class RetrievalQualityBenchmark {

    record Variant(String name, Fusion.Mode mode, double vectorWeight, double titleWeight) {
    }

    /** The service's defaults; every variant below differs from them in one respect. */
    static final double DEFAULT_VECTOR_WEIGHT = 0.9;
    static final double DEFAULT_TITLE_WEIGHT = 0.5;

    private static final List<Variant> VARIANTS = List.of(
            new Variant("full-text only (BM25)", Fusion.Mode.TEXT, 0, 0),
            new Variant("vector only (chunks)", Fusion.Mode.VECTOR, 1, 0),
            new Variant("vector only (chunks + title 0.5)", Fusion.Mode.VECTOR, 1, 0.5),
            new Variant("RRF k=60 (equal weights)", Fusion.Mode.RRF, 0.5, 0.5),
            new Variant("weighted RRF w=0.8", Fusion.Mode.WEIGHTED_RRF, 0.8, 0.5),
            new Variant("weighted score w=0.6", Fusion.Mode.WEIGHTED, 0.6, 0.5),
            new Variant("weighted score w=0.7", Fusion.Mode.WEIGHTED, 0.7, 0.5),
            new Variant("weighted score w=0.8", Fusion.Mode.WEIGHTED, 0.8, 0.5),
            new Variant("weighted score w=0.8, no title", Fusion.Mode.WEIGHTED, 0.8, 0),
            new Variant("weighted score w=0.8, title 0.3", Fusion.Mode.WEIGHTED, 0.8, 0.3),
            new Variant("weighted score w=0.8, title 0.7", Fusion.Mode.WEIGHTED, 0.8, 0.7),
            new Variant("weighted score w=0.95", Fusion.Mode.WEIGHTED, 0.95, 0.5),
            new Variant("**default: weighted score w=0.9, title 0.5**", Fusion.Mode.WEIGHTED, DEFAULT_VECTOR_WEIGHT, DEFAULT_TITLE_WEIGHT));

    /** A document to index: its label (what a hit must share with the query) and its text; title may be null. */
    record Doc(String label, String title, String text) {
    }

    /** @param tuning whether the query belongs to the split the weights were tuned on */
    record Query(String text, String label, boolean tuning) {
    }

    record Corpus(String name, List<Doc> docs, List<Query> queries) {
    }

    public static void main(String[] args) throws Exception {
        Path datasets = Path.of(args.length > 0 ? args[0] : "../../shared/datasets");
        Set<String> only = Set.copyOf(List.of(args).subList(Math.min(1, args.length), args.length));
        try (BenchEnvironment env = new BenchEnvironment()) {
            List<Corpus> corpora = new ArrayList<>(stackFaq(datasets, env.chunker));
            corpora.add(intents("banking77", banking77(datasets.resolve("banking77/train.csv")), banking77(datasets.resolve("banking77/test.csv"))));
            JsonNode clinc = JsonMapper.builder().build().readTree(Files.readString(datasets.resolve("clinc150/data_full.json")));
            corpora.add(intents("clinc150", pairs(clinc.get("train")), pairs(clinc.get("test"))));
            for (Corpus corpus : corpora) {
                if (only.isEmpty() || only.contains(corpus.name())) {
                    run(env, corpus);
                }
            }
        }
    }

    private static void run(BenchEnvironment env, Corpus corpus) {
        long started = System.nanoTime();
        String tenant = "bench-quality-" + corpus.name();
        env.clearTenant(tenant);
        Map<String, String> labelOfDocument = index(env, tenant, corpus);
        // As autovacuum would after a bulk load: with the statistics of an empty tenant PostgreSQL may join a 10,000-chunk
        // tenant's chunks and documents by a nested loop (measured: minutes per query).
        env.jdbc.execute("analyze chunks");
        env.jdbc.execute("analyze documents");
        Map<UUID, String> labelOfChunk = new HashMap<>();
        env.jdbc.query("select id, document_id from chunks where tenant_id = ?", rs -> {
            labelOfChunk.put(rs.getObject(1, UUID.class), labelOfDocument.get(rs.getString(2)));
        }, tenant);
        List<String> queryTexts = corpus.queries().stream().map(Query::text).toList();
        long retrievalStarted = System.nanoTime();
        List<SearchService.Candidates> candidates = candidates(env, tenant, queryTexts, env.embedQueriesCached(queryTexts));
        double retrievalSeconds = (System.nanoTime() - retrievalStarted) / 1e9;
        // The same queries embedded in full precision, as the stored texts are: what the quantized query model costs.
        List<SearchService.Candidates> fullPrecision = env.quantizedQueries ? candidates(env, tenant, queryTexts, env.embedCached(queryTexts)) : null;
        // The candidates are all in: the corpus leaves the shared bench tables, whose other tenants' chunks would
        // otherwise slow the latency benchmark's searches (measured: bench/RESULTS.md).
        env.clearTenant(tenant);
        env.jdbc.execute("vacuum chunks");
        boolean split = corpus.queries().stream().anyMatch(Query::tuning);
        System.out.printf(Locale.ROOT, "%n### %s: %d documents, %d chunks, %d queries (%.0f s, candidates %.1f ms/query)%n%n",
                corpus.name(), labelOfDocument.size(), labelOfChunk.size(), corpus.queries().size(), (System.nanoTime() - started) / 1e9,
                retrievalSeconds * 1000 / corpus.queries().size());
        System.out.println(split
                ? "| variant | held-out NDCG@10 | MRR | Recall@5 | tuning NDCG@10 | all NDCG@10 |\n|---|---|---|---|---|---|"
                : "| variant | NDCG@10 | MRR | Recall@5 |\n|---|---|---|---|");
        for (Variant v : VARIANTS) {
            printRow(corpus, candidates, labelOfChunk, v.name(), v, split);
        }
        if (fullPrecision != null) {
            for (Variant v : List.of(VARIANTS.get(1), VARIANTS.getLast())) {
                printRow(corpus, fullPrecision, labelOfChunk, v.name() + ", queries in full precision", v, split);
            }
        }
    }

    /** Both sides' candidates for every query, with every candidate's scores, as the default search fetches them. */
    private static List<SearchService.Candidates> candidates(BenchEnvironment env, String tenant, List<String> queries, List<float[]> vectors) {
        List<SearchService.Candidates> candidates = new ArrayList<>();
        for (int q = 0; q < queries.size(); q++) {
            candidates.add(env.search.candidates(tenant, new SearchService.Query(queries.get(q), 10, DocumentFilter.NONE), vectors.get(q),
                    true, true, true));
        }
        return candidates;
    }

    private static void printRow(Corpus corpus, List<SearchService.Candidates> candidates, Map<UUID, String> labelOfChunk, String name,
                                 Variant v, boolean split) {
        Fusion.Weights weights = new Fusion.Weights(v.vectorWeight(), v.titleWeight(), 60);
        int[] rank = new int[corpus.queries().size()];
        for (int q = 0; q < rank.length; q++) {
            Set<String> labels = new LinkedHashSet<>();
            for (Fusion.Scored s : candidates.get(q).fuse(v.mode(), weights)) {
                labels.add(labelOfChunk.get(s.chunkId()));
            }
            rank[q] = new ArrayList<>(labels).indexOf(corpus.queries().get(q).label()) + 1; // 0: not found
        }
        double[] heldOut = metrics(corpus.queries(), rank, query -> !query.tuning());
        if (split) {
            double[] tuning = metrics(corpus.queries(), rank, Query::tuning);
            double[] all = metrics(corpus.queries(), rank, query -> true);
            System.out.printf(Locale.ROOT, "| %s | %.4f | %.4f | %.4f | %.4f | %.4f |%n", name, heldOut[0], heldOut[1], heldOut[2],
                    tuning[0], all[0]);
        } else {
            System.out.printf(Locale.ROOT, "| %s | %.4f | %.4f | %.4f |%n", name, heldOut[0], heldOut[1], heldOut[2]);
        }
    }

    /** NDCG@10, MRR and Recall@5 over the queries the filter selects; rank 0 means the label was not retrieved. */
    private static double[] metrics(List<Query> queries, int[] rank, Predicate<Query> include) {
        double ndcg = 0;
        double mrr = 0;
        double recall = 0;
        int n = 0;
        for (int q = 0; q < rank.length; q++) {
            if (!include.test(queries.get(q))) {
                continue;
            }
            n++;
            int r = rank[q];
            if (r > 0) {
                ndcg += r <= 10 ? 1 / (Math.log(r + 1) / Math.log(2)) : 0;
                mrr += 1.0 / r;
                recall += r <= 5 ? 1 : 0;
            }
        }
        return new double[]{ndcg / n, mrr / n, recall / n};
    }

    /**
     * Chunks, embeds (chunks and titles) and stores every document; returns each document id's label. An untitled
     * document is a plain-text upload, titled as the service titles one: by a first line that stands alone.
     */
    private static Map<String, String> index(BenchEnvironment env, String tenant, Corpus untitled) {
        Corpus corpus = new Corpus(untitled.name(), untitled.docs().stream()
                .map(d -> d.title() != null ? d : new Doc(d.label(), TextExtractor.leadingTitle(d.text()), d.text())).toList(), untitled.queries());
        List<List<String>> chunkTexts = new ArrayList<>();
        List<String> toEmbed = new ArrayList<>();
        List<String> titles = new ArrayList<>();
        for (Doc d : corpus.docs()) {
            List<String> texts = env.chunker.chunk(d.text(), DocumentKind.TEXT);
            chunkTexts.add(texts);
            toEmbed.addAll(texts);
            if (d.title() != null) {
                titles.add(d.title().strip());
            }
        }
        List<float[]> vectors = env.embedCached(toEmbed);
        List<float[]> titleVectors = env.embedTitlesCached(titles);
        Map<String, String> labelOf = new HashMap<>();
        int at = 0;
        int titleAt = 0;
        for (int i = 0; i < corpus.docs().size(); i++) {
            Doc d = corpus.docs().get(i);
            List<String> texts = chunkTexts.get(i);
            List<float[]> own = vectors.subList(at, at + texts.size());
            at += texts.size();
            float[] title = d.title() != null ? titleVectors.get(titleAt++) : null;
            if (texts.isEmpty()) {
                continue;
            }
            String id = tenant + "-" + i;
            env.store(tenant, id, id, d.title(), texts, own, title);
            labelOf.put(id, d.label());
        }
        return labelOf;
    }

    /**
     * StackFAQ four ways; queries of even threads are the tuning split. "pairs" is the dataset's own FAQ-retrieval
     * setting (Karan and Snajder 2018): every question-answer pair is an FAQ entry, here an article titled by the question.
     */
    private static List<Corpus> stackFaq(Path datasets, Chunker chunker) throws Exception {
        StackFaq data = StackFaq.load(datasets.resolve("stackfaq/stackExchange-FAQ.json"));
        List<Query> queries = data.queries().stream().map(q -> new Query(q.text(), String.valueOf(q.thread()), q.thread() % 2 == 0)).toList();
        List<Doc> articles = new ArrayList<>();
        List<Doc> threads = new ArrayList<>();
        List<Doc> items = new ArrayList<>();
        List<Doc> pairs = new ArrayList<>();
        for (StackFaq.Thread t : data.threads()) {
            String label = String.valueOf(t.index());
            String answers = String.join("\n\n", t.answers());
            articles.add(new Doc(label, t.question(), IngestionService.articleText(t.question(), answers)));
            threads.add(new Doc(label, null, t.question() + "\n\n" + answers));
            items.add(new Doc(label, null, t.question()));
            t.answers().forEach(a -> items.add(new Doc(label, null, a)));
            t.answers().forEach(a -> pairs.add(new Doc(label, t.question(), IngestionService.articleText(t.question(), a))));
        }
        return List.of(new Corpus("stackfaq-articles", articles, queries), new Corpus("stackfaq-threads", threads, queries),
                new Corpus("stackfaq-items", items, queries), new Corpus("stackfaq-pairs", pairs, queries));
    }

    /** Every training example is a document labelled with its intent; the test examples are the queries. */
    private static Corpus intents(String name, List<String[]> train, List<String[]> test) {
        return new Corpus(name, train.stream().map(p -> new Doc(p[1], null, p[0])).toList(),
                test.stream().map(p -> new Query(p[0], p[1], false)).toList());
    }

    /** BANKING77's "text,category" CSV (quoted fields may hold commas, quotes and line breaks). */
    private static List<String[]> banking77(Path csv) throws Exception {
        String content = Files.readString(csv);
        List<String[]> rows = new ArrayList<>();
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < content.length(); i++) {
            char c = content.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < content.length() && content.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
            } else if (c == '\n' || c == '\r') {
                if (!fields.isEmpty() || !field.isEmpty()) {
                    fields.add(field.toString());
                    rows.add(new String[]{fields.get(0), fields.get(1).strip()});
                }
                fields.clear();
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        if (!fields.isEmpty()) {
            fields.add(field.toString());
            rows.add(new String[]{fields.get(0), fields.get(1).strip()});
        }
        return rows.subList(1, rows.size()); // the header
    }

    private static List<String[]> pairs(JsonNode array) {
        List<String[]> rows = new ArrayList<>();
        array.forEach(p -> rows.add(new String[]{p.get(0).asString(), p.get(1).asString()}));
        return rows;
    }
}
