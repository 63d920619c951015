package dev.supportplatform.escalation.rules;

import dev.supportplatform.common.events.EventEnvelope;
import dev.supportplatform.common.events.payload.EscalationEvents;
import dev.supportplatform.common.service.events.OutboxWriter;
import dev.supportplatform.common.service.identity.IdentityContext;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.sql.Array;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;

/** Per-tenant escalation rules and thresholds; a tenant that configured none gets {@link EscalationRules#DEFAULTS}. */
@RestController
@Tag(name = "Escalation rules", description = "Per-tenant thresholds chat-service applies to decide a hand-off")
public class RulesController {

    private final JdbcTemplate jdbc;
    private final OutboxWriter outbox;

    public RulesController(JdbcTemplate jdbc, OutboxWriter outbox) {
        this.jdbc = jdbc;
        this.outbox = outbox;
    }

    @GetMapping("/api/escalation/rules")
    @Operation(summary = "The tenant's escalation rules (defaults when none are configured; updated_at is then null)")
    public EscalationRules get() {
        return load(IdentityContext.requireTenant());
    }

    /** Fields left out keep their current value. */
    public record RulesUpdate(@DecimalMin("-1.0") @DecimalMax("1.0") Double negativeSentimentThreshold,
                              @DecimalMin("0.0") @DecimalMax("1.0") Double complexityThreshold,
                              @DecimalMin("0.0") @DecimalMax("1.0") Double confidenceThreshold,
                              @Min(1) @Max(100) Integer repeatedLowConfidenceCount,
                              @Size(max = 200) List<@NotBlank @Size(max = 100) String> policyKeywords) {
    }

    @PutMapping("/api/escalation/rules")
    @Transactional
    @Operation(summary = "Change some or all of the tenant's escalation rules",
            description = "Published as escalation.rules_updated: chat-service applies the new rules from its next turn on.")
    public EscalationRules put(@Valid @RequestBody RulesUpdate body) {
        String tenant = IdentityContext.requireTenant();
        EscalationRules current = load(tenant);
        EscalationRules next = new EscalationRules(
                body.negativeSentimentThreshold() != null ? body.negativeSentimentThreshold() : current.negativeSentimentThreshold(),
                body.complexityThreshold() != null ? body.complexityThreshold() : current.complexityThreshold(),
                body.confidenceThreshold() != null ? body.confidenceThreshold() : current.confidenceThreshold(),
                body.repeatedLowConfidenceCount() != null ? body.repeatedLowConfidenceCount() : current.repeatedLowConfidenceCount(),
                body.policyKeywords() != null ? body.policyKeywords().stream().map(String::trim).distinct().toList() : current.policyKeywords(),
                Instant.now().truncatedTo(ChronoUnit.MICROS));
        jdbc.update("insert into escalation_rules (tenant_id, negative_sentiment_threshold, complexity_threshold, confidence_threshold, "
                        + "repeated_low_confidence_count, policy_keywords, updated_at) values (?, ?, ?, ?, ?, ?, ?) "
                        + "on conflict (tenant_id) do update set negative_sentiment_threshold = excluded.negative_sentiment_threshold, "
                        + "complexity_threshold = excluded.complexity_threshold, confidence_threshold = excluded.confidence_threshold, "
                        + "repeated_low_confidence_count = excluded.repeated_low_confidence_count, "
                        + "policy_keywords = excluded.policy_keywords, updated_at = excluded.updated_at",
                tenant, next.negativeSentimentThreshold(), next.complexityThreshold(), next.confidenceThreshold(),
                next.repeatedLowConfidenceCount(), next.policyKeywords().toArray(String[]::new), Timestamp.from(next.updatedAt()));
        // chat-service keeps a copy per tenant; this replaces it on every instance.
        outbox.publish(EventEnvelope.of(tenant, tenant, new EscalationEvents.RulesUpdated(next.negativeSentimentThreshold(),
                next.complexityThreshold(), next.confidenceThreshold(), next.repeatedLowConfidenceCount(), next.policyKeywords(),
                next.updatedAt().toString())));
        return next;
    }

    private EscalationRules load(String tenant) {
        return jdbc.query("select negative_sentiment_threshold, complexity_threshold, confidence_threshold, "
                        + "repeated_low_confidence_count, policy_keywords, updated_at from escalation_rules where tenant_id = ?",
                (rs, i) -> {
                    Array keywords = rs.getArray(5);
                    return new EscalationRules(rs.getDouble(1), rs.getDouble(2), rs.getDouble(3), rs.getInt(4),
                            Arrays.asList((String[]) keywords.getArray()), rs.getTimestamp(6).toInstant());
                }, tenant).stream().findFirst().orElse(EscalationRules.DEFAULTS);
    }
}
