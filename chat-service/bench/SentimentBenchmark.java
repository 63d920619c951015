import dev.supportplatform.chat.intent.TextEncoder;
import dev.supportplatform.chat.turn.Sentiment;
import dev.supportplatform.chat.turn.SentimentModel;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.IntPredicate;
import java.util.function.IntToDoubleFunction;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * Sentiment against the VADER ground truth (Hutto and Gilbert 2014): Pearson r between score and the mean human
 * rating, and 3-class macro F1 with classes at +-0.05 (human mean / 4; the score). Compared in one run: VADER (npm
 * vader-sentiment, scores computed by vader_scores.js), chat-service's lexicon rules ({@code turn.Sentiment}: VADER
 * ported exactly, plus support words), and the production model ({@code turn.SentimentModel}: ridge regression over
 * the rules' score, style features and class crossed with it, and the text's all-MiniLM-L6-v2 embedding alone and
 * times informality, then a dead zone for neutral) evaluated by 10-fold cross-validation: every text is scored by a
 * model fitted without it (out-of-fold). Inside each training part an inner cross-validation chooses, for every tweet
 * weight, the ridge penalty (weighted squared error) and the dead zone (mean macro F1 over the corpora), then the
 * tweet weight whose inner predictions beat VADER by the widest worst margin (r and F1, four corpora). Folds are
 * stratified by corpus; the model is fitted on all four corpora pooled, each corpus weighted equally (so that the
 * 10,605 movie snippets do not outweigh the 4,200 tweets) except the tweets, which count 1, 2, 4 or 8 times.
 *
 * With --write-model FILE it also fits on every text with the choice made most often across the folds and writes
 * the weights (the shipped resources/sentiment/ridge-minilm.txt was made so).
 *
 * Usage: java -cp "<chat-service classes and libs>" SentimentBenchmark.java DATA_DIR VADER_SCORES_DIR [--cache FILE] [--write-model FILE]
 */
public class SentimentBenchmark {

    static final int FOLDS = 10;
    static final double[] PENALTIES = {1, 3, 10, 30, 100};
    static final double[] ZONES = {0.05, 0.07, 0.09, 0.11, 0.13};
    /** How many times the tweets may count as much as each other corpus (-Dbench.tweetweights=1 fixes it at 1). */
    static final double[] TWEET_WEIGHTS = Arrays.stream(System.getProperty("bench.tweetweights", "1,2,4,8").split(","))
            .mapToDouble(Double::parseDouble).toArray();

    record Row(String corpus, String id, double human, String text) {
    }

    public static void main(String[] args) throws Exception {
        Path data = Path.of(args[0]);
        Path vaderDir = Path.of(args[1]);
        Path cache = Path.of(arg(args, "--cache", "chat-service/target/sentiment-minilm.bin"));
        String writeModel = arg(args, "--write-model", null);

        List<Row> rows = new ArrayList<>();
        List<String> corpora = new ArrayList<>();
        try (Stream<Path> s = Files.list(data)) {
            for (Path file : s.filter(p -> p.getFileName().toString().endsWith("_GroundTruth.txt")).sorted().toList()) {
                String corpus = file.getFileName().toString().replace("_GroundTruth.txt", "");
                corpora.add(corpus);
                for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                    if (!line.isBlank()) {
                        String[] parts = line.split("\t", 3);
                        rows.add(new Row(corpus, parts[0], Double.parseDouble(parts[1]) / 4.0, parts.length > 2 ? parts[2] : ""));
                    }
                }
            }
        }
        Map<String, Double> vader = new HashMap<>();
        for (String corpus : corpora) {
            for (String line : Files.readAllLines(vaderDir.resolve(corpus + ".vader.tsv"))) {
                if (!line.isBlank()) {
                    String[] parts = line.split("\t");
                    vader.put(corpus + "/" + parts[0], Double.parseDouble(parts[1]));
                }
            }
        }

        Sentiment lexicon = Sentiment.bundled();
        float[][] embeddings = embeddings(rows, cache);
        int n = rows.size();
        double[][] x = new double[n][];
        double[] y = new double[n];
        int[] block = new int[n];
        double[] lex = new double[n];
        for (String corpus : corpora) {
            List<Integer> idx = new ArrayList<>(indices(n, i -> rows.get(i).corpus().equals(corpus)));
            Collections.shuffle(idx, new Random(corpus.hashCode()));
            for (int j = 0; j < idx.size(); j++) {
                block[idx.get(j)] = j % FOLDS; // stratified by corpus
            }
        }
        String variant = System.getProperty("bench.variant", "");
        if (!variant.isEmpty() && writeModel != null) {
            throw new IllegalArgumentException("--write-model writes the shipped features only; drop -Dbench.variant");
        }
        Sentiment vaderOnly = Sentiment.vaderLexiconOnly();
        double[] vaderScore = new double[n];
        for (int i = 0; i < n; i++) {
            vaderScore[i] = vader.get(rows.get(i).corpus() + "/" + rows.get(i).id());
            lex[i] = lexicon.score(rows.get(i).text());
            // npmvader: the model reads npm VADER's own score where it reads the Java rules' (what an exact port gives)
            double rules = variant.contains("npmvader") ? vaderScore[i] : lex[i];
            x[i] = SentimentModel.features(rows.get(i).text(), rules, embeddings[i]);
            x[i] = extend(x[i], variant, rows.get(i).text(), vaderOnly);
            y[i] = rows.get(i).human();
        }
        // Tweets are the corpus where VADER is strongest; how much more they count than each other corpus is chosen
        // inside every training part, like the penalty and the zone.
        Map<Double, double[]> weights = new HashMap<>();
        Map<Double, Ridge> ridges = new HashMap<>();
        for (double tweets : TWEET_WEIGHTS) {
            double[] weight = new double[n];
            for (String corpus : corpora) {
                long size = rows.stream().filter(r -> r.corpus().equals(corpus)).count();
                for (int i = 0; i < n; i++) {
                    if (rows.get(i).corpus().equals(corpus)) {
                        weight[i] = (double) n / (corpora.size() * size) * (corpus.equals("tweets") ? tweets : 1);
                    }
                }
            }
            weights.put(tweets, weight);
            ridges.put(tweets, new Ridge(x, y, weight, block, FOLDS));
        }

        double[] outOfFold = new double[n];
        Map<String, Integer> chosen = new HashMap<>();
        for (int fold = 0; fold < FOLDS; fold++) {
            List<Integer> training = new ArrayList<>();
            for (int b = 0; b < FOLDS; b++) {
                if (b != fold) {
                    training.add(b);
                }
            }
            Choice best = null;
            for (double tweets : TWEET_WEIGHTS) {
                Choice choice = choose(ridges.get(tweets), weights.get(tweets), tweets, x, y, block, training, rows, corpora, vaderScore);
                if (best == null || choice.worstMargin() > best.worstMargin()) {
                    best = choice;
                }
            }
            double[] w = ridges.get(best.tweets()).fit(training, best.penalty());
            for (int i = 0; i < n; i++) {
                if (block[i] == fold) {
                    outOfFold[i] = SentimentModel.deadZone(dot(w, x[i]), best.zone());
                }
            }
            chosen.merge(best.tweets() + " " + best.penalty() + " " + best.zone(), 1, Integer::sum);
        }

        // -Dbench.dump=FILE: per text corpus, human / 4, VADER, rules, out-of-fold model score, informality, fold,
        // VADER's lexicon alone in the Java rules (for looking at errors outside this program)
        String dump = System.getProperty("bench.dump");
        if (dump != null) {
            StringBuilder out = new StringBuilder();
            for (int i = 0; i < n; i++) {
                out.append(rows.get(i).corpus()).append('\t').append(y[i]).append('\t').append(vaderScore[i])
                        .append('\t').append(lex[i]).append('\t').append(outOfFold[i]).append('\t').append(x[i][3]).append('\t').append(block[i])
                        .append('\t').append(vaderOnly.score(rows.get(i).text())).append('\n');
            }
            Files.writeString(Path.of(dump), out);
        }
        // -Dbench.features=FILE: every text's feature vector (int n, int d, then n * d big-endian floats), in the dump's order
        String features = System.getProperty("bench.features");
        if (features != null) {
            try (DataOutputStream out = new DataOutputStream(new java.io.BufferedOutputStream(Files.newOutputStream(Path.of(features))))) {
                out.writeInt(n);
                out.writeInt(x[0].length);
                for (double[] row : x) {
                    for (double v : row) {
                        out.writeFloat((float) v);
                    }
                }
            }
        }
        long same = 0;
        for (int i = 0; i < n; i++) {
            same += vaderOnly.score(rows.get(i).text()) == vaderScore[i] ? 1 : 0;
        }
        System.out.println("the Java port of VADER (turn.Sentiment with VADER's lexicon alone) gives npm VADER's score on " + same
                + " of " + n + " texts");
        System.out.printf("%-28s %6s | %-8s %-8s %-8s | %-8s %-8s %-8s%n", "corpus", "n", "r VADER", "r rules", "r model",
                "F1 VADER", "F1 rules", "F1 model");
        for (String corpus : corpora) {
            List<Integer> idx = indices(n, i -> rows.get(i).corpus().equals(corpus));
            double[] gold = at(idx, i -> y[i]);
            double[] v = at(idx, i -> vaderScore[i]);
            double[] r = at(idx, i -> lex[i]);
            double[] m = at(idx, i -> outOfFold[i]);
            System.out.printf("%-28s %6d | %-8.3f %-8.3f %-8.3f | %-8.3f %-8.3f %-8.3f%n", corpus, idx.size(), pearson(gold, v),
                    pearson(gold, r), pearson(gold, m), macroF1(gold, v), macroF1(gold, r), macroF1(gold, m));
        }
        System.out.println("model = out-of-fold predictions of " + FOLDS + "-fold cross-validation (tweet weight, penalty, zone chosen per fold: "
                + chosen + ")");

        if (writeModel != null) {
            String[] most = Collections.max(chosen.entrySet(), Map.Entry.comparingByValue()).getKey().split(" ");
            double tweets = Double.parseDouble(most[0]);
            double penalty = Double.parseDouble(most[1]);
            double zone = Double.parseDouble(most[2]);
            double[] w = ridges.get(tweets).fit(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9), penalty);
            StringBuilder out = new StringBuilder("# turn.SentimentModel: dead zone, then the weights of SentimentModel.features ("
                    + SentimentModel.LEADING_FEATURES + " leading features, all-MiniLM-L6-v2 dimensions 0..383, the same times informality).\n"
                    + "# Fitted by chat-service/bench/SentimentBenchmark.java on all " + n + " texts of the four VADER ground-truth corpora"
                    + " (tweets, Amazon, movies, NYT;\n# each corpus weighted equally, tweets " + tweets + " times), target human mean / 4,"
                    + " ridge penalty " + penalty + ". Cross-validated figures: chat-service/bench/RESULTS.md.\nzone " + zone + "\n");
            for (int i = 0; i < w.length; i++) {
                out.append(i == 0 ? "" : " ").append((float) w[i]);
            }
            Files.writeString(Path.of(writeModel), out.append('\n').toString());
            System.out.println("wrote " + writeModel + " (tweets weighted " + tweets + ", penalty " + penalty + ", zone " + zone
                    + ", fitted on all " + n + " texts)");
        }
    }

    record Choice(double tweets, double penalty, double zone, double worstMargin) {
    }

    /**
     * For one tweet weight, the inner cross-validation over the training blocks: the penalty by weighted squared
     * error, then the dead zone by mean macro F1 over the corpora; scored by the worst margin over VADER of the inner
     * out-of-fold predictions (the smallest of r and F1 minus VADER's, over the four corpora: the benchmark's goal).
     */
    static Choice choose(Ridge ridge, double[] weight, double tweets, double[][] x, double[] y, int[] block, List<Integer> training,
                         List<Row> rows, List<String> corpora, double[] vaderScore) {
        int n = y.length;
        double bestPenalty = PENALTIES[0];
        double bestError = Double.MAX_VALUE;
        double[] bestInner = null;
        for (double penalty : PENALTIES) {
            double[] inner = new double[n];
            double error = 0;
            for (int held : training) {
                double[] w = ridge.fit(training.stream().filter(b -> b != held).toList(), penalty);
                for (int i = 0; i < n; i++) {
                    if (block[i] == held) {
                        inner[i] = dot(w, x[i]);
                        error += weight[i] * (inner[i] - y[i]) * (inner[i] - y[i]);
                    }
                }
            }
            if (error < bestError) {
                bestError = error;
                bestPenalty = penalty;
                bestInner = inner;
            }
        }
        Map<String, List<Integer>> byCorpus = new HashMap<>();
        for (String corpus : corpora) {
            byCorpus.put(corpus, indices(n, i -> training.contains(block[i]) && rows.get(i).corpus().equals(corpus)));
        }
        double[] inner = bestInner;
        double bestZone = ZONES[0];
        double bestF1 = -1;
        for (double zone : ZONES) {
            double f1 = 0;
            for (List<Integer> idx : byCorpus.values()) {
                f1 += macroF1(at(idx, i -> y[i]), at(idx, i -> SentimentModel.deadZone(inner[i], zone)));
            }
            if (f1 > bestF1) {
                bestF1 = f1;
                bestZone = zone;
            }
        }
        double worst = Double.MAX_VALUE;
        for (List<Integer> idx : byCorpus.values()) {
            double[] gold = at(idx, i -> y[i]);
            double[] v = at(idx, i -> vaderScore[i]);
            double zone = bestZone;
            double[] m = at(idx, i -> SentimentModel.deadZone(inner[i], zone));
            worst = Math.min(worst, Math.min(pearson(gold, m) - pearson(gold, v), macroF1(gold, m) - macroF1(gold, v)));
        }
        return new Choice(tweets, bestPenalty, bestZone, worst);
    }

    /**
     * Experimental features appended to the production ones (-Dbench.variant, comma-separated; none by default, which
     * is the shipped model): {@code vaderlex} the score of VADER's lexicon alone (without the support words) with its
     * square and informality cross; {@code npmvader} (in main) npm VADER's score in place of the rules'. Figures in
     * RESULTS.md ("Variants tried").
     */
    static double[] extend(double[] f, String variant, String text, Sentiment vaderOnly) {
        List<Double> extra = new ArrayList<>();
        double informal = f[3];
        if (variant.contains("vaderlex")) {
            double s0 = vaderOnly.score(text);
            extra.addAll(List.of(s0, s0 * Math.abs(s0), s0 * informal));
        }
        double[] out = Arrays.copyOf(f, f.length + extra.size());
        for (int k = 0; k < extra.size(); k++) {
            out[f.length + k] = extra.get(k);
        }
        return out;
    }

    /** Ridge regression from per-block Gram matrices, so that any union of blocks is fitted without another pass over the data. */
    static final class Ridge {
        final double[][][] gram;
        final double[][] moment;
        final int dim;

        Ridge(double[][] x, double[] y, double[] weight, int[] block, int blocks) {
            dim = x[0].length;
            gram = new double[blocks][dim][dim];
            moment = new double[blocks][dim];
            for (int i = 0; i < x.length; i++) {
                double[][] g = gram[block[i]];
                for (int p = 0; p < dim; p++) {
                    double xp = x[i][p] * weight[i];
                    for (int q = p; q < dim; q++) {
                        g[p][q] += xp * x[i][q];
                    }
                    moment[block[i]][p] += xp * y[i];
                }
            }
            for (double[][] g : gram) {
                for (int p = 0; p < dim; p++) {
                    for (int q = 0; q < p; q++) {
                        g[p][q] = g[q][p];
                    }
                }
            }
        }

        /** Weights minimising weighted squared error + penalty * |w|^2 (the intercept, feature 0, is not penalised). */
        double[] fit(List<Integer> blocks, double penalty) {
            double[][] a = new double[dim][dim];
            double[] b = new double[dim];
            for (int k : blocks) {
                for (int p = 0; p < dim; p++) {
                    b[p] += moment[k][p];
                    for (int q = 0; q < dim; q++) {
                        a[p][q] += gram[k][p][q];
                    }
                }
            }
            for (int p = 1; p < dim; p++) {
                a[p][p] += penalty;
            }
            double[][] l = new double[dim][dim]; // Cholesky
            for (int i = 0; i < dim; i++) {
                for (int j = 0; j <= i; j++) {
                    double s = a[i][j];
                    for (int k = 0; k < j; k++) {
                        s -= l[i][k] * l[j][k];
                    }
                    l[i][j] = i == j ? Math.sqrt(s) : s / l[j][j];
                }
            }
            double[] z = new double[dim];
            for (int i = 0; i < dim; i++) {
                double s = b[i];
                for (int k = 0; k < i; k++) {
                    s -= l[i][k] * z[k];
                }
                z[i] = s / l[i][i];
            }
            double[] w = new double[dim];
            for (int i = dim - 1; i >= 0; i--) {
                double s = z[i];
                for (int k = i + 1; k < dim; k++) {
                    s -= l[k][i] * w[k];
                }
                w[i] = s / l[i][i];
            }
            return w;
        }
    }

    /** MiniLM embeddings of every text, cached in a file so that a rerun does not embed again. */
    static float[][] embeddings(List<Row> rows, Path cache) throws IOException {
        int n = rows.size();
        if (Files.exists(cache)) {
            try (DataInputStream in = new DataInputStream(Files.newInputStream(cache))) {
                if (in.readInt() == n) {
                    float[][] out = new float[n][384];
                    for (float[] v : out) {
                        for (int j = 0; j < 384; j++) {
                            v[j] = in.readFloat();
                        }
                    }
                    return out;
                }
            }
        }
        long started = System.nanoTime();
        List<float[]> vectors;
        try (TextEncoder encoder = new TextEncoder(List.of("minilm"), 2)) {
            vectors = encoder.encodeAll(rows.stream().map(Row::text).toList());
        }
        System.out.printf("embedded %d texts in %.0f s%n", n, (System.nanoTime() - started) / 1e9);
        Files.createDirectories(cache.toAbsolutePath().getParent());
        try (DataOutputStream out = new DataOutputStream(Files.newOutputStream(cache))) {
            out.writeInt(n);
            for (float[] v : vectors) {
                for (float f : v) {
                    out.writeFloat(f);
                }
            }
        }
        return vectors.toArray(new float[0][]);
    }

    /** The indices 0..n-1 that {@code keep} accepts. */
    static List<Integer> indices(int n, IntPredicate keep) {
        return IntStream.range(0, n).filter(keep).boxed().toList();
    }

    /** {@code value} at each of {@code idx}. */
    static double[] at(List<Integer> idx, IntToDoubleFunction value) {
        return idx.stream().mapToDouble(value::applyAsDouble).toArray();
    }

    static double dot(double[] w, double[] x) {
        double s = 0;
        for (int i = 0; i < w.length; i++) {
            s += w[i] * x[i];
        }
        return s;
    }

    static double clip(double v) {
        return Math.max(-1.0, Math.min(1.0, v));
    }

    static double pearson(double[] x, double[] y) {
        double mx = Arrays.stream(x).average().orElse(0);
        double my = Arrays.stream(y).average().orElse(0);
        double sxy = 0, sxx = 0, syy = 0;
        for (int i = 0; i < x.length; i++) {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
            syy += (y[i] - my) * (y[i] - my);
        }
        return sxy / Math.sqrt(sxx * syy);
    }

    static int label(double v) {
        return v > 0.05 ? 2 : v < -0.05 ? 0 : 1;
    }

    static double macroF1(double[] gold, double[] predicted) {
        double sum = 0;
        for (int c = 0; c < 3; c++) {
            int tp = 0, fp = 0, fn = 0;
            for (int i = 0; i < gold.length; i++) {
                int g = label(gold[i]), p = label(predicted[i]);
                if (p == c && g == c) {
                    tp++;
                } else if (p == c) {
                    fp++;
                } else if (g == c) {
                    fn++;
                }
            }
            double precision = tp + fp == 0 ? 0 : (double) tp / (tp + fp);
            double recall = tp + fn == 0 ? 0 : (double) tp / (tp + fn);
            sum += precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
        }
        return sum / 3;
    }

    static String arg(String[] args, String name, String fallback) {
        int i = Arrays.asList(args).indexOf(name);
        return i >= 0 && i + 1 < args.length ? args[i + 1] : fallback;
    }
}
