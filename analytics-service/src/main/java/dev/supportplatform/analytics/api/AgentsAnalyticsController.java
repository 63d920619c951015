package dev.supportplatform.analytics.api;

import dev.supportplatform.analytics.contacts.ContactProfiles;
import dev.supportplatform.analytics.figures.Figures;
import dev.supportplatform.analytics.figures.SubjectFigures;
import dev.supportplatform.analytics.figures.Window;
import dev.supportplatform.analytics.settings.TenantSettings;
import dev.supportplatform.analytics.status.ServiceHeartbeat;
import dev.supportplatform.common.dialect.Envelopes;
import dev.supportplatform.common.service.identity.IdentityContext;
import dev.supportplatform.common.service.web.ApiException;
import dev.supportplatform.common.service.web.RequestTiming;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.supportplatform.analytics.figures.Figures.round;

/** agents.md: {@code /admin/analytics/system} and {@code /admin/analytics/user/{user_id}} in the {success, data, metadata} envelope. */
@RestController
public class AgentsAnalyticsController {
    private final Figures figures;
    private final SubjectFigures subjects;
    private final TenantSettings settings;
    private final ServiceHeartbeat heartbeat;
    private final ContactProfiles profiles;

    public AgentsAnalyticsController(Figures figures, SubjectFigures subjects, TenantSettings settings, ServiceHeartbeat heartbeat,
                                     ContactProfiles profiles) {
        this.figures = figures;
        this.subjects = subjects;
        this.settings = settings;
        this.heartbeat = heartbeat;
        this.profiles = profiles;
    }

    @GetMapping("/admin/analytics/system")
    public Map<String, Object> system() {
        String tenant = IdentityContext.requireTenant();
        ZoneId zone = settings.zone(tenant);
        Instant now = Instant.now();
        Window all = Window.allTime(zone, now);
        Window month = Window.lastDays(30, zone, now);
        Figures.EventSums ev = figures.events(tenant, all);
        Figures.EventSums ev30 = figures.events(tenant, month);
        Figures.ConversationSums conv = figures.conversations(tenant, all);
        Figures.ConversationSums conv30 = figures.conversations(tenant, month);
        Figures.DocumentSums docs = figures.documents(tenant);

        Map<String, Object> overview = new LinkedHashMap<>();
        overview.put("total_users", figures.totalContacts(tenant));
        overview.put("active_users", figures.activeUsers(tenant, month));
        overview.put("total_conversations", conv.conversations());
        overview.put("total_messages", ev.messages());
        overview.put("avg_response_time", seconds(ev.avgResponseMs()));
        Map<String, Object> usage = new LinkedHashMap<>();
        usage.put("messages_per_day", round(ev30.messages() / 30.0, 2));
        usage.put("conversations_per_day", round(conv30.conversations() / 30.0, 2));
        usage.put("new_users_per_day", round(ev30.contactsCreated() / 30.0, 2));
        usage.put("avg_session_length", ev.sessionsClosed() == 0 ? 0.0 : round((double) ev.sessionMinutesSum() / ev.sessionsClosed(), 2));
        Map<String, Object> performance = new LinkedHashMap<>();
        performance.put("avg_api_response_time", seconds(ev.avgResponseMs()));
        performance.put("avg_openai_response_time", seconds(ev.avgGeneratedMs()));
        performance.put("error_rate", ev.toolErrorRate() == null ? 0.0 : round(ev.toolErrorRate(), 4));
        performance.put("uptime_percentage", heartbeat.uptimePercentage(now));
        Map<String, Object> documents = new LinkedHashMap<>();
        documents.put("total_documents", docs.documents());
        documents.put("total_chunks", docs.chunks());
        documents.put("avg_retrieval_time", ev.avgRetrievalMs() == null ? null : round(ev.avgRetrievalMs() / 1000.0, 4));

        Map<String, Object> data = new LinkedHashMap<>();
        data.put("overview", overview);
        data.put("usage_metrics", usage);
        data.put("performance_metrics", performance);
        data.put("document_metrics", documents);
        return Envelopes.agents(data, RequestTiming.currentElapsedSeconds(), Instant.now());
    }

    @GetMapping("/admin/analytics/user/{userId}")
    public Map<String, Object> user(@PathVariable String userId) {
        String tenant = IdentityContext.requireTenant();
        ZoneId zone = settings.zone(tenant);
        Optional<SubjectFigures.Contact> contact = subjects.contact(tenant, userId);
        String[] ids = SubjectFigures.idsOf(userId, contact);
        SubjectFigures.ContactTotals totals = subjects.contactTotals(tenant, ids);
        if (contact.isEmpty() && totals.conversations() == 0) {
            throw ApiException.notFound("User not found", "No analytics for user " + userId);
        }
        SubjectFigures.Sessions sessions = subjects.sessionsOf(tenant, ids);

        Map<String, Object> info = new LinkedHashMap<>();
        Optional<ContactProfiles.Profile> profile = profiles.of(contact.map(SubjectFigures.Contact::id).orElse(userId));
        info.put("id", contact.map(SubjectFigures.Contact::id).orElse(userId));
        info.put("name", profile.map(ContactProfiles.Profile::name).orElse(null));
        info.put("email", profile.map(ContactProfiles.Profile::email).orElse(null));
        info.put("created_at", contact.map(c -> c.createdAt().toString()).orElse(null));
        Map<String, Object> stats = new LinkedHashMap<>();
        stats.put("total_conversations", totals.conversations());
        stats.put("avg_messages_per_conversation", round(totals.avgMessages(), 2));
        stats.put("most_active_day", subjects.mostActiveDay(tenant, ids, zone));
        stats.put("preferred_agent", subjects.preferredAgent(tenant, ids));
        Map<String, Object> engagement = new LinkedHashMap<>();
        engagement.put("total_time_spent", sessions.minutes() * 60);
        engagement.put("avg_session_length", sessions.count() == 0 ? 0 : Math.round(sessions.minutes() * 60.0 / sessions.count()));
        engagement.put("response_satisfaction", round(subjects.satisfactionOf(tenant, ids), 2));
        engagement.put("last_active", totals.lastActive() == null ? null : totals.lastActive().toString());
        List<Map<String, Object>> history = subjects.conversationsOf(tenant, ids, 50).stream().map(c -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("id", c.id());
            row.put("title", c.title());
            row.put("created_at", c.createdAt().toString());
            row.put("message_count", c.messageCount());
            row.put("category", c.category());
            return row;
        }).toList();

        Map<String, Object> data = new LinkedHashMap<>();
        data.put("user_info", info);
        data.put("conversation_stats", stats);
        data.put("engagement_metrics", engagement);
        data.put("conversation_history", history);
        return Envelopes.agents(data, RequestTiming.currentElapsedSeconds(), Instant.now());
    }

    private static double seconds(Double millis) {
        return millis == null ? 0.0 : round(millis / 1000.0, 3);
    }
}
