package dev.supportplatform.chat.turn;

import dev.supportplatform.chat.rules.EscalationThresholds;
import dev.supportplatform.chat.rules.TenantEscalationRules;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Whether a turn hands the conversation to a human, with support.md's reasons: manual_request, policy_violation,
 * negative_sentiment, high_complexity (only with low confidence) and repeated_failures (consecutive low-confidence
 * answers). Thresholds and policy keywords are the tenant's escalation rules, owned by escalation-service
 * ({@link TenantEscalationRules}).
 */
@Component
public class EscalationPolicy {

    private final Supplier<EscalationThresholds> thresholds;

    @Autowired
    public EscalationPolicy(TenantEscalationRules rules) {
        this.thresholds = rules::current;
    }

    /** Fixed thresholds, the same for every tenant. */
    public EscalationPolicy(double negativeSentiment, double highComplexity, double lowConfidence, int repeatedLowConfidence,
                            List<String> policyKeywords) {
        EscalationThresholds fixed = new EscalationThresholds(negativeSentiment, highComplexity, lowConfidence, repeatedLowConfidence,
                policyKeywords, null);
        this.thresholds = () -> fixed;
    }

    public record Decision(String reason, String priority) {
    }

    public boolean lowConfidence(double confidence) {
        return confidence < thresholds.get().lowConfidence();
    }

    /** @param lowConfidenceStreak consecutive low-confidence answers before this one */
    public Optional<Decision> decide(String text, Intent intent, double sentiment, double complexity, double confidence,
                                     int lowConfidenceStreak) {
        EscalationThresholds rules = thresholds.get();
        String lower = text.toLowerCase(Locale.ROOT);
        if (intent == Intent.HUMAN_REQUEST) {
            return Optional.of(new Decision("manual_request", "medium"));
        }
        if (rules.policyKeywords().stream().anyMatch(lower::contains)) {
            return Optional.of(new Decision("policy_violation", "urgent"));
        }
        if (sentiment <= rules.negativeSentiment()) {
            // The score is calibrated to human ratings (SentimentModel: mean rating / 4): -0.7 is about -3 on -4..+4.
            return Optional.of(new Decision("negative_sentiment", sentiment <= -0.7 ? "urgent" : "high"));
        }
        boolean low = confidence < rules.lowConfidence();
        if (complexity >= rules.highComplexity() && low) {
            return Optional.of(new Decision("high_complexity", "medium"));
        }
        if (low && lowConfidenceStreak + 1 >= rules.repeatedLowConfidence()) {
            return Optional.of(new Decision("repeated_failures", "medium"));
        }
        return Optional.empty();
    }
}
