package dev.supportplatform.chat.rules;

import dev.supportplatform.common.service.identity.IdentityContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Each tenant's escalation rules, owned by escalation-service and kept here in memory so that a turn never waits
 * for them: the first turn of a tenant asks escalation-service (chat already calls it, so no new direction), and every
 * change arrives as escalation.rules_updated on every chat instance ({@link EscalationRulesListener}) and replaces
 * the copy at once. The copy also expires after {@code platform.escalation.rules-ttl}, a safety net for a missed
 * event. While escalation-service cannot be reached, the last known rules (or, for a tenant not seen yet, the
 * {@code platform.escalation.*} settings) apply, and it is asked again after {@code platform.escalation.rules-retry}.
 */
@Component
public class TenantEscalationRules {

    private static final Logger log = LoggerFactory.getLogger(TenantEscalationRules.class);

    private record Copy(EscalationThresholds rules, Instant expires) {
    }

    private final EscalationRulesClient escalation;
    private final EscalationThresholds fallback;
    private final Duration ttl;
    private final Duration retry;
    private final Clock clock;
    private final Map<String, Copy> copies = new ConcurrentHashMap<>();

    public TenantEscalationRules(EscalationRulesClient escalation,
                                 @Value("${platform.escalation.negative-sentiment:-0.5}") double negativeSentiment,
                                 @Value("${platform.escalation.high-complexity:0.7}") double highComplexity,
                                 @Value("${platform.escalation.low-confidence:0.45}") double lowConfidence,
                                 @Value("${platform.escalation.repeated-low-confidence:3}") int repeatedLowConfidence,
                                 @Value("${platform.escalation.policy-keywords:lawsuit,lawyer,attorney,legal action,sue you,chargeback,fraud,data breach,gdpr request,discrimination,harassment}")
                                 List<String> policyKeywords,
                                 @Value("${platform.escalation.rules-ttl:10m}") Duration ttl,
                                 @Value("${platform.escalation.rules-retry:30s}") Duration retry,
                                 Clock clock) {
        this.escalation = escalation;
        this.fallback = new EscalationThresholds(negativeSentiment, highComplexity, lowConfidence, repeatedLowConfidence, policyKeywords, null);
        this.ttl = ttl;
        this.retry = retry;
        this.clock = clock;
    }

    /** The rules of the tenant the current request or event runs for. */
    public EscalationThresholds current() {
        String tenant = IdentityContext.requireTenant();
        Copy copy = copies.get(tenant);
        Instant now = clock.instant();
        if (copy != null && now.isBefore(copy.expires())) {
            return copy.rules();
        }
        try {
            EscalationThresholds fetched = toThresholds(escalation.rules());
            return keep(tenant, fetched, now.plus(ttl));
        } catch (RuntimeException e) {
            // A copy that merely expired is still the tenant's last known rules: better than the configured defaults.
            EscalationThresholds meanwhile = copy != null ? copy.rules() : fallback;
            log.warn("Escalation rules of tenant {} unavailable ({}); using {} for {}", tenant, e.getClass().getSimpleName(),
                    copy != null ? "the last known ones" : "the configured defaults", retry);
            copies.put(tenant, new Copy(meanwhile, now.plus(retry)));
            return meanwhile;
        }
    }

    /** A change published by escalation-service: replaces this instance's copy unless it already holds a newer one. */
    public void changed(String tenant, EscalationThresholds rules) {
        keep(tenant, rules, clock.instant().plus(ttl));
    }

    /** The copy held for {@code tenant}, if any (expired or not). */
    java.util.Optional<EscalationThresholds> held(String tenant) {
        return java.util.Optional.ofNullable(copies.get(tenant)).map(Copy::rules);
    }

    /** Stores {@code rules} unless a newer change is already held; returns what is held afterwards. */
    private EscalationThresholds keep(String tenant, EscalationThresholds rules, Instant expires) {
        return copies.compute(tenant, (t, held) -> held == null || held.rules() == fallback || rules.notOlderThan(held.rules())
                ? new Copy(rules, expires) : new Copy(held.rules(), expires)).rules();
    }

    private EscalationThresholds toThresholds(EscalationRulesClient.Rules r) {
        if (r == null) {
            return fallback;
        }
        return new EscalationThresholds(
                r.negativeSentimentThreshold() != null ? r.negativeSentimentThreshold() : fallback.negativeSentiment(),
                r.complexityThreshold() != null ? r.complexityThreshold() : fallback.highComplexity(),
                r.confidenceThreshold() != null ? r.confidenceThreshold() : fallback.lowConfidence(),
                r.repeatedLowConfidenceCount() != null ? r.repeatedLowConfidenceCount() : fallback.repeatedLowConfidence(),
                r.policyKeywords() != null ? r.policyKeywords() : fallback.policyKeywords(),
                r.updatedAt() == null ? null : Instant.parse(r.updatedAt()));
    }
}
