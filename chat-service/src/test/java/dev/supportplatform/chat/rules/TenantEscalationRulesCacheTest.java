package dev.supportplatform.chat.rules;

import dev.supportplatform.common.identity.Identity;
import dev.supportplatform.common.service.identity.IdentityContext;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/** The copy's lifetime and what applies while escalation-service cannot be reached, on a clock the test moves. */
class TenantEscalationRulesCacheTest {

    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-03-01T10:00:00Z"));
    private final AtomicInteger reads = new AtomicInteger();
    private final AtomicReference<RuntimeException> outage = new AtomicReference<>();

    private final EscalationRulesClient escalation = () -> {
        reads.incrementAndGet();
        if (outage.get() != null) {
            throw outage.get();
        }
        return new EscalationRulesClient.Rules(0.5, 0.7, 0.45, 3, List.of("refund"), "2026-02-01T00:00:00Z");
    };

    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    };

    private final TenantEscalationRules rules = new TenantEscalationRules(escalation, -0.6, 0.7, 0.45, 3, List.of("lawsuit"),
            Duration.ofMinutes(10), Duration.ofSeconds(30), clock);

    private EscalationThresholds current() {
        return IdentityContext.callAs(new Identity("t-1", "test", Set.of(), "test"), rules::current);
    }

    private void later(Duration d) {
        now.set(now.get().plus(d));
    }

    @Test
    void theCopyIsReadOnceAndAgainOnlyAfterItsLifetime() {
        assertThat(current().negativeSentiment()).isEqualTo(0.5);
        later(Duration.ofMinutes(9));
        assertThat(current().policyKeywords()).containsExactly("refund");
        assertThat(reads).hasValue(1);
        later(Duration.ofMinutes(2));
        current();
        assertThat(reads).hasValue(2);
    }

    @Test
    void duringAnOutageTheLastKnownRulesApplyAndAreAskedForAgainAfterTheRetryPause() {
        current();
        later(Duration.ofMinutes(11));
        outage.set(new IllegalStateException("escalation-service down"));
        assertThat(current().negativeSentiment()).as("the last known rules, not the defaults").isEqualTo(0.5);
        later(Duration.ofSeconds(10));
        current();
        assertThat(reads).as("not asked again within the retry pause").hasValue(2);
        later(Duration.ofSeconds(30));
        current();
        assertThat(reads).hasValue(3);
    }

    @Test
    void aTenantNotSeenBeforeGetsTheConfiguredDefaultsWhileEscalationIsDown() {
        outage.set(new IllegalStateException("escalation-service down"));
        assertThat(current().negativeSentiment()).isEqualTo(-0.6);
        assertThat(current().policyKeywords()).containsExactly("lawsuit");
        outage.set(null);
        later(Duration.ofSeconds(31));
        assertThat(current().negativeSentiment()).as("once it is back").isEqualTo(0.5);
    }

    @Test
    void aChangeReplacesTheCopyButAnOlderOneDoesNot() {
        current();
        rules.changed("t-1", new EscalationThresholds(-0.9, 0.7, 0.45, 3, List.of(), Instant.parse("2026-02-15T00:00:00Z")));
        rules.changed("t-1", new EscalationThresholds(0.9, 0.7, 0.45, 3, List.of(), Instant.parse("2026-01-15T00:00:00Z")));
        assertThat(current().negativeSentiment()).isEqualTo(-0.9);
        assertThat(reads).hasValue(1);
    }
}
