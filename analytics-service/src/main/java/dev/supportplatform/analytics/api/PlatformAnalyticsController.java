package dev.supportplatform.analytics.api;

import dev.supportplatform.analytics.figures.Figures;
import dev.supportplatform.analytics.figures.Window;
import dev.supportplatform.analytics.settings.TenantSettings;
import dev.supportplatform.common.service.identity.IdentityContext;
import dev.supportplatform.common.service.web.ApiException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;

import static dev.supportplatform.analytics.figures.Figures.round;

/** platform.md: {@code GET /api/v1/analytics}; plus the tenant's analytics time zone at {@code /api/v1/analytics/settings}. */
@RestController
public class PlatformAnalyticsController {

    /** Every metric by name, computed from the event and conversation sums of a range. */
    private static final Map<String, BiFunction<Figures.EventSums, Figures.ConversationSums, Object>> METRICS = new LinkedHashMap<>();
    private static final Map<String, String> ALIASES = Map.of("conversations", "total_conversations", "messages", "total_messages",
            "tokens", "total_tokens", "cost", "total_cost", "satisfaction", "customer_satisfaction", "response_time", "avg_response_time");
    private static final List<String> DEFAULT_METRICS = List.of("total_conversations", "ai_resolved", "escalated", "resolution_rate",
            "avg_response_time", "customer_satisfaction");

    static {
        METRICS.put("total_conversations", (e, c) -> c.conversations());
        METRICS.put("ai_resolved", (e, c) -> c.aiResolved());
        METRICS.put("escalated", (e, c) -> c.escalated());
        METRICS.put("resolution_rate", (e, c) -> round(c.resolutionRate(), 4));
        METRICS.put("escalation_rate", (e, c) -> round(c.escalationRate(), 4));
        METRICS.put("avg_response_time", (e, c) -> e.avgResponseMs() == null ? 0.0 : round(e.avgResponseMs() / 1000.0, 3));
        METRICS.put("customer_satisfaction", (e, c) -> round(e.satisfaction(), 2));
        METRICS.put("total_messages", (e, c) -> e.messages());
        METRICS.put("total_tokens", (e, c) -> e.inputTokens() + e.outputTokens());
        METRICS.put("total_cost", (e, c) -> round(e.costUsd(), 6));
        METRICS.put("cache_hit_rate", (e, c) -> e.cacheHitRate() == null ? 0.0 : round(e.cacheHitRate(), 4));
        METRICS.put("sla_breaches", (e, c) -> e.slaBreaches());
    }

    private final Figures figures;
    private final TenantSettings settings;

    public PlatformAnalyticsController(Figures figures, TenantSettings settings) {
        this.figures = figures;
        this.settings = settings;
    }

    @GetMapping("/api/v1/analytics")
    public Map<String, Object> analytics(@RequestParam(name = "start_date", required = false) String startDate,
                                         @RequestParam(name = "end_date", required = false) String endDate,
                                         @RequestParam(required = false) String metrics,
                                         @RequestParam(name = "group_by", required = false) String groupBy) {
        if (startDate == null || startDate.isBlank()) {
            throw ApiException.invalid("start_date", "start_date is required");
        }
        if (endDate == null || endDate.isBlank()) {
            throw ApiException.invalid("end_date", "end_date is required");
        }
        List<String> selected = selectedMetrics(metrics);
        Figures.Period period = period(groupBy);
        String tenant = IdentityContext.requireTenant();
        ZoneId zone = settings.zone(tenant);
        Window window = Window.parse(startDate, endDate, "start_date", "end_date", zone, Window.lastDays(1, zone, Instant.now()));

        Figures.EventSums ev = figures.events(tenant, window);
        Figures.ConversationSums conv = figures.conversations(tenant, window);
        Map<String, Object> values = new LinkedHashMap<>();
        for (String name : selected) {
            values.put(name, METRICS.get(name).apply(ev, conv));
        }

        Map<LocalDate, Figures.EventSums> events = figures.eventsBy(tenant, window, period);
        Map<LocalDate, Figures.ConversationSums> conversations = figures.conversationsBy(tenant, window, period);
        Figures.EventSums noEvents = Figures.EventSums.NONE;
        Figures.ConversationSums noConversations = new Figures.ConversationSums(0, 0, 0, 0, 0);
        List<Map<String, Object>> breakdown = new ArrayList<>();
        for (LocalDate date : Figures.periods(window, period)) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("date", date.toString());
            for (String name : selected) {
                row.put(name.startsWith("total_") ? name.substring(6) : name,
                        METRICS.get(name).apply(events.getOrDefault(date, noEvents), conversations.getOrDefault(date, noConversations)));
            }
            breakdown.add(row);
        }

        Map<String, Object> periodBody = new LinkedHashMap<>();
        periodBody.put("start", window.firstDay().toString());
        periodBody.put("end", window.lastDay().toString());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("period", periodBody);
        body.put("metrics", values);
        body.put("daily_breakdown", breakdown);
        return body;
    }

    private static List<String> selectedMetrics(String metrics) {
        if (metrics == null || metrics.isBlank()) {
            return DEFAULT_METRICS;
        }
        Set<String> selected = new LinkedHashSet<>();
        for (String raw : metrics.split(",")) {
            String name = raw.trim().toLowerCase(Locale.ROOT);
            if (name.isEmpty()) {
                continue;
            }
            String canonical = ALIASES.getOrDefault(name, name);
            if (!METRICS.containsKey(canonical)) {
                throw ApiException.invalid("metrics", "Unknown metric '" + (name.length() > 40 ? name.substring(0, 40) : name)
                        + "'; known metrics: " + String.join(", ", METRICS.keySet()));
            }
            selected.add(canonical);
        }
        if (selected.isEmpty()) {
            throw ApiException.invalid("metrics", "metrics lists no metric");
        }
        return List.copyOf(selected);
    }

    private static Figures.Period period(String groupBy) {
        if (groupBy == null || groupBy.isBlank()) {
            return Figures.Period.DAY;
        }
        return switch (groupBy.trim().toLowerCase(Locale.ROOT)) {
            case "day" -> Figures.Period.DAY;
            case "week" -> Figures.Period.WEEK;
            case "month" -> Figures.Period.MONTH;
            default -> throw ApiException.invalid("group_by", "group_by must be one of day, week, month");
        };
    }

    public record SettingsBody(String timeZone) {
    }

    @GetMapping("/api/v1/analytics/settings")
    public Map<String, Object> settings() {
        return Map.of("time_zone", settings.zone(IdentityContext.requireTenant()).getId());
    }

    /** Sets the zone the tenant's days, weeks and months are counted in; figures follow at once (rollups are zone-free). */
    @PutMapping("/api/v1/analytics/settings")
    public Map<String, Object> updateSettings(@RequestBody SettingsBody body) {
        if (body == null || body.timeZone() == null || body.timeZone().isBlank()) {
            throw ApiException.invalid("time_zone", "time_zone is required, e.g. Europe/Paris");
        }
        try {
            return Map.of("time_zone", settings.setZone(IdentityContext.requireTenant(), body.timeZone().trim()).getId());
        } catch (DateTimeException e) {
            throw ApiException.invalid("time_zone", "Unknown time zone '" + body.timeZone() + "'; use an IANA zone id such as Europe/Paris");
        }
    }
}
