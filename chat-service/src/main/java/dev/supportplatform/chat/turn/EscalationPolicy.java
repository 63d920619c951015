package dev.supportplatform.chat.turn;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Whether a turn hands the conversation to a human, with support.md's reasons: manual_request, policy_violation,
 * negative_sentiment, high_complexity (only with low confidence) and repeated_failures (consecutive low-confidence
 * answers). Thresholds and policy keywords are settings ({@code platform.escalation.*}).
 */
@Component
public class EscalationPolicy {

    private final double negativeSentiment;
    private final double highComplexity;
    private final double lowConfidence;
    private final int repeatedLowConfidence;
    private final List<String> policyKeywords;

    // The sentiment score is calibrated to human ratings (SentimentModel: mean rating / 4), so -0.5 is a mean rating
    // of -2 on -4..+4, "clearly negative", and -0.7 (urgent) about -3.
    public EscalationPolicy(@Value("${platform.escalation.negative-sentiment:-0.5}") double negativeSentiment,
                            @Value("${platform.escalation.high-complexity:0.7}") double highComplexity,
                            @Value("${platform.escalation.low-confidence:0.45}") double lowConfidence,
                            @Value("${platform.escalation.repeated-low-confidence:3}") int repeatedLowConfidence,
                            @Value("${platform.escalation.policy-keywords:lawsuit,lawyer,attorney,legal action,sue you,chargeback,fraud,data breach,gdpr request,discrimination,harassment}")
                            List<String> policyKeywords) {
        this.negativeSentiment = negativeSentiment;
        this.highComplexity = highComplexity;
        this.lowConfidence = lowConfidence;
        this.repeatedLowConfidence = repeatedLowConfidence;
        this.policyKeywords = policyKeywords.stream().map(k -> k.trim().toLowerCase(Locale.ROOT)).filter(k -> !k.isEmpty()).toList();
    }

    public record Decision(String reason, String priority) {
    }

    public boolean lowConfidence(double confidence) {
        return confidence < lowConfidence;
    }

    /** @param lowConfidenceStreak consecutive low-confidence answers before this one */
    public Optional<Decision> decide(String text, Intent intent, double sentiment, double complexity, double confidence,
                                     int lowConfidenceStreak) {
        String lower = text.toLowerCase(Locale.ROOT);
        if (intent == Intent.HUMAN_REQUEST) {
            return Optional.of(new Decision("manual_request", "medium"));
        }
        if (policyKeywords.stream().anyMatch(lower::contains)) {
            return Optional.of(new Decision("policy_violation", "urgent"));
        }
        if (sentiment <= negativeSentiment) {
            return Optional.of(new Decision("negative_sentiment", sentiment <= -0.7 ? "urgent" : "high"));
        }
        boolean low = lowConfidence(confidence);
        if (complexity >= highComplexity && low) {
            return Optional.of(new Decision("high_complexity", "medium"));
        }
        if (low && lowConfidenceStreak + 1 >= repeatedLowConfidence) {
            return Optional.of(new Decision("repeated_failures", "medium"));
        }
        return Optional.empty();
    }
}
