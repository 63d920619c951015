package proto;

import java.nio.charset.StandardCharsets;
import java.nio.file.*;
import java.util.*;
import java.util.regex.*;

/** Reference implementation of the word (1,2)-gram tf-idf block (sklearn TfidfVectorizer(token_pattern=r"(?u)\b\w+\b",
 *  ngram_range=(1,2), sublinear_tf=True, smooth_idf=True, norm='l2')) + parity check and timing. */
public class WordTfidf {
    static final Pattern TOKEN = Pattern.compile("\\b\\w+\\b", Pattern.UNICODE_CHARACTER_CLASS);
    final Map<String, Integer> vocab = new HashMap<>();
    final float[] idf;

    WordTfidf(Path tsv) throws Exception {
        List<String> lines = Files.readAllLines(tsv, StandardCharsets.UTF_8);
        idf = new float[lines.size()];
        for (int i = 0; i < lines.size(); i++) {
            String[] p = lines.get(i).split("\t");
            vocab.put(p[0], i);
            idf[i] = Float.parseFloat(p[1]);
        }
    }

    /** idf fitted on training texts: ln((1+n)/(1+df)) + 1 */
    static double idf(int n, int df) { return Math.log((1.0 + n) / (1.0 + df)) + 1.0; }

    static List<String> terms(String text) {
        Matcher m = TOKEN.matcher(text.toLowerCase(Locale.ROOT));
        List<String> tok = new ArrayList<>();
        while (m.find()) tok.add(m.group());
        List<String> out = new ArrayList<>(tok);
        for (int i = 0; i + 1 < tok.size(); i++) out.add(tok.get(i) + " " + tok.get(i + 1));
        return out;
    }

    /** sparse vector: sorted indices and values, unit length */
    record Sparse(int[] idx, float[] val) {}

    Sparse vector(String text) {
        TreeMap<Integer, Integer> tf = new TreeMap<>();
        for (String t : terms(text)) { Integer j = vocab.get(t); if (j != null) tf.merge(j, 1, Integer::sum); }
        int[] idx = new int[tf.size()]; float[] val = new float[tf.size()];
        double ss = 0; int k = 0;
        for (var e : tf.entrySet()) {
            double v = (1.0 + Math.log(e.getValue())) * idf[e.getKey()];
            idx[k] = e.getKey(); val[k] = (float) v; ss += v * v; k++;
        }
        double inv = ss == 0 ? 0 : 1 / Math.sqrt(ss);
        for (int i = 0; i < k; i++) val[i] *= (float) inv;
        return new Sparse(idx, val);
    }

    public static void main(String[] a) throws Exception {
        WordTfidf w = new WordTfidf(Path.of("b77_word_vocab.tsv"));
        List<String> texts = Files.readAllLines(Path.of("b77_test.txt"), StandardCharsets.UTF_8);
        List<String> ref = Files.readAllLines(Path.of("b77_test_word_ref.txt"), StandardCharsets.UTF_8);
        int mismatch = 0; double maxErr = 0;
        for (int r = 0; r < texts.size(); r++) {
            Sparse s = w.vector(texts.get(r));
            String[] parts = ref.get(r).isBlank() ? new String[0] : ref.get(r).split(" ");
            if (parts.length != s.idx().length) { mismatch++; continue; }
            for (int i = 0; i < parts.length; i++) {
                String[] p = parts[i].split(":");
                if (Integer.parseInt(p[0]) != s.idx()[i]) { mismatch++; break; }
                maxErr = Math.max(maxErr, Math.abs(Float.parseFloat(p[1]) - s.val()[i]));
            }
        }
        System.out.printf("parity: %d of %d texts differ; max abs value error %.2e%n", mismatch, texts.size(), maxErr);
        // timing: features + sparse scores (77 classes x 22k weights) + dense 384 part + 1-NN over 10,003 x 384
        int K = 78, V = w.idf.length, D = 384, N = 10003;
        Random rnd = new Random(1);
        float[][] W = new float[K][V + D + 1];
        for (float[] row : W) for (int i = 0; i < row.length; i++) row[i] = (float) rnd.nextGaussian();
        float[][] E = new float[N][D];
        for (float[] row : E) for (int i = 0; i < D; i++) row[i] = (float) rnd.nextGaussian();
        float[] q = new float[D];
        for (int i = 0; i < D; i++) q[i] = (float) rnd.nextGaussian();
        double sink = 0;
        for (int rep = 0; rep < 3; rep++) {
            long t0 = System.nanoTime();
            for (String t : texts) {
                Sparse s = w.vector(t);
                for (float[] row : W) { double z = row[V + D]; for (int i = 0; i < D; i++) z += row[V + i] * q[i]; for (int i = 0; i < s.idx().length; i++) z += row[s.idx()[i]] * s.val()[i]; sink += z; }
            }
            long t1 = System.nanoTime();
            for (int m = 0; m < 300; m++) {
                float best = -1e9f;
                for (float[] e : E) { float z = 0; for (int i = 0; i < D; i++) z += e[i] * q[i]; if (z > best) best = z; }
                sink += best;
            }
            long t2 = System.nanoTime();
            System.out.printf("per message: tf-idf features + all class scores %.1f us; 1-NN over %d train vectors %.2f ms%n",
                    (t1 - t0) / 1e3 / texts.size(), N, (t2 - t1) / 1e6 / 300);
        }
        if (sink == 42) System.out.println();
    }
}
