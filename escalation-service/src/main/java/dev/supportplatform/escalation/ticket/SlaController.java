package dev.supportplatform.escalation.ticket;

import dev.supportplatform.common.service.identity.IdentityContext;
import dev.supportplatform.common.service.web.ApiException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

/** Per-tenant first-response targets; they set new tickets' estimated_response_time and SLA due time. */
@RestController
@Tag(name = "Escalation SLA targets", description = "First-response targets per priority, per tenant")
public class SlaController {

    private static final int MAX_MINUTES = 60 * 24 * 30;

    private final SlaTargets targets;

    public SlaController(SlaTargets targets) {
        this.targets = targets;
    }

    /** @param responseMinutes minutes to first human response per priority (low, medium, high, urgent) */
    public record SlaView(Map<String, Integer> responseMinutes, boolean configured) {
    }

    public record SlaUpdate(@NotEmpty Map<String, Integer> responseMinutes) {
    }

    @GetMapping("/api/escalation/sla-targets")
    @Operation(summary = "First-response targets per priority (built-in defaults where none are configured)")
    public SlaView get() {
        String tenant = IdentityContext.requireTenant();
        return view(tenant);
    }

    @PutMapping("/api/escalation/sla-targets")
    @Operation(summary = "Set first-response targets for some or all priorities; applies to tickets created afterwards")
    public SlaView put(@Valid @RequestBody SlaUpdate body) {
        String tenant = IdentityContext.requireTenant();
        Map<Priority, Integer> parsed = new EnumMap<>(Priority.class);
        body.responseMinutes().forEach((name, minutes) -> {
            Priority p = TicketController.priority(name);
            if (minutes == null || minutes < 1 || minutes > MAX_MINUTES) {
                throw ApiException.invalid("response_minutes." + name, "Target minutes must be between 1 and " + MAX_MINUTES);
            }
            parsed.put(p, minutes);
        });
        targets.save(tenant, parsed);
        return view(tenant);
    }

    private SlaView view(String tenant) {
        Map<String, Integer> minutes = new LinkedHashMap<>();
        targets.of(tenant).forEach((p, m) -> minutes.put(p.wire(), m));
        return new SlaView(minutes, targets.configured(tenant));
    }
}
