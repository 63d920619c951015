package dev.supportplatform.analytics.api;

import dev.supportplatform.analytics.figures.Figures;
import dev.supportplatform.analytics.figures.SubjectFigures;
import dev.supportplatform.analytics.figures.Window;
import dev.supportplatform.analytics.sample.SampleMetrics;
import dev.supportplatform.analytics.settings.TenantSettings;
import dev.supportplatform.analytics.status.ServiceHeartbeat;
import dev.supportplatform.common.service.identity.IdentityContext;
import dev.supportplatform.common.service.web.ApiException;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;

import static dev.supportplatform.analytics.figures.Figures.round;

/** support.md: {@code /api/metrics}, {@code /api/metrics/session/{id}}, {@code /api/status}, {@code /api/test/metrics}; flat bodies. */
@RestController
public class SupportMetricsController {
    private static final Map<String, Duration> TIMEFRAMES = Map.of("hour", Duration.ofHours(1), "day", Duration.ofDays(1),
            "week", Duration.ofDays(7), "month", Duration.ofDays(30));

    private final Figures figures;
    private final SubjectFigures subjects;
    private final TenantSettings settings;
    private final ServiceHeartbeat heartbeat;
    private final KafkaListenerEndpointRegistry listeners;
    private final SampleMetrics sample;

    public SupportMetricsController(Figures figures, SubjectFigures subjects, TenantSettings settings, ServiceHeartbeat heartbeat,
                                    KafkaListenerEndpointRegistry listeners, SampleMetrics sample) {
        this.figures = figures;
        this.subjects = subjects;
        this.settings = settings;
        this.heartbeat = heartbeat;
        this.listeners = listeners;
        this.sample = sample;
    }

    @GetMapping("/api/metrics")
    public Map<String, Object> metrics(@RequestParam(required = false) String timeframe,
                                       @RequestParam(name = "start_date", required = false) String startDate,
                                       @RequestParam(name = "end_date", required = false) String endDate) {
        String tenant = IdentityContext.requireTenant();
        return metricsOf(tenant, timeframe, startDate, endDate, figures, settings.zone(tenant));
    }

    /** The /api/metrics body of a tenant; also used for the sample tenant of /api/test/metrics. */
    public static Map<String, Object> metricsOf(String tenant, String timeframe, String startDate, String endDate, Figures figures, ZoneId zone) {
        String frame = timeframe == null || timeframe.isBlank() ? "day" : timeframe.trim().toLowerCase();
        Duration length = TIMEFRAMES.get(frame);
        if (length == null) {
            throw ApiException.invalid("timeframe", "timeframe must be one of hour, day, week, month");
        }
        Instant now = Instant.now();
        Window window = Window.parse(startDate, endDate, "start_date", "end_date", zone, Window.of(now.minus(length), now.plusSeconds(1), zone));
        Figures.EventSums ev = figures.events(tenant, window);
        Figures.ConversationSums conv = figures.conversations(tenant, window);

        Map<String, Object> modelUsage = new LinkedHashMap<>();
        Map<String, Object> costByModel = new LinkedHashMap<>();
        for (Figures.ModelSums m : figures.byModel(tenant, window)) {
            modelUsage.put(m.model(), m.answers());
            costByModel.put(m.model(), round(m.costUsd(), 6));
        }
        Map<String, Object> sentiment = new LinkedHashMap<>();
        sentiment.put("positive", ev.sentimentPositive());
        sentiment.put("neutral", ev.sentimentNeutral());
        sentiment.put("negative", ev.sentimentNegative());
        Map<String, Object> cost = new LinkedHashMap<>();
        cost.put("total_cost", round(ev.costUsd(), 6));
        cost.put("cost_per_query", ev.userMessages() == 0 ? 0.0 : round(ev.costUsd() / ev.userMessages(), 6));
        cost.put("cost_by_model", costByModel);

        Map<String, Object> body = new LinkedHashMap<>();
        body.put("timeframe", frame);
        body.put("total_queries", ev.userMessages());
        body.put("avg_response_time_ms", ev.avgResponseMs() == null ? 0.0 : round(ev.avgResponseMs(), 2));
        body.put("model_usage", modelUsage);
        body.put("sentiment_distribution", sentiment);
        body.put("escalation_rate", round(conv.escalationRate(), 4));
        // Not in support.md's example: tickets whose first-response target passed unmet in the range (escalation.sla_breached).
        body.put("sla_breaches", ev.slaBreaches());
        body.put("cache_hit_rate", ev.cacheHitRate() == null ? 0.0 : round(ev.cacheHitRate(), 4));
        body.put("cost_metrics", cost);
        return body;
    }

    @GetMapping("/api/metrics/session/{sessionId}")
    public Map<String, Object> session(@PathVariable String sessionId) {
        String tenant = IdentityContext.requireTenant();
        SubjectFigures.ConversationRow c = subjects.conversation(tenant, sessionId)
                .orElseThrow(() -> ApiException.notFound("Session not found", "No metrics for session " + sessionId));
        SubjectFigures.MessageStats stats = subjects.messageStats(tenant, c);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("session_id", sessionId);
        body.put("total_messages", stats.messages());
        body.put("avg_sentiment", round(stats.avgSentiment(), 4));
        body.put("avg_complexity", round(stats.avgComplexity(), 4));
        body.put("models_used", stats.models());
        body.put("total_response_time_ms", stats.totalResponseMs());
        body.put("escalated", c.escalated());
        body.put("satisfaction_score", round(subjects.satisfactionOfConversation(tenant, c), 2));
        return body;
    }

    @GetMapping("/api/status")
    public Map<String, Object> status() {
        String tenant = IdentityContext.requireTenant();
        Instant now = Instant.now();
        Figures.EventSums lastHour = figures.events(tenant, Window.of(now.minus(Duration.ofHours(1)), now.plusSeconds(1), settings.zone(tenant)));
        MessageListenerContainer consumer = listeners.getListenerContainer("analytics-facts");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("system_status", consumer != null && consumer.isRunning() ? "operational" : "degraded");
        body.put("active_sessions", figures.conversationsActiveSince(tenant, now.minus(Duration.ofMinutes(30))));
        body.put("queue_length", figures.openTickets(tenant));
        // Not in support.md's example: open or assigned tickets already past their first-response target.
        body.put("sla_breached_tickets", figures.breachedActiveTickets(tenant));
        body.put("avg_response_time_ms", lastHour.avgResponseMs() == null ? 0.0 : round(lastHour.avgResponseMs(), 2));
        body.put("error_rate", lastHour.toolErrorRate() == null ? 0.0 : round(lastHour.toolErrorRate(), 4));
        body.put("last_deployment", heartbeat.startedAt().toString());
        body.put("maintenance_window", null);
        return body;
    }

    @GetMapping("/api/test/metrics")
    public Map<String, Object> testMetrics() {
        return sample.generate(IdentityContext.requireTenant());
    }
}
