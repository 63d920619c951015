package dev.supportplatform.chat.turn;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * VADER's compound sentiment score in -1..1 (Hutto and Gilbert 2014): a valence lexicon, negation, boosters and
 * dampeners within three words, "never so", "least", a few idioms, contrast after "but", emphasis by capitals,
 * exclamation and question marks, and a normalisation that saturates towards +-1. An exact port of the npm package
 * {@code vader-sentiment} 1.1.3 (Apache License 2.0, Copyright 2018 Comcast Cable Communications Management, LLC),
 * quirks included (single characters are dropped, negations and "but" are matched case-sensitively), so that
 * {@link #vaderLexiconOnly()} scores every text as that package does: checked on the benchmark's 23,703 texts
 * (chat-service/bench/RESULTS.md) and in SentimentTest. The bundled lexicon is VADER's own (MIT licence, see
 * resources/sentiment/NOTICE.md) plus customer-support words it lacks.
 */
public final class Sentiment {

    private static final double B_INCR = 0.293;
    private static final double B_DECR = -0.293;
    private static final double C_INCR = 0.733;
    private static final double N_SCALAR = -0.74;

    private static final Set<String> NEGATE = Set.of("aint", "arent", "cannot", "cant", "couldnt", "darent", "didnt",
            "doesnt", "ain't", "aren't", "can't", "couldn't", "daren't", "didn't", "doesn't", "dont", "hadnt", "hasnt",
            "havent", "isnt", "mightnt", "mustnt", "neither", "don't", "hadn't", "hasn't", "haven't", "isn't",
            "mightn't", "mustn't", "neednt", "needn't", "never", "none", "nope", "nor", "not", "nothing", "nowhere",
            "oughtnt", "shant", "shouldnt", "uhuh", "wasnt", "werent", "oughtn't", "shan't", "shouldn't", "uh-uh",
            "wasn't", "weren't", "without", "wont", "wouldnt", "won't", "wouldn't", "rarely", "seldom", "despite");
    /** Booster and dampener words; the two-word ones only count in the idiom check, as in VADER. */
    private static final Map<String, Double> BOOSTERS = boosters(
            List.of("absolutely", "amazingly", "awfully", "completely", "considerably", "decidedly", "deeply", "effing",
                    "enormously", "entirely", "especially", "exceptionally", "extremely", "fabulously", "flipping",
                    "flippin", "fricking", "frickin", "frigging", "friggin", "fully", "fucking", "greatly", "hella",
                    "highly", "hugely", "incredibly", "intensely", "majorly", "more", "most", "particularly", "purely",
                    "quite", "really", "remarkably", "so", "substantially", "thoroughly", "totally", "tremendously",
                    "uber", "unbelievably", "unusually", "utterly", "very"),
            List.of("almost", "barely", "hardly", "just enough", "kind of", "kinda", "kindof", "kind-of", "less",
                    "little", "marginally", "occasionally", "partly", "scarcely", "slightly", "somewhat", "sort of",
                    "sorta", "sortof", "sort-of"));
    private static final Map<String, Double> IDIOMS = Map.of("the shit", 3.0, "the bomb", 3.0, "bad ass", 1.5,
            "yeah right", -2.0, "cut the mustard", 2.0, "kiss of death", -1.5, "hand to mouth", -2.0);
    private static final List<String> PUNCTUATION = List.of(".", "!", "?", ",", ";", ":", "-", "'", "\"", "!!", "!!!",
            "??", "???", "?!?", "!?!", "?!?!", "!?!?");
    private static final Pattern ASCII_PUNCTUATION = Pattern.compile("[!\"#$%&'()*+,\\-./:;<=>?@\\[\\\\\\]^_`{|}~]");
    /** JavaScript's whitespace class, which also splits at Unicode spaces such as the no-break space. */
    private static final Pattern JS_WHITESPACE = Pattern.compile("[\\t\\n\\u000B\\f\\r \\u00A0\\u1680\\u2000-\\u200A\\u2028\\u2029\\u202F\\u205F\\u3000\\uFEFF]");
    private static final Pattern UPPER = Pattern.compile("[^a-z]*[A-Z]+[^a-z]*");

    private final Map<String, Double> lexicon;

    public Sentiment(Map<String, Double> lexicon) {
        this.lexicon = Map.copyOf(lexicon);
    }

    /** The scorer with the bundled lexicons: VADER's, plus our support-language words it lacks. */
    public static Sentiment bundled() {
        Map<String, Double> words = new HashMap<>(load("/sentiment/vader_lexicon.txt"));
        load("/sentiment/lexicon.tsv").forEach(words::putIfAbsent);
        return new Sentiment(words);
    }

    /** The scorer with VADER's lexicon alone (no support words): VADER itself. */
    public static Sentiment vaderLexiconOnly() {
        return new Sentiment(load("/sentiment/vader_lexicon.txt"));
    }

    private static Map<String, Double> boosters(List<String> up, List<String> down) {
        Map<String, Double> map = new HashMap<>();
        up.forEach(w -> map.put(w, B_INCR));
        down.forEach(w -> map.put(w, B_DECR));
        return Map.copyOf(map);
    }

    static Map<String, Double> load(String resource) {
        Map<String, Double> words = new HashMap<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(
                Objects.requireNonNull(Sentiment.class.getResourceAsStream(resource), resource), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] parts = line.split("\t");
                if (parts.length < 2) {
                    continue;
                }
                // Kept as written: VADER looks words up lower-cased, so its few capitalised entries (":P") never match,
                // and lower-casing them here would overwrite their lower-case twins (":p").
                words.put(parts[0], Double.parseDouble(parts[1]));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return words;
    }

    /** The compound score of {@code text} in -1..1, rounded to four decimals as VADER does (0 without sentiment words). */
    public double score(String text) {
        if (text == null || text.isEmpty()) {
            return 0.0;
        }
        List<String> words = wordsAndEmoticons(text);
        if (words.isEmpty()) {
            return 0.0;
        }
        boolean capDifferential = capDifferential(words);
        double[] sentiments = new double[words.size()];
        for (int i = 0; i < words.size(); i++) {
            String lower = lower(words.get(i));
            boolean kindOf = i < words.size() - 1 && lower.equals("kind") && lower(words.get(i + 1)).equals("of");
            sentiments[i] = kindOf || BOOSTERS.containsKey(lower) ? 0.0 : valence(words, i, capDifferential);
        }
        int but = words.indexOf("but") >= 0 ? words.indexOf("but") : words.indexOf("BUT");
        if (but >= 0) {
            for (int i = 0; i < sentiments.length; i++) {
                sentiments[i] *= i < but ? 0.5 : i > but ? 1.5 : 1.0;
            }
        }
        double sum = 0;
        for (double s : sentiments) {
            sum += s;
        }
        double emphasis = exclamationEmphasis(text) + questionEmphasis(text);
        sum += sum > 0 ? emphasis : sum < 0 ? -emphasis : 0;
        double compound = Math.max(-1.0, Math.min(1.0, sum / Math.sqrt(sum * sum + 15)));
        return new BigDecimal(compound).setScale(4, RoundingMode.HALF_UP).doubleValue(); // JavaScript's toFixed(4)
    }

    private double valence(List<String> words, int index, boolean capDifferential) {
        String item = words.get(index);
        Double base = lexicon.get(lower(item));
        if (base == null) {
            return 0.0;
        }
        double valence = base;
        if (isUpper(item) && capDifferential) {
            valence += valence > 0 ? C_INCR : -C_INCR;
        }
        for (int back = 0; back < 3; back++) {
            if (index > back && !lexicon.containsKey(lower(words.get(index - back - 1)))) {
                double s = boost(words.get(index - back - 1), valence, capDifferential);
                s *= back == 1 ? 0.95 : back == 2 ? 0.9 : 1.0;
                valence += s;
                valence = neverCheck(valence, words, back, index);
                if (back == 2) {
                    valence = idiomsCheck(valence, words, index);
                }
            }
        }
        return leastCheck(valence, words, index);
    }

    private static double boost(String word, double valence, boolean capDifferential) {
        Double scalar = BOOSTERS.get(lower(word));
        if (scalar == null) {
            return 0.0;
        }
        double s = valence < 0 ? -scalar : scalar;
        if (capDifferential && isUpper(word)) {
            s += valence > 0 ? C_INCR : -C_INCR;
        }
        return s;
    }

    private static double neverCheck(double valence, List<String> words, int back, int index) {
        if (back == 0) {
            return negated(words.get(index - 1)) ? valence * N_SCALAR : valence;
        }
        if (back == 1) {
            if (words.get(index - 2).equals("never") && soOrThis(words.get(index - 1))) {
                return valence * 1.5;
            }
            return negated(words.get(index - 2)) ? valence * N_SCALAR : valence;
        }
        if (words.get(index - 3).equals("never") && soOrThis(words.get(index - 2)) || soOrThis(words.get(index - 1))) {
            return valence * 1.25;
        }
        return negated(words.get(index - 3)) ? valence * N_SCALAR : valence;
    }

    private static double idiomsCheck(double valence, List<String> words, int index) {
        String w0 = words.get(index);
        String w1 = words.get(index - 1);
        String w2 = words.get(index - 2);
        String w3 = words.get(index - 3);
        for (String sequence : List.of(w1 + " " + w0, w2 + " " + w1 + " " + w0, w2 + " " + w1, w3 + " " + w2 + " " + w1, w3 + " " + w2)) {
            Double idiom = IDIOMS.get(sequence);
            if (idiom != null) {
                valence = idiom;
                break;
            }
        }
        if (words.size() - 1 > index) {
            valence = IDIOMS.getOrDefault(w0 + " " + words.get(index + 1), valence);
        }
        if (words.size() - 1 > index + 1) {
            valence = IDIOMS.getOrDefault(w0 + " " + words.get(index + 1) + " " + words.get(index + 2), valence);
        }
        if (BOOSTERS.containsKey(w3 + " " + w2) || BOOSTERS.containsKey(w2 + " " + w1)) {
            valence += B_DECR;
        }
        return valence;
    }

    private double leastCheck(double valence, List<String> words, int index) {
        if (index > 0 && lower(words.get(index - 1)).equals("least") && !lexicon.containsKey("least")) {
            if (index == 1) {
                return valence * N_SCALAR;
            }
            String before = lower(words.get(index - 2));
            return before.equals("at") || before.equals("very") ? valence : valence * N_SCALAR;
        }
        return valence;
    }

    private static boolean negated(String word) {
        return NEGATE.contains(word) || word.contains("n't");
    }

    private static boolean soOrThis(String word) {
        return word.equals("so") || word.equals("this");
    }

    private static double exclamationEmphasis(String text) {
        return Math.min(4, text.chars().filter(c -> c == '!').count()) * 0.292;
    }

    private static double questionEmphasis(String text) {
        long marks = text.chars().filter(c -> c == '?').count();
        return marks <= 1 ? 0.0 : marks <= 3 ? marks * 0.18 : 0.96;
    }

    /**
     * VADER's tokens: split at whitespace, drop single characters, and strip one listed punctuation run from either
     * end of a word (so "good!!" reads "good" while emoticons such as :) and contractions stay whole).
     */
    static List<String> wordsAndEmoticons(String text) {
        Set<String> plainWords = new HashSet<>();
        for (String w : JS_WHITESPACE.split(ASCII_PUNCTUATION.matcher(text).replaceAll(""))) {
            if (w.length() > 1) {
                plainWords.add(w);
            }
        }
        List<String> out = new ArrayList<>();
        for (String token : JS_WHITESPACE.split(text)) {
            if (token.length() > 1) {
                out.add(withoutPunctuation(token, plainWords));
            }
        }
        return out;
    }

    private static String withoutPunctuation(String token, Set<String> plainWords) {
        for (String p : PUNCTUATION) {
            if (token.startsWith(p) && plainWords.contains(token.substring(p.length()))) {
                return token.substring(p.length());
            }
            if (token.endsWith(p) && plainWords.contains(token.substring(0, token.length() - p.length()))) {
                return token.substring(0, token.length() - p.length());
            }
        }
        return token;
    }

    private static boolean capDifferential(List<String> words) {
        long upper = words.stream().filter(Sentiment::isUpper).count();
        return upper > 0 && upper < words.size();
    }

    /** Python's str.isupper as VADER's port reads it: some capital, no lower-case ASCII letter. */
    private static boolean isUpper(String word) {
        return UPPER.matcher(word).matches();
    }

    private static String lower(String word) {
        return word.toLowerCase(Locale.ROOT);
    }
}
