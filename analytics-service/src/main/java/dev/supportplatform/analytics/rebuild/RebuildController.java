package dev.supportplatform.analytics.rebuild;

import dev.supportplatform.common.dialect.Envelopes;
import dev.supportplatform.common.identity.Scopes;
import dev.supportplatform.common.service.identity.IdentityContext;
import dev.supportplatform.common.service.web.ApiException;
import dev.supportplatform.common.service.web.RequestTiming;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** Operator action: rebuild the calling tenant's analytics from the Kafka topics (admin only; agents.md envelope). */
@RestController
public class RebuildController {
    private final RebuildService rebuild;

    public RebuildController(RebuildService rebuild) {
        this.rebuild = rebuild;
    }

    @PostMapping("/admin/analytics/rebuild")
    public Map<String, Object> rebuild() {
        if (!IdentityContext.require().hasScope(Scopes.ADMIN)) {
            throw ApiException.forbidden("Admin access required");
        }
        RebuildService.Result result = rebuild.rebuild(IdentityContext.requireTenant());
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("records_read", result.recordsRead());
        data.put("tenant_events", result.tenantEvents());
        data.put("applied", result.applied());
        data.put("duration_ms", result.durationMs());
        return Envelopes.agents(data, RequestTiming.currentElapsedSeconds(), Instant.now());
    }
}
