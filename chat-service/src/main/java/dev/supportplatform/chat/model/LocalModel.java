package dev.supportplatform.chat.model;

import dev.supportplatform.chat.turn.Intent;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * The offline default: answers extractively from the retrieved passages, citing them as [n], handles greetings,
 * thanks, goodbyes and requests for a human, and says plainly when the knowledge base has no answer. It only ever
 * repeats text from the passages, so it cannot invent facts; the same input always gives the same answer.
 */
public class LocalModel implements ModelProvider {

    public static final String NAME = "local";
    /** Below this retrieval score a passage is not considered an answer. */
    static final double MIN_SCORE = 0.2;
    private static final int MAX_SENTENCES = 3;
    static final double STRONG_SCORE = 0.6;
    /** Sentences far below the best one are noise, however many slots are left. */
    private static final double RELATIVE_CUTOFF = 0.6;
    private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.!?])\\s+(?=[A-Z0-9\"'(\\[])|\\n+");
    private static final Set<String> STOP = Set.of("a", "an", "the", "is", "are", "was", "were", "be", "to", "of", "and", "or",
            "in", "on", "at", "for", "with", "my", "i", "me", "you", "your", "it", "this", "that", "do", "does", "did", "how",
            "what", "when", "where", "why", "who", "which", "can", "could", "would", "should", "will", "please", "there",
            "have", "has", "had", "we", "our", "us", "about", "from", "by", "as", "if", "so", "any", "some", "get", "not",
            "no", "yes", "am", "hi", "hello", "need", "want", "help", "tell", "know");

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Generation generate(GenerationRequest request) {
        String prompt = request.question() + " " + String.join(" ", request.passages().stream().map(Passage::content).toList());
        Answer answer = answer(request);
        return new Generation(answer.text(), NAME, Tokens.estimate(prompt), Tokens.estimate(answer.text()), 0.0,
                answer.cited(), answer.grounded(), List.of());
    }

    @Override
    public Generation stream(GenerationRequest request, Consumer<String> onToken) {
        Generation generation = generate(request);
        String[] words = generation.text().split("(?<=\\s)");
        for (String word : words) {
            onToken.accept(word);
        }
        return generation;
    }

    private record Answer(String text, List<Integer> cited, boolean grounded) {
    }

    private Answer answer(GenerationRequest request) {
        String agent = displayName(request.agent());
        switch (request.intent()) {
            case GREETING -> {
                return new Answer("Hello! I'm the " + agent + ". How can I help you today?", List.of(), true);
            }
            case THANKS -> {
                return new Answer("You're welcome! Is there anything else I can help you with?", List.of(), true);
            }
            case GOODBYE -> {
                return new Answer("Thank you for reaching out. Goodbye!", List.of(), true);
            }
            case HUMAN_REQUEST -> {
                return new Answer("I'm connecting you with a human agent. They will reply here as soon as possible.", List.of(), true);
            }
            default -> {
                return extract(request.question(), request.passages());
            }
        }
    }

    private Answer extract(String question, List<Passage> passages) {
        Set<String> terms = terms(question);
        record Candidate(int passage, int order, String sentence, double score) {
        }
        List<Candidate> candidates = new ArrayList<>();
        for (int p = 0; p < passages.size(); p++) {
            Passage passage = passages.get(p);
            if (passage.score() < MIN_SCORE || passage.content() == null) {
                continue;
            }
            String[] sentences = SENTENCE_END.split(passage.content().trim());
            for (int s = 0; s < sentences.length; s++) {
                String sentence = sentences[s].trim();
                if (sentence.length() < 3) {
                    continue;
                }
                Set<String> words = terms(sentence);
                long overlap = terms.stream().filter(words::contains).count();
                double coverage = terms.isEmpty() ? 0 : (double) overlap / terms.size();
                // Retrieval score ranks passages; word overlap picks the sentences within them.
                double score = passage.score() * 0.5 + coverage + (s == 0 ? 0.05 : 0);
                // A sentence without any question word only counts as the lead of a strongly matching passage
                // (vector search finds paraphrases that share no words with the question).
                if (overlap > 0 || s == 0 && passage.score() >= STRONG_SCORE) {
                    candidates.add(new Candidate(p, s, sentence, score));
                }
            }
        }
        if (candidates.isEmpty()) {
            return new Answer("I couldn't find an answer to that in the knowledge base, so I won't guess. "
                    + "Could you rephrase the question, or would you like me to connect you with a human agent?", List.of(), false);
        }
        double top = candidates.stream().mapToDouble(Candidate::score).max().orElse(0);
        List<Candidate> best = candidates.stream().filter(c -> c.score() >= top * RELATIVE_CUTOFF)
                .sorted(Comparator.comparingDouble(Candidate::score).reversed())
                .limit(MAX_SENTENCES).sorted(Comparator.comparingInt(Candidate::passage).thenComparingInt(Candidate::order)).toList();
        Map<Integer, List<String>> byPassage = new LinkedHashMap<>();
        for (Candidate c : best) {
            byPassage.computeIfAbsent(c.passage(), k -> new ArrayList<>()).add(c.sentence());
        }
        StringBuilder text = new StringBuilder();
        List<Integer> cited = new ArrayList<>();
        for (Map.Entry<Integer, List<String>> e : byPassage.entrySet()) {
            int n = e.getKey() + 1;
            cited.add(n);
            if (!text.isEmpty()) {
                text.append(' ');
            }
            text.append(String.join(" ", e.getValue())).append(" [").append(n).append(']');
        }
        text.append("\n\nSources: ");
        List<String> sources = new ArrayList<>();
        for (int n : cited) {
            sources.add("[" + n + "] " + passages.get(n - 1).source());
        }
        text.append(String.join(", ", sources));
        return new Answer(text.toString(), cited, true);
    }

    static Set<String> terms(String text) {
        Set<String> out = new HashSet<>();
        for (String w : text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
            if (w.length() > 1 && !STOP.contains(w)) {
                out.add(stem(w));
            }
        }
        return out;
    }

    /** Just enough stemming that "reset"/"resetting" and "password"/"passwords" meet. */
    private static String stem(String w) {
        for (String suffix : new String[]{"ing", "ed", "es", "s"}) {
            if (w.length() > suffix.length() + 3 && w.endsWith(suffix)) {
                return w.substring(0, w.length() - suffix.length());
            }
        }
        return w;
    }

    private static String displayName(String agent) {
        return agent == null ? "support assistant" : agent.replace('_', ' ');
    }
}
