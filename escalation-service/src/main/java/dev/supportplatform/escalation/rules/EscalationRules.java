package dev.supportplatform.escalation.rules;

import java.time.Instant;
import java.util.List;

/**
 * When chat-service hands a conversation to a human. chat reads these per tenant (GET /api/escalation/rules).
 *
 * @param negativeSentimentThreshold escalate when the sentiment score (-1..1) is at or below this
 * @param complexityThreshold        escalate when the complexity score (0..1) is at or above this
 * @param confidenceThreshold        an answer below this confidence (0..1) counts as low-confidence
 * @param repeatedLowConfidenceCount escalate after this many low-confidence answers in a row
 * @param policyKeywords             words or phrases that escalate with reason policy_violation
 * @param updatedAt                  null while the tenant uses the defaults
 */
public record EscalationRules(double negativeSentimentThreshold, double complexityThreshold, double confidenceThreshold,
                              int repeatedLowConfidenceCount, List<String> policyKeywords, Instant updatedAt) {

    public static final EscalationRules DEFAULTS = new EscalationRules(-0.5, 0.8, 0.75, 2,
            List.of("refund", "chargeback", "lawyer", "legal action", "gdpr", "data breach", "cancel my account"), null);
}
