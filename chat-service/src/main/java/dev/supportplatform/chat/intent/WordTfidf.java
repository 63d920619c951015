package dev.supportplatform.chat.intent;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The word block of an intent model's features: the message's lower-cased words and pairs of adjacent words, each
 * weighted by sublinear term frequency times smoothed inverse document frequency, the vector scaled to unit length.
 * This is scikit-learn's {@code TfidfVectorizer(token_pattern=r"(?u)\b\w+\b", ngram_range=(1, 2), sublinear_tf=True)},
 * the configuration measured in chat-service/bench/INTENTS.md (the prototype checked both give the same vectors).
 * Words carry what a sentence embedding blurs: the one product or action word that separates two close intents.
 * Immutable and thread-safe.
 */
final class WordTfidf {

    static final WordTfidf NONE = new WordTfidf(List.of(), new float[0]);

    private static final Pattern WORD = Pattern.compile("\\b\\w+\\b", Pattern.UNICODE_CHARACTER_CLASS);

    private final List<String> terms;
    private final Map<String, Integer> index;
    private final float[] idf;

    private WordTfidf(List<String> terms, float[] idf) {
        this.terms = List.copyOf(terms);
        this.idf = idf;
        this.index = new HashMap<>(terms.size() * 2);
        for (int i = 0; i < terms.size(); i++) {
            index.put(terms.get(i), i);
        }
    }

    /** A sparse vector: ascending indexes and their values. */
    record Sparse(int[] index, float[] value) {
    }

    /**
     * The vocabulary and inverse document frequencies of {@code texts}. At most {@code maxTerms} terms are kept, those
     * in the most texts (ties in alphabetical order), so that a tenant's model stays a bounded size.
     */
    static WordTfidf fit(List<String> texts, int maxTerms) {
        Map<String, Integer> documentFrequency = new HashMap<>();
        for (String text : texts) {
            for (String term : new HashSet<>(terms(text))) {
                documentFrequency.merge(term, 1, Integer::sum);
            }
        }
        List<String> kept = documentFrequency.keySet().stream()
                .sorted(Comparator.comparing((String t) -> -documentFrequency.get(t)).thenComparing(Comparator.naturalOrder()))
                .limit(maxTerms)
                .sorted()
                .toList();
        float[] idf = new float[kept.size()];
        int n = texts.size();
        for (int i = 0; i < idf.length; i++) {
            idf[i] = (float) (Math.log((1.0 + n) / (1.0 + documentFrequency.get(kept.get(i)))) + 1.0);
        }
        return new WordTfidf(kept, idf);
    }

    int size() {
        return terms.size();
    }

    /** The unit-length tf-idf vector of {@code text}; empty when none of its terms is in the vocabulary. */
    Sparse vector(String text) {
        Map<Integer, Integer> counts = new HashMap<>();
        for (String term : terms(text)) {
            Integer i = index.get(term);
            if (i != null) {
                counts.merge(i, 1, Integer::sum);
            }
        }
        int[] indexes = counts.keySet().stream().mapToInt(Integer::intValue).sorted().toArray();
        float[] values = new float[indexes.length];
        double sumOfSquares = 0;
        for (int k = 0; k < indexes.length; k++) {
            double v = (1.0 + Math.log(counts.get(indexes[k]))) * idf[indexes[k]];
            values[k] = (float) v;
            sumOfSquares += v * v;
        }
        if (sumOfSquares > 0) {
            float inverse = (float) (1.0 / Math.sqrt(sumOfSquares));
            for (int k = 0; k < values.length; k++) {
                values[k] *= inverse;
            }
        }
        return new Sparse(indexes, values);
    }

    /** Lower-cased words, then each pair of adjacent words joined by a space. */
    static List<String> terms(String text) {
        Matcher m = WORD.matcher(text.toLowerCase(Locale.ROOT));
        List<String> words = new ArrayList<>();
        while (m.find()) {
            words.add(m.group());
        }
        List<String> out = new ArrayList<>(words.size() * 2);
        out.addAll(words);
        for (int i = 0; i + 1 < words.size(); i++) {
            out.add(words.get(i) + " " + words.get(i + 1));
        }
        return out;
    }

    void writeTo(DataOutputStream out) throws IOException {
        out.writeInt(terms.size());
        for (int i = 0; i < terms.size(); i++) {
            out.writeUTF(terms.get(i));
            out.writeFloat(idf[i]);
        }
    }

    static WordTfidf readFrom(DataInputStream in) throws IOException {
        int n = in.readInt();
        List<String> terms = new ArrayList<>(n);
        float[] idf = new float[n];
        for (int i = 0; i < n; i++) {
            terms.add(in.readUTF());
            idf[i] = in.readFloat();
        }
        return new WordTfidf(terms, idf);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof WordTfidf other && terms.equals(other.terms) && Arrays.equals(idf, other.idf);
    }

    @Override
    public int hashCode() {
        return terms.hashCode();
    }
}
