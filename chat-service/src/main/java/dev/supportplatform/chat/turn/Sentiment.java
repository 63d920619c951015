package dev.supportplatform.chat.turn;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Lexicon-based sentiment in -1..1, following the rules VADER (Hutto and Gilbert 2014) showed matter: a valence
 * lexicon, negation within three words, intensifiers, contrast ("but" shifts weight to what follows), emphasis by
 * capitals and exclamation marks, and a normalisation that saturates towards +-1. The lexicon is VADER's own
 * (MIT licence, see resources/sentiment/NOTICE.md) plus customer-support words it lacks; measured against VADER in
 * chat-service/bench/RESULTS.md.
 */
public final class Sentiment {

    private static final Set<String> NEGATIONS = Set.of("not", "no", "never", "none", "nobody", "nothing", "neither", "nor",
            "cannot", "cant", "can't", "dont", "don't", "doesnt", "doesn't", "didnt", "didn't", "isnt", "isn't", "wasnt",
            "wasn't", "arent", "aren't", "werent", "weren't", "wont", "won't", "wouldnt", "wouldn't", "shouldnt",
            "shouldn't", "couldnt", "couldn't", "aint", "ain't", "without", "hardly", "barely", "havent", "haven't",
            "hasnt", "hasn't", "nope", "rarely", "seldom");
    /** VADER's booster words (its B_INCR / B_DECR of 0.293); a booster carries no valence of its own. */
    private static final Map<String, Double> BOOSTERS = boosters(
            List.of("absolutely", "amazingly", "awfully", "completely", "considerable", "considerably",
                    "decidedly", "deeply", "effing", "enormous", "enormously", "entirely", "especially",
                    "exceptional", "exceptionally", "extreme", "extremely", "fabulously", "flipping",
                    "flippin", "frackin", "fracking", "fricking", "frickin", "frigging", "friggin", "fully",
                    "fuckin", "fucking", "fuggin", "fugging", "greatly", "hella", "highly", "hugely",
                    "incredible", "incredibly", "intensely", "major", "majorly", "more", "most",
                    "particularly", "purely", "quite", "really", "remarkably", "so", "substantially",
                    "thoroughly", "total", "totally", "tremendous", "tremendously", "uber", "unbelievably",
                    "unusually", "utter", "utterly", "very"),
            List.of("almost", "barely", "hardly", "kinda", "kindof", "less", "little", "marginal",
                    "marginally", "occasional", "occasionally", "partly", "scarce", "scarcely", "slight",
                    "slightly", "somewhat", "sorta", "sortof"));
    private static final double NEGATION_FACTOR = -0.74;
    private static final double CAPS_BOOST = 0.733;

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

    /** The scorer with VADER's lexicon alone (no support words): what the sentiment benchmark compares against. */
    public static Sentiment vaderLexiconOnly() {
        return new Sentiment(load("/sentiment/vader_lexicon.txt"));
    }

    private static Map<String, Double> boosters(List<String> up, List<String> down) {
        Map<String, Double> map = new HashMap<>();
        up.forEach(w -> map.put(w, 0.293));
        down.forEach(w -> map.put(w, -0.293));
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
                words.put(parts[0].toLowerCase(Locale.ROOT), Double.parseDouble(parts[1]));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return words;
    }

    /** The compound score of {@code text} in -1..1 (0 for text without sentiment words). */
    public double score(String text) {
        if (text == null || text.isBlank()) {
            return 0.0;
        }
        List<String> raw = tokens(text);
        boolean mixedCase = raw.stream().anyMatch(Sentiment::isShouting) && raw.stream().anyMatch(t -> !isShouting(t));
        List<String> words = raw.stream().map(t -> t.toLowerCase(Locale.ROOT)).toList();
        List<Double> valences = new ArrayList<>();
        for (int i = 0; i < words.size(); i++) {
            String word = words.get(i);
            Double base = lexicon.get(word);
            if (base == null || BOOSTERS.containsKey(word)) {
                valences.add(0.0);
                continue;
            }
            double v = base;
            if (mixedCase && isShouting(raw.get(i))) {
                v += Math.signum(v) * CAPS_BOOST;
            }
            for (int back = 1; back <= 3 && i - back >= 0; back++) {
                Double boost = BOOSTERS.get(words.get(i - back));
                if (boost != null) {
                    double scaled = boost * (back == 1 ? 1.0 : back == 2 ? 0.95 : 0.9);
                    v += Math.signum(v) * scaled;
                }
                if (NEGATIONS.contains(words.get(i - back)) || words.get(i - back).endsWith("n't")) {
                    v *= NEGATION_FACTOR;
                }
            }
            valences.add(v);
        }
        int but = words.indexOf("but");
        if (but >= 0) {
            for (int i = 0; i < valences.size(); i++) {
                valences.set(i, valences.get(i) * (i < but ? 0.5 : i > but ? 1.5 : 1.0));
            }
        }
        double sum = valences.stream().mapToDouble(Double::doubleValue).sum();
        if (sum == 0.0) {
            return 0.0;
        }
        long exclamations = Math.min(4, text.chars().filter(c -> c == '!').count());
        long questions = text.chars().filter(c -> c == '?').count();
        double emphasis = exclamations * 0.292 + (questions > 1 ? Math.min(0.96, questions * 0.18) : 0.0);
        sum += Math.signum(sum) * emphasis;
        double compound = sum / Math.sqrt(sum * sum + 15.0);
        return Math.max(-1.0, Math.min(1.0, compound));
    }

    private static boolean isShouting(String token) {
        return token.length() > 1 && token.chars().anyMatch(Character::isLetter) && token.equals(token.toUpperCase(Locale.ROOT));
    }

    static List<String> tokens(String text) {
        List<String> out = new ArrayList<>();
        for (String t : text.split("\\s+")) {
            String stripped = t.replaceAll("^[^\\p{L}\\p{N}']+|[^\\p{L}\\p{N}']+$", "");
            // As VADER does: a token that stripping would shrink to two characters or fewer is kept whole, so
            // emoticons such as :) and :-( survive.
            if (stripped.length() <= 2 && !t.isEmpty()) {
                out.add(t);
            } else if (!stripped.isEmpty()) {
                out.add(stripped);
            }
        }
        return out;
    }
}
