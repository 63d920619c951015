package dev.supportplatform.escalation.rules;

import java.time.Instant;
import java.util.List;

/**
 * When chat-service hands a conversation to a human. chat applies these per tenant: it reads them here (GET
 * /api/escalation/rules) when it has no copy and replaces its copy on escalation.rules_updated.
 *
 * @param negativeSentimentThreshold escalate when the sentiment score (-1..1) is at or below this
 * @param complexityThreshold        escalate when the complexity score (0..1) is at or above this and the answer is
 *                                   low-confidence
 * @param confidenceThreshold        an answer below this confidence (0..1) counts as low-confidence
 * @param repeatedLowConfidenceCount escalate after this many low-confidence answers in a row
 * @param policyKeywords             words or phrases that escalate with reason policy_violation
 * @param updatedAt                  null while the tenant uses the defaults
 */
public record EscalationRules(double negativeSentimentThreshold, double complexityThreshold, double confidenceThreshold,
                              int repeatedLowConfidenceCount, List<String> policyKeywords, Instant updatedAt) {

    /**
     * The rules of a tenant that configured none: the thresholds chat-service's scoring was tuned with (its
     * {@code platform.escalation.*} settings, which it falls back to only while this service cannot be reached).
     */
    public static final EscalationRules DEFAULTS = new EscalationRules(-0.5, 0.7, 0.45, 3,
            List.of("lawsuit", "lawyer", "attorney", "legal action", "sue you", "chargeback", "fraud", "data breach", "gdpr request",
                    "discrimination", "harassment"), null);
}
