package dev.supportplatform.analytics.bench;

import dev.supportplatform.analytics.Events;
import dev.supportplatform.analytics.ingest.EventBatchProcessor;
import dev.supportplatform.common.events.EventEnvelope;
import dev.supportplatform.common.events.payload.ChatEvents;
import dev.supportplatform.common.test.HttpApi;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Two measurements against the service running in this JVM (embedded broker, the machine's PostgreSQL):
 * <ol>
 * <li>sustained ingestion: N events (a realistic mix: per conversation a conversation.created, five question/answer
 * pairs, a tool call and a session.closed; three tenants) are produced while the consumer is stopped, then the
 * consumer is started and the time until every event is applied (claimed in the inbox, facts and rollups written)
 * gives events per second;</li>
 * <li>event to visible figure: with the consumer idle or under a background load, single events are sent and
 * /api/metrics/session/{id} is polled every 5 ms until it shows the event; the delay is from just before the send
 * to the first response that shows it.</li>
 * </ol>
 * Usage: IngestionBench [events=300000] [latencySamples=300] [backgroundPerSecond=1000]
 */
public final class IngestionBench {

    public static void main(String[] args) throws Exception {
        int events = args.length > 0 ? Integer.parseInt(args[0]) : 300_000;
        int samples = args.length > 1 ? Integer.parseInt(args[1]) : 300;
        int background = args.length > 2 ? Integer.parseInt(args[2]) : 1000;
        try (BenchEnvironment env = new BenchEnvironment()) {
            JdbcTemplate jdbc = env.app.getBean(JdbcTemplate.class);
            MessageListenerContainer consumer = env.app.getBean(KafkaListenerEndpointRegistry.class).getListenerContainer("analytics-facts");
            try (KafkaProducer<String, String> producer = producer(env.brokers())) {
                throughput(events, jdbc, consumer, producer);
                if (samples > 0) {
                    latency(samples, 0, env, producer);
                    latency(samples, background, env, producer);
                }
            }
        }
        System.exit(0);
    }

    private static KafkaProducer<String, String> producer(String brokers) {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers, ProducerConfig.LINGER_MS_CONFIG, 5,
                ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024, ProducerConfig.ACKS_CONFIG, "all"),
                new StringSerializer(), new StringSerializer());
    }

    /** One conversation's events: 13 of them. */
    static List<EventEnvelope> conversation(String tenant, int n, Instant at) {
        String uuid = UUID.randomUUID().toString();
        String session = "bench-" + n;
        String contact = "contact-" + (n % 5000);
        List<EventEnvelope> list = new ArrayList<>(13);
        list.add(Events.envelope(tenant, uuid, at, new ChatEvents.ConversationCreated(session, contact, "api", "Bench " + n)));
        String[] models = {"llama-3.1-8b-instant", "llama-3.3-70b-versatile", "openai/gpt-oss-120b"};
        for (int turn = 0; turn < 5; turn++) {
            Instant t = at.plusSeconds(turn * 20L);
            list.add(Events.envelope(tenant, uuid, t, new ChatEvents.MessageReceived(session, "q" + n + "_" + turn, contact, "api", "question")));
            list.add(Events.envelope(tenant, uuid, t.plusSeconds(2), new ChatEvents.MessageAnswered(session, "a" + n + "_" + turn, contact, "ai",
                    turn % 2 == 0 ? "support" : "sales", models[(n + turn) % 3], 120 + turn, 80, 0.0004, 600 + turn * 50L, turn == 4,
                    0.8, (n % 7 - 3) / 3.0, 0.3, "billing", 2)));
        }
        list.add(Events.envelope(tenant, uuid, at.plusSeconds(101), new ChatEvents.ToolInvoked(session, "semantic_search",
                n % 10 == 0 ? "error" : "end", 40 + n % 50, List.of())));
        list.add(Events.envelope(tenant, uuid, at.plusSeconds(120), new ChatEvents.SessionClosed(session, session, contact, 2, 10, false)));
        return list;
    }

    private static void throughput(int events, JdbcTemplate jdbc, MessageListenerContainer consumer, KafkaProducer<String, String> producer)
            throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<String> tenants = List.of("bench-ingest-" + run + "-a", "bench-ingest-" + run + "-b", "bench-ingest-" + run + "-c");
        consumer.stop();
        long produceStart = System.nanoTime();
        int sent = 0;
        Instant base = Instant.now().minusSeconds(3600);
        for (int n = 0; sent < events; n++) {
            for (EventEnvelope e : conversation(tenants.get(n % 3), n, base.plusMillis(n * 10L))) {
                if (sent >= events) {
                    break;
                }
                sent++;
                producer.send(new ProducerRecord<>(e.eventType().topic(), e.subject(), e.toJson()));
            }
        }
        producer.flush();
        double produceSeconds = (System.nanoTime() - produceStart) / 1e9;
        System.out.printf("produced %d events in %.1f s (consumer stopped)%n", sent, produceSeconds);

        String inTenants = "consumer in ('" + String.join("','", tenants.stream().map(EventBatchProcessor::consumerName).toList()) + "')";
        long start = System.nanoTime();
        consumer.start();
        long applied = 0;
        while (applied < events) {
            TimeUnit.MILLISECONDS.sleep(250);
            applied = jdbc.queryForObject("select count(*) from event_inbox where " + inTenants, Long.class);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("INGESTION: applied %d events in %.2f s = %.0f events/s (from consumer start, incl. group join)%n",
                applied, seconds, applied / seconds);
        for (String tenant : tenants) {
            for (String table : List.of("conversation_fact", "message_fact", "tool_call_fact", "session_fact", "contact_activity", "contact_last_active",
                    "event_rollup", "answer_rollup", "tool_rollup", "conv_rollup", "event_rollup_day", "answer_rollup_day", "tool_rollup_day",
                    "conv_rollup_day")) {
                jdbc.update("delete from " + table + " where tenant_id = ?", tenant);
            }
            jdbc.update("delete from event_inbox where consumer = ?", EventBatchProcessor.consumerName(tenant));
        }
    }

    private static void latency(int samples, int backgroundPerSecond, BenchEnvironment env, KafkaProducer<String, String> producer)
            throws Exception {
        String tenant = "bench-latency-" + UUID.randomUUID().toString().substring(0, 8);
        HttpApi api = HttpApi.at(env.port).asTenant(tenant);
        Thread load = null;
        if (backgroundPerSecond > 0) {
            String loadTenant = tenant + "-load";
            load = Thread.ofPlatform().daemon().start(() -> {
                int n = 0;
                long next = System.nanoTime();
                while (!Thread.currentThread().isInterrupted()) {
                    for (EventEnvelope e : conversation(loadTenant, n++, Instant.now())) {
                        producer.send(new ProducerRecord<>(e.eventType().topic(), e.subject(), e.toJson()));
                    }
                    next += 13L * 1_000_000_000L / backgroundPerSecond;
                    long wait = next - System.nanoTime();
                    if (wait > 0) {
                        try {
                            TimeUnit.NANOSECONDS.sleep(wait);
                        } catch (InterruptedException ex) {
                            return;
                        }
                    }
                }
            });
            TimeUnit.SECONDS.sleep(3);
        }
        double[] ms = new double[samples];
        for (int i = 0; i < samples; i++) {
            String uuid = UUID.randomUUID().toString();
            String session = "lat-" + i;
            EventEnvelope created = Events.envelope(tenant, uuid, Instant.now(), new ChatEvents.ConversationCreated(session, "u", "api", "t"));
            long start = System.nanoTime();
            producer.send(new ProducerRecord<>(created.eventType().topic(), created.subject(), created.toJson()));
            producer.flush();
            while (api.get("/api/metrics/session/" + session).status() != 200) {
                TimeUnit.MILLISECONDS.sleep(5);
            }
            ms[i] = (System.nanoTime() - start) / 1e6;
        }
        if (load != null) {
            load.interrupt();
        }
        System.out.printf("EVENT-TO-VISIBLE (background %d events/s): %s%n", backgroundPerSecond, BenchStats.summary(ms));
    }
}
