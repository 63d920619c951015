package dev.supportplatform.analytics.api;

import dev.supportplatform.analytics.figures.Figures;
import dev.supportplatform.analytics.figures.Window;
import dev.supportplatform.analytics.settings.TenantSettings;
import dev.supportplatform.common.dialect.Envelopes;
import dev.supportplatform.common.identity.Scopes;
import dev.supportplatform.common.service.identity.IdentityContext;
import dev.supportplatform.common.service.web.ApiException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.supportplatform.analytics.figures.Figures.round;

/** conversations.md: {@code /chat/analytics/dashboard} and the admin-only {@code /chat/analytics/global}, in the {success, message, data} envelope. */
@RestController
public class ConversationsAnalyticsController {
    private final Figures figures;
    private final TenantSettings settings;

    public ConversationsAnalyticsController(Figures figures, TenantSettings settings) {
        this.figures = figures;
        this.settings = settings;
    }

    @GetMapping("/chat/analytics/dashboard")
    public Map<String, Object> dashboard() {
        String tenant = IdentityContext.requireTenant();
        ZoneId zone = settings.zone(tenant);
        Instant now = Instant.now();
        Window all = Window.allTime(zone, now);
        Window month = Window.lastDays(30, zone, now);
        Figures.EventSums ev = figures.events(tenant, all);
        Figures.ConversationSums conv = figures.conversations(tenant, all);

        Map<String, Object> mostActive = figures.answersByAgent(tenant, all).stream().findFirst().map(a -> {
            Map<String, Object> agent = new LinkedHashMap<>();
            agent.put("agent_id", a.agentId());
            agent.put("name", a.name());
            agent.put("message_count", a.answers());
            return agent;
        }).orElse(null);

        Map<LocalDate, Figures.EventSums> events = figures.eventsBy(tenant, month, Figures.Period.DAY);
        Map<LocalDate, Figures.ConversationSums> conversations = figures.conversationsBy(tenant, month, Figures.Period.DAY);
        List<Map<String, Object>> daily = new ArrayList<>();
        for (LocalDate day : Figures.periods(month, Figures.Period.DAY)) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("date", day.toString());
            row.put("conversations", conversations.containsKey(day) ? conversations.get(day).conversations() : 0);
            row.put("messages", events.containsKey(day) ? events.get(day).messages() : 0);
            daily.add(row);
        }

        Map<String, Object> data = new LinkedHashMap<>();
        data.put("total_conversations", conv.conversations());
        data.put("total_messages", ev.messages());
        data.put("average_response_time", ev.avgResponseMs() == null ? 0.0 : round(ev.avgResponseMs() / 1000.0, 2));
        data.put("most_active_agent", mostActive);
        data.put("daily_stats", daily);
        return Envelopes.conversations("Analytics retrieved", data);
    }

    @GetMapping("/chat/analytics/global")
    public Map<String, Object> global() {
        if (!IdentityContext.require().hasScope(Scopes.ADMIN)) {
            throw ApiException.forbidden("Admin access required");
        }
        String tenant = IdentityContext.requireTenant();
        Window all = Window.allTime(settings.zone(tenant), Instant.now());
        Figures.EventSums ev = figures.events(tenant, all);
        Figures.ConversationSums conv = figures.conversations(tenant, all);
        long contacts = figures.contactsWithMessages(tenant);
        List<Map<String, Object>> top = figures.conversationsByAgent(tenant, all).stream()
                .filter(a -> a.sums().conversations() > 0)
                .sorted(Comparator.comparingDouble((Figures.AgentConversations a) -> -a.sums().resolutionRate())
                        .thenComparing(a -> -a.sums().conversations()).thenComparing(Figures.AgentConversations::name))
                .limit(5)
                .map(a -> {
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("agent_id", a.agentId());
                    row.put("name", a.name());
                    row.put("total_conversations", a.sums().conversations());
                    row.put("success_rate", round(a.sums().resolutionRate() * 100.0, 1));
                    return row;
                }).toList();

        Map<String, Object> data = new LinkedHashMap<>();
        data.put("total_conversations_all_users", conv.conversations());
        data.put("total_messages_all_users", ev.messages());
        data.put("average_conversations_per_user", contacts == 0 ? 0.0 : round((double) conv.conversations() / contacts, 2));
        data.put("top_performing_agents", top);
        return Envelopes.conversations("Global analytics retrieved", data);
    }
}
