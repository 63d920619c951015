package dev.supportplatform.analytics.bench;

import dev.supportplatform.analytics.ingest.DailyRollups;
import dev.supportplatform.common.identity.PlatformHeaders;
import dev.supportplatform.common.test.HttpApi;
import dev.supportplatform.common.test.TestTokens;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Latency of every analytics endpoint over a tenant with 1,000,000 messages. The tenant (bench-1m) is seeded with
 * SQL: 100,000 conversations of 10 messages (5 questions, 5 AI answers on 3 models) spread over the last 90 days,
 * 10,000 contacts, a closed session and a tool call per conversation, feedback on every tenth, tickets on every
 * seventh, 2,000 documents; the rollups are computed from those facts with the same bucketing the consumer uses.
 * Each endpoint then gets warm-up requests and N timed sequential requests over real HTTP with an internal token.
 * Usage: EndpointBench [requestsPerEndpoint=200] [--keep]   (--keep leaves the seeded tenant in the database)
 */
public final class EndpointBench {
    static final String TENANT = "bench-1m";

    public static void main(String[] args) throws Exception {
        int requests = args.length > 0 && !args[0].startsWith("--") ? Integer.parseInt(args[0]) : 200;
        boolean keep = List.of(args).contains("--keep");
        try (BenchEnvironment env = new BenchEnvironment()) {
            JdbcTemplate jdbc = env.app.getBean(JdbcTemplate.class);
            seed(jdbc);
            System.out.printf("tenant %s: %d message facts, %d conversations, %d event_rollup buckets%n", TENANT,
                    jdbc.queryForObject("select count(*) from message_fact where tenant_id = ?", Long.class, TENANT),
                    jdbc.queryForObject("select count(*) from conversation_fact where tenant_id = ?", Long.class, TENANT),
                    jdbc.queryForObject("select count(*) from event_rollup where tenant_id = ?", Long.class, TENANT));
            HttpApi api = HttpApi.at(env.port).asTenant(TENANT);
            HttpApi admin = HttpApi.at(env.port).withHeader(PlatformHeaders.INTERNAL_TOKEN, TestTokens.adminOf(TENANT));
            LocalDate today = LocalDate.now(ZoneOffset.UTC);
            Map<String, HttpApi> endpoints = new LinkedHashMap<>();
            endpoints.put("/admin/analytics/system", api);
            endpoints.put("/admin/analytics/user/bu-42", api);
            endpoints.put("/api/metrics?timeframe=day", api);
            endpoints.put("/api/metrics?timeframe=month", api);
            endpoints.put("/api/metrics?start_date=" + today.minusDays(89) + "&end_date=" + today, api);
            endpoints.put("/api/metrics/session/bs-4242", api);
            endpoints.put("/api/status", api);
            endpoints.put("/api/test/metrics", api);
            endpoints.put("/v1/analytics/overview", api);
            endpoints.put("/v1/analytics/tokens", api);
            endpoints.put("/v1/analytics/tools", api);
            endpoints.put("/v1/analytics/sessions", api);
            endpoints.put("/v1/analytics/ingestion", api);
            endpoints.put("/api/v1/analytics?start_date=" + today.minusDays(89) + "&end_date=" + today + "&group_by=day", api);
            endpoints.put("/api/v1/analytics?start_date=" + today.minusDays(89) + "&end_date=" + today
                    + "&metrics=conversations,messages,tokens,cost,cache_hit_rate,escalation_rate&group_by=week", api);
            endpoints.put("/chat/analytics/dashboard", api);
            endpoints.put("/chat/analytics/global", admin);
            double worst = 0;
            for (Map.Entry<String, HttpApi> e : endpoints.entrySet()) {
                double[] ms = measure(e.getValue(), e.getKey(), requests);
                worst = Math.max(worst, BenchStats.percentile(ms, 99));
                System.out.printf("ENDPOINT %-120s %s%n", e.getKey(), BenchStats.summary(ms));
            }
            System.out.printf("WORST p99 over all endpoints: %.1f ms%n", worst);
            if (!keep) {
                wipe(jdbc);
            }
        }
        System.exit(0);
    }

    private static double[] measure(HttpApi api, String path, int requests) {
        for (int i = 0; i < 20; i++) {
            check(api.get(path), path);
        }
        double[] ms = new double[requests];
        for (int i = 0; i < requests; i++) {
            long start = System.nanoTime();
            HttpApi.Response r = api.get(path);
            ms[i] = (System.nanoTime() - start) / 1e6;
            check(r, path);
        }
        return ms;
    }

    private static void check(HttpApi.Response r, String path) {
        if (r.status() != 200) {
            throw new IllegalStateException(path + " -> " + r);
        }
    }

    static void wipe(JdbcTemplate jdbc) {
        for (String table : List.of("conversation_fact", "message_fact", "tool_call_fact", "session_fact", "feedback_fact", "escalation_fact",
                "document_fact", "contact_fact", "contact_activity", "contact_last_active", "event_rollup", "answer_rollup", "tool_rollup", "conv_rollup", "agent_dim",
                "event_rollup_day", "answer_rollup_day", "tool_rollup_day", "conv_rollup_day")) {
            jdbc.update("delete from " + table + " where tenant_id = ?", TENANT);
        }
    }

    static void seed(JdbcTemplate jdbc) {
        Long existing = jdbc.queryForObject("select count(*) from message_fact where tenant_id = ?", Long.class, TENANT);
        if (existing != null && existing == 1_000_000L) {
            System.out.println("seed: tenant already seeded");
            return;
        }
        wipe(jdbc);
        long start = System.nanoTime();
        String t = "'" + TENANT + "'";
        String bucket = "date_bin('15 minutes', %s, timestamptz '1970-01-01 00:00:00+00')";
        jdbc.execute("insert into conversation_fact (tenant_id, conversation_uuid, external_id, contact_id, channel, title, category, category_at, "
                + "agent, agent_at, created_at, last_activity_at, message_count, escalated, resolved) "
                + "select " + t + ", 'bc-' || i, 'bs-' || i, 'bu-' || (i % 10000), 'api', 'Conversation ' || i, (array['billing','faq','complaint'])[1 + i % 3], "
                + "c + interval '182 seconds', (array['support','sales','general'])[1 + i % 3], c + interval '2 seconds', c, c + interval '200 seconds', 10, "
                + "i % 7 = 0, i % 3 <> 0 from (select i, now() - (i * interval '77.76 seconds') as c from generate_series(1, 100000) i) s");
        jdbc.execute("insert into message_fact (tenant_id, message_id, kind, conversation_uuid, contact_id, sender, agent, model, input_tokens, "
                + "output_tokens, cost_usd, response_time_ms, cached, confidence, sentiment, complexity, intent, occurred_at) "
                + "select " + t + ", 'bm-' || i || '-' || j, case when j % 2 = 0 then 'user' else 'answer' end, 'bc-' || i, 'bu-' || (i % 10000), "
                + "case when j % 2 = 0 then 'user' else 'ai' end, case when j % 2 = 1 then (array['support','sales','general'])[1 + i % 3] end, "
                + "case when j % 2 = 1 then (array['llama-3.1-8b-instant','llama-3.3-70b-versatile','openai/gpt-oss-120b'])[1 + (i + j) % 3] end, "
                + "case when j % 2 = 1 then 100 + j else 0 end, case when j % 2 = 1 then 60 else 0 end, case when j % 2 = 1 then 0.0004 else 0 end, "
                + "case when j % 2 = 1 then 500 + (i % 1000) end, case when j % 2 = 1 then (i + j) % 5 = 0 end, 0.8, "
                + "case when j % 2 = 1 then ((i + j) % 21 - 10) / 10.0 end, case when j % 2 = 1 then (i % 10) / 10.0 end, 'faq', "
                + "now() - (i * interval '77.76 seconds') + j * interval '20 seconds' from generate_series(1, 100000) i, generate_series(0, 9) j");
        jdbc.execute("insert into session_fact select " + t + ", gen_random_uuid(), external_id, conversation_uuid, contact_id, 3, 10, escalated, "
                + "created_at + interval '200 seconds' from conversation_fact where tenant_id = " + t);
        jdbc.execute("insert into tool_call_fact select " + t + ", gen_random_uuid(), conversation_uuid, (array['semantic_search','web_search'])[1 + "
                + "abs(hashtext(conversation_uuid)) % 2], abs(hashtext(conversation_uuid)) % 10 <> 0, 50 + abs(hashtext(conversation_uuid)) % 400, "
                + "created_at + interval '30 seconds' from conversation_fact where tenant_id = " + t);
        jdbc.execute("insert into feedback_fact select " + t + ", gen_random_uuid(), conversation_uuid, contact_id, 1 + abs(hashtext(conversation_uuid)) % 5, "
                + "created_at + interval '300 seconds' from conversation_fact where tenant_id = " + t + " and substr(conversation_uuid, length(conversation_uuid)) = '0'");
        jdbc.execute("insert into escalation_fact (tenant_id, ticket_id, conversation_ref, session_ref, customer_id, priority, reason, status, "
                + "status_at, assigned_agent, satisfaction, created_at) select " + t + ", 'TKT-B-' || conversation_uuid, external_id, external_id, contact_id, 'high', "
                + "'negative_sentiment', case when resolved then 'resolved' else 'open' end, created_at + interval '100 seconds', null, null, "
                + "created_at + interval '60 seconds' from conversation_fact where tenant_id = " + t + " and escalated");
        jdbc.execute("insert into contact_fact (tenant_id, contact_id, external_id, active, created_at) select " + t + ", 'bk-' || i, 'bu-' || i, true, "
                + "now() - interval '100 days' + i * interval '10 minutes' from generate_series(0, 9999) i");
        jdbc.execute("insert into document_fact select " + t + ", 'bd-' || i, 'doc' || i || '.pdf', 'application/pdf', 'upload', "
                + "(array['pdf','web','text','markdown'])[1 + i % 4], (array['documents','faq','policies'])[1 + i % 3], 20, 10000, now() - i * interval '1 hour', null "
                + "from generate_series(1, 2000) i");
        jdbc.execute("insert into contact_activity select distinct " + t + ", " + bucket.formatted("occurred_at") + ", contact_id from message_fact "
                + "where tenant_id = " + t + " on conflict do nothing");
        jdbc.execute("insert into contact_last_active select " + t + ", contact_id, max(occurred_at) from message_fact where tenant_id = " + t
                + " group by contact_id");
        jdbc.execute("insert into agent_dim (tenant_id, name) values (" + t + ", 'support'), (" + t + ", 'sales'), (" + t + ", 'general') on conflict do nothing");
        // Rollups, from the facts, as the consumer would have built them.
        jdbc.execute("insert into event_rollup (tenant_id, bucket, user_messages, ai_answers, input_tokens, output_tokens, cost_usd, response_ms_sum, "
                + "cached_answers, generated_ms_sum, sentiment_positive, sentiment_neutral, sentiment_negative, sentiment_sum, complexity_sum) "
                + "select " + t + ", " + bucket.formatted("occurred_at") + " b, count(*) filter (where kind = 'user'), count(*) filter (where sender = 'ai'), "
                + "sum(input_tokens), sum(output_tokens), sum(cost_usd), coalesce(sum(response_time_ms), 0), count(*) filter (where cached), "
                + "coalesce(sum(response_time_ms) filter (where not cached), 0), count(*) filter (where sentiment >= 0.05), "
                + "count(*) filter (where sentiment > -0.05 and sentiment < 0.05), count(*) filter (where sentiment <= -0.05), "
                + "coalesce(sum(sentiment), 0), coalesce(sum(complexity), 0) from message_fact where tenant_id = " + t + " group by b");
        upsertAdd(jdbc, "select " + t + ", " + bucket.formatted("occurred_at") + " b, count(*) as tool_calls, count(*) filter (where not success) as tool_errors, "
                + "sum(latency_ms) as tool_latency_ms_sum from tool_call_fact where tenant_id = " + t + " group by b", "tool_calls", "tool_errors", "tool_latency_ms_sum");
        upsertAdd(jdbc, "select " + t + ", " + bucket.formatted("occurred_at") + " b, count(*), sum(rating) from feedback_fact where tenant_id = " + t
                + " group by b", "feedback_count", "feedback_sum");
        upsertAdd(jdbc, "select " + t + ", " + bucket.formatted("closed_at") + " b, count(*), sum(duration_minutes), sum(message_count) from session_fact "
                + "where tenant_id = " + t + " group by b", "sessions_closed", "session_minutes_sum", "session_messages_sum");
        upsertAdd(jdbc, "select " + t + ", " + bucket.formatted("created_at") + " b, count(*) from contact_fact where tenant_id = " + t + " group by b",
                "contacts_created");
        upsertAdd(jdbc, "select " + t + ", " + bucket.formatted("created_at") + " b, count(*) from escalation_fact where tenant_id = " + t + " group by b",
                "escalations_created");
        // Every other ticket missed its first-response target, an hour after it was opened.
        jdbc.execute("update escalation_fact set sla_breached_at = created_at + interval '1 hour' where tenant_id = " + t
                + " and abs(hashtext(ticket_id)) % 2 = 0");
        upsertAdd(jdbc, "select " + t + ", " + bucket.formatted("sla_breached_at") + " b, count(*) from escalation_fact where tenant_id = " + t
                + " and sla_breached_at is not null group by b", "sla_breaches");
        // Each AI answer that is not cached ran a knowledge-base search of 20-69 ms.
        upsertAdd(jdbc, "select " + t + ", " + bucket.formatted("occurred_at") + " b, count(*), sum(20 + length(message_id) * 7 % 50) from message_fact "
                + "where tenant_id = " + t + " and sender = 'ai' and not cached group by b", "retrievals", "retrieval_ms_sum");
        jdbc.execute("insert into answer_rollup select " + t + ", " + bucket.formatted("occurred_at") + " b, model, agent, count(*), sum(input_tokens), "
                + "sum(output_tokens), sum(cost_usd), sum(response_time_ms), count(*) filter (where cached) from message_fact where tenant_id = " + t
                + " and sender = 'ai' group by b, model, agent");
        jdbc.execute("insert into tool_rollup select " + t + ", " + bucket.formatted("occurred_at") + " b, tool, count(*), count(*) filter (where not success), "
                + "sum(latency_ms) from tool_call_fact where tenant_id = " + t + " group by b, tool");
        jdbc.execute("insert into conv_rollup select " + t + ", " + bucket.formatted("created_at") + " b, coalesce(agent, ''), count(*), "
                + "count(*) filter (where escalated), count(*) filter (where resolved), count(*) filter (where resolved and not escalated), sum(message_count) "
                + "from conversation_fact where tenant_id = " + t + " group by b, coalesce(agent, '')");
        DailyRollups.rebuild(jdbc, TENANT, ZoneOffset.UTC);
        jdbc.execute("analyze");
        System.out.printf("seed: %.1f s%n", (System.nanoTime() - start) / 1e9);
    }

    private static void upsertAdd(JdbcTemplate jdbc, String select, String... columns) {
        String list = String.join(", ", columns);
        String set = String.join(", ", java.util.Arrays.stream(columns).map(c -> c + " = event_rollup." + c + " + excluded." + c).toList());
        jdbc.execute("insert into event_rollup (tenant_id, bucket, " + list + ") " + select + " on conflict (tenant_id, bucket) do update set " + set);
    }
}
