package dev.supportplatform.analytics.api;

import dev.supportplatform.analytics.figures.Figures;
import dev.supportplatform.analytics.figures.Window;
import dev.supportplatform.analytics.settings.TenantSettings;
import dev.supportplatform.common.service.identity.IdentityContext;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.supportplatform.analytics.figures.Figures.round;

/**
 * assistant.md: {@code /v1/analytics/overview|tokens|tools|sessions|ingestion}; flat bodies. Each takes optional
 * start_date/end_date; without them the range is the last 30 days (in the tenant's zone) up to now.
 */
@RestController
public class AssistantAnalyticsController {
    private final Figures figures;
    private final TenantSettings settings;

    public AssistantAnalyticsController(Figures figures, TenantSettings settings) {
        this.figures = figures;
        this.settings = settings;
    }

    private record Scope(String tenant, Window window) {
    }

    private Scope scope(String startDate, String endDate) {
        String tenant = IdentityContext.requireTenant();
        ZoneId zone = settings.zone(tenant);
        return new Scope(tenant, Window.parse(startDate, endDate, "start_date", "end_date", zone, Window.lastDays(30, zone, Instant.now())));
    }

    @GetMapping("/v1/analytics/overview")
    public Map<String, Object> overview(@RequestParam(name = "start_date", required = false) String startDate,
                                        @RequestParam(name = "end_date", required = false) String endDate) {
        Scope s = scope(startDate, endDate);
        Figures.EventSums ev = figures.events(s.tenant(), s.window());
        Figures.ConversationSums conv = figures.conversations(s.tenant(), s.window());
        Map<String, Object> period = new LinkedHashMap<>();
        period.put("start", s.window().start().truncatedTo(ChronoUnit.SECONDS).toString());
        period.put("end", s.window().end().minusSeconds(1).truncatedTo(ChronoUnit.SECONDS).toString());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("total_sessions", conv.conversations());
        body.put("total_messages", ev.messages());
        body.put("total_tokens", ev.inputTokens() + ev.outputTokens());
        body.put("total_tool_calls", ev.toolCalls());
        body.put("active_users", figures.activeUsers(s.tenant(), s.window()));
        body.put("period", period);
        return body;
    }

    @GetMapping("/v1/analytics/tokens")
    public Map<String, Object> tokens(@RequestParam(name = "start_date", required = false) String startDate,
                                      @RequestParam(name = "end_date", required = false) String endDate) {
        Scope s = scope(startDate, endDate);
        Map<String, Object> byModel = new LinkedHashMap<>();
        for (Figures.ModelSums m : figures.byModel(s.tenant(), s.window())) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("input_tokens", m.inputTokens());
            row.put("output_tokens", m.outputTokens());
            row.put("total_tokens", m.inputTokens() + m.outputTokens());
            byModel.put(m.model(), row);
        }
        Map<LocalDate, Figures.EventSums> days = figures.eventsBy(s.tenant(), s.window(), Figures.Period.DAY);
        List<Map<String, Object>> byDay = new ArrayList<>();
        for (LocalDate day : Figures.periods(s.window(), Figures.Period.DAY)) {
            Figures.EventSums ev = days.get(day);
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("date", day.toString());
            row.put("tokens", ev == null ? 0 : ev.inputTokens() + ev.outputTokens());
            byDay.add(row);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("by_model", byModel);
        body.put("by_day", byDay);
        return body;
    }

    @GetMapping("/v1/analytics/tools")
    public Map<String, Object> tools(@RequestParam(name = "start_date", required = false) String startDate,
                                     @RequestParam(name = "end_date", required = false) String endDate) {
        Scope s = scope(startDate, endDate);
        List<Map<String, Object>> tools = figures.byTool(s.tenant(), s.window()).stream().map(t -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("name", t.tool());
            row.put("calls", t.calls());
            row.put("success_rate", round((double) (t.calls() - t.errors()) / t.calls(), 4));
            row.put("avg_latency_ms", Math.round((double) t.latencyMsSum() / t.calls()));
            return row;
        }).toList();
        return Map.of("tools", tools);
    }

    @GetMapping("/v1/analytics/sessions")
    public Map<String, Object> sessions(@RequestParam(name = "start_date", required = false) String startDate,
                                        @RequestParam(name = "end_date", required = false) String endDate) {
        Scope s = scope(startDate, endDate);
        Figures.EventSums ev = figures.events(s.tenant(), s.window());
        Figures.ConversationSums conv = figures.conversations(s.tenant(), s.window());
        Map<LocalDate, Figures.EventSums> events = figures.eventsBy(s.tenant(), s.window(), Figures.Period.DAY);
        Map<LocalDate, Figures.ConversationSums> conversations = figures.conversationsBy(s.tenant(), s.window(), Figures.Period.DAY);
        List<Map<String, Object>> byDate = new ArrayList<>();
        for (LocalDate day : Figures.periods(s.window(), Figures.Period.DAY)) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("date", day.toString());
            row.put("sessions", conversations.containsKey(day) ? conversations.get(day).conversations() : 0);
            row.put("messages", events.containsKey(day) ? events.get(day).messages() : 0);
            byDate.add(row);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("total_sessions", conv.conversations());
        body.put("avg_messages_per_session", conv.conversations() == 0 ? 0.0 : round((double) conv.messages() / conv.conversations(), 1));
        body.put("avg_duration_minutes", ev.sessionsClosed() == 0 ? 0.0 : round((double) ev.sessionMinutesSum() / ev.sessionsClosed(), 1));
        body.put("by_date", byDate);
        return body;
    }

    @GetMapping("/v1/analytics/ingestion")
    public Map<String, Object> ingestion() {
        Figures.DocumentSums docs = figures.documents(IdentityContext.requireTenant());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("total_documents", docs.documents());
        body.put("total_chunks", docs.chunks());
        body.put("by_type", docs.byType());
        body.put("by_collection", docs.byCollection());
        return body;
    }
}
