package dev.supportplatform.analytics.api;

import dev.supportplatform.analytics.figures.IntentFigures;
import dev.supportplatform.analytics.figures.Window;
import dev.supportplatform.analytics.settings.TenantSettings;
import dev.supportplatform.common.service.identity.IdentityContext;
import dev.supportplatform.common.service.web.ApiException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;

import static dev.supportplatform.analytics.figures.Figures.round;

/**
 * Top intents and unmatched messages, beside platform.md's {@code GET /api/v1/analytics} (same style, same date
 * parameters; the range defaults to the last 30 days). Definitions: analytics-service/METRICS.md.
 */
@RestController
public class IntentAnalyticsController {

    private final IntentFigures figures;
    private final TenantSettings settings;

    public IntentAnalyticsController(IntentFigures figures, TenantSettings settings) {
        this.figures = figures;
        this.settings = settings;
    }

    @GetMapping("/api/v1/analytics/intents")
    public Map<String, Object> intents(@RequestParam(name = "start_date", required = false) String startDate,
                                       @RequestParam(name = "end_date", required = false) String endDate,
                                       @RequestParam(defaultValue = "10") int limit) {
        if (limit < 1 || limit > 100) {
            throw ApiException.invalid("limit", "limit must be between 1 and 100");
        }
        String tenant = IdentityContext.requireTenant();
        ZoneId zone = settings.zone(tenant);
        Window window = Window.parse(startDate, endDate, "start_date", "end_date", zone, Window.lastDays(30, zone, Instant.now()));
        IntentFigures.IntentSums sums = figures.intents(tenant, window, limit);
        Map<String, Object> period = new LinkedHashMap<>();
        period.put("start", window.firstDay().toString());
        period.put("end", window.lastDay().toString());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("period", period);
        body.put("messages", sums.messages());
        body.put("matched", sums.matched());
        body.put("unmatched", sums.unmatched());
        body.put("unmatched_rate", round(sums.unmatchedRate(), 4));
        body.put("distinct_intents", sums.distinctIntents());
        body.put("top_intents", sums.top().stream().map(c -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("intent", c.intent());
            row.put("messages", c.messages());
            row.put("share", sums.messages() == 0 ? 0.0 : round((double) c.messages() / sums.messages(), 4));
            return row;
        }).toList());
        return body;
    }
}
