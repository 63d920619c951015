package dev.supportplatform.chat.rules;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * A tenant's escalation rules as chat applies them (escalation-service owns them; see its EscalationRules).
 *
 * @param negativeSentiment     escalate when the sentiment score (-1..1) is at or below this
 * @param highComplexity        escalate a low-confidence answer when the complexity score (0..1) is at or above this
 * @param lowConfidence         an answer below this confidence counts as low-confidence
 * @param repeatedLowConfidence escalate after this many low-confidence answers in a row
 * @param policyKeywords        lower-case words or phrases that escalate with reason policy_violation
 * @param updatedAt             when the tenant last changed them; null for defaults (older than any change)
 */
public record EscalationThresholds(double negativeSentiment, double highComplexity, double lowConfidence, int repeatedLowConfidence,
                                   List<String> policyKeywords, Instant updatedAt) {

    public EscalationThresholds {
        policyKeywords = policyKeywords == null ? List.of()
                : policyKeywords.stream().map(k -> k.trim().toLowerCase(Locale.ROOT)).filter(k -> !k.isEmpty()).toList();
    }

    /** Whether these are at least as recent as {@code other} (a change is never replaced by an older copy). */
    boolean notOlderThan(EscalationThresholds other) {
        return other.updatedAt == null || (updatedAt != null && !updatedAt.isBefore(other.updatedAt));
    }
}
