package dev.supportplatform.analytics;

import dev.supportplatform.analytics.ingest.EventBatchProcessor;
import dev.supportplatform.common.identity.PlatformHeaders;
import dev.supportplatform.common.test.HttpApi;
import dev.supportplatform.common.test.ServiceIntegrationTest;
import dev.supportplatform.common.test.TestTokens;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.KafkaTemplate;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

/** Every analytics endpoint of every contract, field by field, over the hand-computed {@link Scenario}. */
@ServiceIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AnalyticsEndpointsTest {

    @LocalServerPort
    int port;
    @Autowired
    KafkaTemplate<String, String> kafka;
    @Autowired
    JdbcTemplate jdbc;

    final String tenant = TestTokens.newTenant();
    Scenario scenario;
    HttpApi api;

    @BeforeAll
    void sendScenario() {
        // Names and emails are the CRM's: the user figures ask it (events carry no profile data).
        CrmStub.knows("c-1", "c-1", "Ada Lovelace", "ada@example.com");
        scenario = new Scenario(Instant.now());
        scenario.send(new Events(kafka, tenant));
        await().atMost(Duration.ofSeconds(30)).until(() -> processed(jdbc, tenant) == Scenario.EVENTS);
        api = HttpApi.at(port).asTenant(tenant);
    }

    static int processed(JdbcTemplate jdbc, String tenant) {
        return jdbc.queryForObject("select count(*) from event_inbox where consumer = ?", Integer.class, EventBatchProcessor.consumerName(tenant));
    }

    private JsonNode get(HttpApi client, String path) {
        HttpApi.Response response = client.get(path);
        assertThat(response.status()).as(path + " -> " + response).isEqualTo(200);
        return response.json();
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.propertyNames().forEach(names::add);
        return names;
    }

    @Test
    void adminSystemAnalyticsInTheAgentsEnvelope() {
        JsonNode body = get(api, "/admin/analytics/system");
        assertThat(fieldNames(body)).containsExactly("success", "data", "metadata");
        assertThat(body.get("success").asBoolean()).isTrue();
        assertThat(fieldNames(body.get("metadata"))).containsExactly("response_time", "timestamp");
        JsonNode data = body.get("data");
        assertThat(fieldNames(data)).containsExactly("overview", "usage_metrics", "performance_metrics", "document_metrics");

        JsonNode overview = data.get("overview");
        assertThat(fieldNames(overview)).containsExactly("total_users", "active_users", "total_conversations", "total_messages", "avg_response_time");
        assertThat(overview.get("total_users").asLong()).isEqualTo(2);
        assertThat(overview.get("active_users").asLong()).isEqualTo(2);
        assertThat(overview.get("total_conversations").asLong()).isEqualTo(2);
        assertThat(overview.get("total_messages").asLong()).as("3 user messages, 3 AI answers, 1 human reply").isEqualTo(7);
        assertThat(overview.get("avg_response_time").asDouble()).isEqualTo(1.4);

        JsonNode usage = data.get("usage_metrics");
        assertThat(fieldNames(usage)).containsExactly("messages_per_day", "conversations_per_day", "new_users_per_day", "avg_session_length");
        assertThat(usage.get("messages_per_day").asDouble()).isEqualTo(0.23);
        assertThat(usage.get("conversations_per_day").asDouble()).isEqualTo(0.07);
        assertThat(usage.get("new_users_per_day").asDouble()).isEqualTo(0.07);
        assertThat(usage.get("avg_session_length").asDouble()).isEqualTo(5.0);

        JsonNode performance = data.get("performance_metrics");
        assertThat(fieldNames(performance)).containsExactly("avg_api_response_time", "avg_openai_response_time", "error_rate", "uptime_percentage");
        assertThat(performance.get("avg_api_response_time").asDouble()).isEqualTo(1.4);
        assertThat(performance.get("avg_openai_response_time").asDouble()).as("(1000 + 3000) / 2, the cached answer left out").isEqualTo(2.0);
        assertThat(performance.get("error_rate").asDouble()).isEqualTo(0.3333);
        assertThat(performance.get("uptime_percentage").asDouble()).isBetween(0.0, 100.0);

        JsonNode documents = data.get("document_metrics");
        assertThat(fieldNames(documents)).containsExactly("total_documents", "total_chunks", "avg_retrieval_time");
        assertThat(documents.get("total_documents").asLong()).isEqualTo(2);
        assertThat(documents.get("total_chunks").asLong()).isEqualTo(15);
        assertThat(documents.get("avg_retrieval_time").asDouble()).as("(40 + 60) / 2 ms, the cached answer ran no search")
                .isEqualTo(0.05);
    }

    @Test
    void adminUserAnalyticsByExternalOrInternalId() {
        for (String id : List.of("user-1", "c-1")) {
            JsonNode data = get(api, "/admin/analytics/user/" + id).get("data");
            assertThat(fieldNames(data)).containsExactly("user_info", "conversation_stats", "engagement_metrics", "conversation_history");
            JsonNode info = data.get("user_info");
            assertThat(fieldNames(info)).containsExactly("id", "name", "email", "created_at");
            assertThat(info.get("id").asString()).isEqualTo("c-1");
            assertThat(info.get("name").asString()).isEqualTo("Ada Lovelace");
            assertThat(info.get("email").asString()).isEqualTo("ada@example.com");
            assertThat(Instant.parse(info.get("created_at").asString())).isEqualTo(scenario.tA.minusSeconds(60));

            JsonNode stats = data.get("conversation_stats");
            assertThat(fieldNames(stats)).containsExactly("total_conversations", "avg_messages_per_conversation", "most_active_day", "preferred_agent");
            assertThat(stats.get("total_conversations").asLong()).isEqualTo(1);
            assertThat(stats.get("avg_messages_per_conversation").asDouble()).isEqualTo(4.0);
            String weekday = scenario.tA.plusSeconds(60).atZone(ZoneOffset.UTC).getDayOfWeek().name();
            assertThat(stats.get("most_active_day").asString()).isEqualToIgnoringCase(weekday);
            assertThat(stats.get("preferred_agent").asString()).isEqualTo("support");

            JsonNode engagement = data.get("engagement_metrics");
            assertThat(fieldNames(engagement)).containsExactly("total_time_spent", "avg_session_length", "response_satisfaction", "last_active");
            assertThat(engagement.get("total_time_spent").asLong()).isEqualTo(300);
            assertThat(engagement.get("avg_session_length").asLong()).isEqualTo(300);
            assertThat(engagement.get("response_satisfaction").asDouble()).isEqualTo(5.0);
            assertThat(Instant.parse(engagement.get("last_active").asString())).isEqualTo(scenario.tA.plusSeconds(360));

            JsonNode history = data.get("conversation_history");
            assertThat(history.size()).isEqualTo(1);
            JsonNode conversation = history.get(0);
            assertThat(fieldNames(conversation)).containsExactly("id", "title", "created_at", "message_count", "category");
            assertThat(conversation.get("id").asString()).isEqualTo("sess-A");
            assertThat(conversation.get("title").asString()).isEqualTo("Billing question");
            assertThat(Instant.parse(conversation.get("created_at").asString())).isEqualTo(scenario.tA);
            assertThat(conversation.get("message_count").asInt()).isEqualTo(4);
            assertThat(conversation.get("category").asString()).isEqualTo("billing");
        }
        JsonNode unknownToTheCrm = get(api, "/admin/analytics/user/user-2").get("data").get("user_info");
        assertThat(unknownToTheCrm.get("id").asString()).isEqualTo("c-2");
        assertThat(unknownToTheCrm.get("name").isNull()).as("the CRM does not know c-2: no name, figures still served").isTrue();
        assertThat(unknownToTheCrm.get("email").isNull()).isTrue();
    }

    @Test
    void supportMetricsOverTheDefaultDay() {
        JsonNode body = get(api, "/api/metrics?timeframe=day");
        assertThat(fieldNames(body)).containsExactly("timeframe", "total_queries", "avg_response_time_ms", "model_usage",
                "sentiment_distribution", "escalation_rate", "sla_breaches", "cache_hit_rate", "cost_metrics");
        assertThat(body.get("timeframe").asString()).isEqualTo("day");
        assertThat(body.get("total_queries").asLong()).isEqualTo(3);
        assertThat(body.get("avg_response_time_ms").asDouble()).isEqualTo(1400.0);
        assertThat(body.get("model_usage").get("llama-3.3-70b-versatile").asLong()).isEqualTo(2);
        assertThat(body.get("model_usage").get("llama-3.1-8b-instant").asLong()).isEqualTo(1);
        assertThat(body.get("model_usage").size()).isEqualTo(2);
        JsonNode sentiment = body.get("sentiment_distribution");
        assertThat(fieldNames(sentiment)).containsExactly("positive", "neutral", "negative");
        assertThat(sentiment.get("positive").asLong()).isEqualTo(1);
        assertThat(sentiment.get("neutral").asLong()).isEqualTo(1);
        assertThat(sentiment.get("negative").asLong()).isEqualTo(1);
        assertThat(body.get("escalation_rate").asDouble()).isEqualTo(0.5);
        assertThat(body.get("sla_breaches").asLong()).as("TKT-1 and TKT-2 missed their first-response targets").isEqualTo(2);
        assertThat(body.get("cache_hit_rate").asDouble()).isEqualTo(0.3333);
        JsonNode cost = body.get("cost_metrics");
        assertThat(fieldNames(cost)).containsExactly("total_cost", "cost_per_query", "cost_by_model");
        assertThat(cost.get("total_cost").asDouble()).isCloseTo(0.0032, within(1e-9));
        assertThat(cost.get("cost_per_query").asDouble()).isCloseTo(0.001067, within(1e-9));
        assertThat(cost.get("cost_by_model").get("llama-3.3-70b-versatile").asDouble()).isCloseTo(0.003, within(1e-9));
        assertThat(cost.get("cost_by_model").get("llama-3.1-8b-instant").asDouble()).isCloseTo(0.0002, within(1e-9));
    }

    @Test
    void supportMetricsHonourTimeframeAndDates() {
        JsonNode hour = get(api, "/api/metrics?timeframe=hour");
        assertThat(hour.get("timeframe").asString()).isEqualTo("hour");
        assertThat(hour.get("total_queries").asLong()).isEqualTo(3);
        String before = scenario.tA.minus(Duration.ofDays(3)).toString();
        String stillBefore = scenario.tA.minus(Duration.ofDays(2)).toString();
        JsonNode empty = get(api, "/api/metrics?timeframe=week&start_date=" + before + "&end_date=" + stillBefore);
        assertThat(empty.get("total_queries").asLong()).isZero();
        assertThat(empty.get("model_usage").size()).isZero();
        JsonNode onlyB = get(api, "/api/metrics?start_date=" + scenario.tB.minusSeconds(1) + "&end_date=" + Instant.now().plusSeconds(60));
        assertThat(onlyB.get("total_queries").asLong()).isEqualTo(1);
    }

    @Test
    void supportSessionMetrics() {
        JsonNode body = get(api, "/api/metrics/session/sess-B");
        assertThat(fieldNames(body)).containsExactly("session_id", "total_messages", "avg_sentiment", "avg_complexity", "models_used",
                "total_response_time_ms", "escalated", "satisfaction_score");
        assertThat(body.get("session_id").asString()).isEqualTo("sess-B");
        assertThat(body.get("total_messages").asLong()).as("question, AI answer, human reply").isEqualTo(3);
        assertThat(body.get("avg_sentiment").asDouble()).isEqualTo(-0.6);
        assertThat(body.get("avg_complexity").asDouble()).isEqualTo(0.8);
        assertThat(body.get("models_used").size()).isEqualTo(1);
        assertThat(body.get("models_used").get(0).asString()).isEqualTo("llama-3.3-70b-versatile");
        assertThat(body.get("total_response_time_ms").asLong()).isEqualTo(3000);
        assertThat(body.get("escalated").asBoolean()).isTrue();
        assertThat(body.get("satisfaction_score").asDouble()).as("from the ticket, no feedback given").isEqualTo(3.0);

        JsonNode a = get(api, "/api/metrics/session/uuid-A");
        assertThat(a.get("total_messages").asLong()).isEqualTo(4);
        assertThat(a.get("models_used").get(0).asString()).isEqualTo("llama-3.3-70b-versatile");
        assertThat(a.get("models_used").get(1).asString()).isEqualTo("llama-3.1-8b-instant");
        assertThat(a.get("escalated").asBoolean()).isFalse();
        assertThat(a.get("satisfaction_score").asDouble()).isEqualTo(5.0);
    }

    @Test
    void supportStatus() {
        JsonNode body = get(api, "/api/status");
        assertThat(fieldNames(body)).containsExactly("system_status", "active_sessions", "queue_length", "sla_breached_tickets",
                "avg_response_time_ms", "error_rate", "last_deployment", "maintenance_window");
        assertThat(body.get("system_status").asString()).isEqualTo("operational");
        assertThat(body.get("active_sessions").asLong()).as("only B had activity in the last 30 minutes").isEqualTo(1);
        assertThat(body.get("queue_length").asLong()).as("TKT-2 is open, TKT-1 resolved").isEqualTo(1);
        assertThat(body.get("sla_breached_tickets").asLong()).as("TKT-2 is open past its target; TKT-1 is resolved").isEqualTo(1);
        assertThat(body.get("avg_response_time_ms").asDouble()).isEqualTo(1400.0);
        assertThat(body.get("error_rate").asDouble()).isEqualTo(0.3333);
        assertThat(Instant.parse(body.get("last_deployment").asString())).isBefore(Instant.now());
        assertThat(body.get("maintenance_window").isNull()).isTrue();
    }

    @Test
    void supportTestMetricsGeneratesASampleWithoutTouchingTheTenant() {
        JsonNode body = get(api, "/api/test/metrics");
        assertThat(body.get("sample").asBoolean()).isTrue();
        assertThat(body.get("total_queries").asLong()).isEqualTo(20);
        assertThat(body.get("model_usage").size()).isEqualTo(3);
        assertThat(body.get("escalation_rate").asDouble()).isEqualTo(0.2);
        assertThat(body.get("cost_metrics").get("total_cost").asDouble()).isPositive();
        assertThat(get(api, "/api/metrics").get("total_queries").asLong()).as("the caller's figures are untouched").isEqualTo(3);
        assertThat(jdbc.queryForObject("select count(*) from conversation_fact where tenant_id like ?", Integer.class, tenant + "/sample/%"))
                .as("the sample run rolled back").isZero();
    }

    @Test
    void assistantOverviewTokensToolsSessionsIngestion() {
        JsonNode overview = get(api, "/v1/analytics/overview");
        assertThat(fieldNames(overview)).containsExactly("total_sessions", "total_messages", "total_tokens", "total_tool_calls", "active_users", "period");
        assertThat(overview.get("total_sessions").asLong()).isEqualTo(2);
        assertThat(overview.get("total_messages").asLong()).isEqualTo(7);
        assertThat(overview.get("total_tokens").asLong()).isEqualTo(570);
        assertThat(overview.get("total_tool_calls").asLong()).isEqualTo(3);
        assertThat(overview.get("active_users").asLong()).isEqualTo(2);
        assertThat(fieldNames(overview.get("period"))).containsExactly("start", "end");
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        assertThat(overview.get("period").get("start").asString()).isEqualTo(today.minusDays(29) + "T00:00:00Z");

        JsonNode tokens = get(api, "/v1/analytics/tokens");
        assertThat(fieldNames(tokens)).containsExactly("by_model", "by_day");
        JsonNode big = tokens.get("by_model").get("llama-3.3-70b-versatile");
        assertThat(fieldNames(big)).containsExactly("input_tokens", "output_tokens", "total_tokens");
        assertThat(big.get("input_tokens").asLong()).isEqualTo(300);
        assertThat(big.get("output_tokens").asLong()).isEqualTo(150);
        assertThat(big.get("total_tokens").asLong()).isEqualTo(450);
        assertThat(tokens.get("by_model").get("llama-3.1-8b-instant").get("total_tokens").asLong()).isEqualTo(120);
        assertThat(tokens.get("by_day").size()).isEqualTo(30);
        long sum = 0;
        for (JsonNode day : tokens.get("by_day")) {
            assertThat(fieldNames(day)).containsExactly("date", "tokens");
            sum += day.get("tokens").asLong();
        }
        assertThat(sum).isEqualTo(570);

        JsonNode tools = get(api, "/v1/analytics/tools").get("tools");
        assertThat(tools.size()).isEqualTo(2);
        assertThat(fieldNames(tools.get(0))).containsExactly("name", "calls", "success_rate", "avg_latency_ms");
        assertThat(tools.get(0).get("name").asString()).isEqualTo("web_search");
        assertThat(tools.get(0).get("calls").asLong()).isEqualTo(2);
        assertThat(tools.get(0).get("success_rate").asDouble()).isEqualTo(0.5);
        assertThat(tools.get(0).get("avg_latency_ms").asLong()).isEqualTo(500);
        assertThat(tools.get(1).get("name").asString()).isEqualTo("semantic_search");
        assertThat(tools.get(1).get("success_rate").asDouble()).isEqualTo(1.0);
        assertThat(tools.get(1).get("avg_latency_ms").asLong()).isEqualTo(100);

        JsonNode sessions = get(api, "/v1/analytics/sessions");
        assertThat(fieldNames(sessions)).containsExactly("total_sessions", "avg_messages_per_session", "avg_duration_minutes", "by_date");
        assertThat(sessions.get("total_sessions").asLong()).isEqualTo(2);
        assertThat(sessions.get("avg_messages_per_session").asDouble()).as("A has 4 messages, B 2").isEqualTo(3.0);
        assertThat(sessions.get("avg_duration_minutes").asDouble()).isEqualTo(5.0);
        long sessionsSum = 0;
        long messagesSum = 0;
        for (JsonNode day : sessions.get("by_date")) {
            assertThat(fieldNames(day)).containsExactly("date", "sessions", "messages");
            sessionsSum += day.get("sessions").asLong();
            messagesSum += day.get("messages").asLong();
        }
        assertThat(sessionsSum).isEqualTo(2);
        assertThat(messagesSum).isEqualTo(7);

        JsonNode ingestion = get(api, "/v1/analytics/ingestion");
        assertThat(fieldNames(ingestion)).containsExactly("total_documents", "total_chunks", "by_type", "by_collection");
        assertThat(ingestion.get("total_documents").asLong()).isEqualTo(2);
        assertThat(ingestion.get("total_chunks").asLong()).isEqualTo(15);
        assertThat(ingestion.get("by_type").get("pdf").asLong()).isEqualTo(1);
        assertThat(ingestion.get("by_type").get("web").asLong()).isEqualTo(1);
        assertThat(ingestion.get("by_type").has("text")).as("the text document was deleted").isFalse();
        assertThat(ingestion.get("by_collection").get("documents").asLong()).isEqualTo(1);
        assertThat(ingestion.get("by_collection").get("web").asLong()).isEqualTo(1);
    }

    @Test
    void platformAnalyticsWithMetricsAndGrouping() {
        LocalDate first = LocalDate.ofInstant(scenario.tA, ZoneOffset.UTC);
        LocalDate last = LocalDate.ofInstant(scenario.tB, ZoneOffset.UTC);
        JsonNode body = get(api, "/api/v1/analytics?start_date=" + first + "&end_date=" + last + "&metrics=conversations,resolution_rate&group_by=day");
        assertThat(fieldNames(body)).containsExactly("period", "metrics", "daily_breakdown");
        assertThat(body.get("period").get("start").asString()).isEqualTo(first.toString());
        assertThat(body.get("period").get("end").asString()).isEqualTo(last.toString());
        assertThat(fieldNames(body.get("metrics"))).containsExactly("total_conversations", "resolution_rate");
        assertThat(body.get("metrics").get("total_conversations").asLong()).isEqualTo(2);
        assertThat(body.get("metrics").get("resolution_rate").asDouble()).isEqualTo(0.5);
        JsonNode days = body.get("daily_breakdown");
        assertThat(fieldNames(days.get(0))).containsExactly("date", "conversations", "resolution_rate");
        assertThat(days.get(0).get("date").asString()).isEqualTo(first.toString());
        long conversations = 0;
        for (JsonNode day : days) {
            conversations += day.get("conversations").asLong();
        }
        assertThat(conversations).isEqualTo(2);

        JsonNode all = get(api, "/api/v1/analytics?start_date=" + first + "&end_date=" + last);
        JsonNode metrics = all.get("metrics");
        assertThat(fieldNames(metrics)).containsExactly("total_conversations", "ai_resolved", "escalated", "resolution_rate",
                "avg_response_time", "customer_satisfaction");
        assertThat(metrics.get("ai_resolved").asLong()).isEqualTo(1);
        assertThat(metrics.get("escalated").asLong()).isEqualTo(1);
        assertThat(metrics.get("avg_response_time").asDouble()).isEqualTo(1.4);
        assertThat(metrics.get("customer_satisfaction").asDouble()).isEqualTo(5.0);

        JsonNode breaches = get(api, "/api/v1/analytics?start_date=" + first + "&end_date=" + last + "&metrics=sla_breaches&group_by=day");
        assertThat(breaches.get("metrics").get("sla_breaches").asLong()).isEqualTo(2);
        long perDay = 0;
        for (JsonNode day : breaches.get("daily_breakdown")) {
            perDay += day.get("sla_breaches").asLong();
        }
        assertThat(perDay).isEqualTo(2);

        JsonNode monthly = get(api, "/api/v1/analytics?start_date=" + first + "&end_date=" + last + "&metrics=conversations&group_by=month");
        assertThat(monthly.get("daily_breakdown").get(0).get("date").asString()).isEqualTo(first.withDayOfMonth(1).toString());
    }

    @Test
    void conversationsDashboardAndAdminGlobal() {
        JsonNode body = get(api, "/chat/analytics/dashboard");
        assertThat(fieldNames(body)).containsExactly("success", "message", "data");
        assertThat(body.get("message").asString()).isEqualTo("Analytics retrieved");
        JsonNode data = body.get("data");
        assertThat(fieldNames(data)).containsExactly("total_conversations", "total_messages", "average_response_time", "most_active_agent", "daily_stats");
        assertThat(data.get("total_conversations").asLong()).isEqualTo(2);
        assertThat(data.get("total_messages").asLong()).isEqualTo(7);
        assertThat(data.get("average_response_time").asDouble()).isEqualTo(1.4);
        JsonNode agent = data.get("most_active_agent");
        assertThat(fieldNames(agent)).containsExactly("agent_id", "name", "message_count");
        assertThat(agent.get("agent_id").isIntegralNumber()).isTrue();
        assertThat(agent.get("name").asString()).isEqualTo("support");
        assertThat(agent.get("message_count").asLong()).isEqualTo(2);
        assertThat(data.get("daily_stats").size()).isEqualTo(30);
        assertThat(fieldNames(data.get("daily_stats").get(0))).containsExactly("date", "conversations", "messages");

        HttpApi admin = HttpApi.at(port).withHeader(PlatformHeaders.INTERNAL_TOKEN, TestTokens.adminOf(tenant));
        JsonNode global = get(admin, "/chat/analytics/global");
        assertThat(global.get("message").asString()).isEqualTo("Global analytics retrieved");
        JsonNode g = global.get("data");
        assertThat(fieldNames(g)).containsExactly("total_conversations_all_users", "total_messages_all_users",
                "average_conversations_per_user", "top_performing_agents");
        assertThat(g.get("total_conversations_all_users").asLong()).isEqualTo(2);
        assertThat(g.get("total_messages_all_users").asLong()).isEqualTo(7);
        assertThat(g.get("average_conversations_per_user").asDouble()).isEqualTo(1.0);
        JsonNode top = g.get("top_performing_agents");
        assertThat(top.size()).isEqualTo(2);
        assertThat(fieldNames(top.get(0))).containsExactly("agent_id", "name", "total_conversations", "success_rate");
        assertThat(top.get(0).get("name").asString()).isEqualTo("support");
        assertThat(top.get(0).get("total_conversations").asLong()).isEqualTo(1);
        assertThat(top.get(0).get("success_rate").asDouble()).isEqualTo(100.0);
        assertThat(top.get(1).get("name").asString()).isEqualTo("sales");
        assertThat(top.get(1).get("success_rate").asDouble()).isEqualTo(0.0);
        assertThat(top.get(0).get("agent_id").asLong()).isEqualTo(agent.get("agent_id").asLong());
    }
}
