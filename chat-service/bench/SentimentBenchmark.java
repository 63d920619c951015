import dev.supportplatform.chat.turn.Sentiment;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Scores the VADER ground-truth corpora with chat-service's Sentiment and reads VADER's scores for the same texts
 * (written by vader_scores.js in the same run), then reports, per corpus and for both: Pearson r against the mean
 * human rating, and 3-class macro F1 with classes at +-0.05 (human mean / 4; scorer compound).
 * Usage: java -cp chat-service/target/classes chat-service/bench/SentimentBenchmark.java <data dir> <vader scores dir>
 */
public class SentimentBenchmark {

    record Row(String id, double human, String text) {
    }

    public static void main(String[] args) throws Exception {
        Path data = Path.of(args[0]);
        Path vaderDir = Path.of(args[1]);
        Sentiment ours = Sentiment.bundled();
        System.out.printf("%-22s %6s | %-8s %-8s | %-8s %-8s%n", "corpus", "n", "r ours", "r VADER", "F1 ours", "F1 VADER");
        List<Path> files;
        try (Stream<Path> s = Files.list(data)) {
            files = s.filter(p -> p.getFileName().toString().endsWith("_GroundTruth.txt")).sorted().toList();
        }
        for (Path file : files) {
            String corpus = file.getFileName().toString().replace("_GroundTruth.txt", "");
            List<Row> rows = new ArrayList<>();
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (line.isBlank()) {
                    continue;
                }
                String[] parts = line.split("\t", 3);
                rows.add(new Row(parts[0], Double.parseDouble(parts[1]), parts.length > 2 ? parts[2] : ""));
            }
            Map<String, Double> vader = new HashMap<>();
            for (String line : Files.readAllLines(vaderDir.resolve(corpus + ".vader.tsv"))) {
                if (!line.isBlank()) {
                    String[] parts = line.split("\t");
                    vader.put(parts[0], Double.parseDouble(parts[1]));
                }
            }
            double[] human = rows.stream().mapToDouble(r -> r.human() / 4.0).toArray();
            double[] mine = rows.stream().mapToDouble(r -> ours.score(r.text())).toArray();
            double[] theirs = rows.stream().mapToDouble(r -> vader.get(r.id())).toArray();
            System.out.printf("%-22s %6d | %-8.3f %-8.3f | %-8.3f %-8.3f%n", corpus, rows.size(), pearson(human, mine),
                    pearson(human, theirs), macroF1(human, mine), macroF1(human, theirs));
        }
    }

    static double pearson(double[] x, double[] y) {
        double mx = mean(x), my = mean(y), sxy = 0, sxx = 0, syy = 0;
        for (int i = 0; i < x.length; i++) {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
            syy += (y[i] - my) * (y[i] - my);
        }
        return sxy / Math.sqrt(sxx * syy);
    }

    static double mean(double[] x) {
        double s = 0;
        for (double v : x) {
            s += v;
        }
        return s / x.length;
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
}
