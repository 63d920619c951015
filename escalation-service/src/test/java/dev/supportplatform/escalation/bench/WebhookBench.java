package dev.supportplatform.escalation.bench;

import com.sun.net.httpserver.HttpServer;
import dev.supportplatform.common.events.EventEnvelope;
import dev.supportplatform.common.events.EventJson;
import dev.supportplatform.common.events.Topics;
import dev.supportplatform.common.events.payload.ChatEvents;
import dev.supportplatform.common.identity.Identity;
import dev.supportplatform.common.identity.InternalTokenCodec;
import dev.supportplatform.common.identity.PlatformHeaders;
import dev.supportplatform.common.identity.Scopes;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Webhook delivery benchmark against the real service process (target/escalation-service-exec.jar), the machine's
 * PostgreSQL, an embedded KRaft broker and a receiver in this JVM. Events enter as chat-service would publish them.
 *
 * <p>Phase 1: events/s end to end (Kafka -> fan-out -> delivery) to a receiver that accepts everything. Phase 2:
 * deliveries/s of the delivery workers alone, draining a backlog queued while the service ran without workers.
 * Phase 3: a receiver that fails every second request, and the service killed (SIGKILL) halfway and started again;
 * the receiver honours X-Webhook-Id, and the run checks that every event was processed exactly once.
 *
 * <p>Usage: WebhookBench [throughputEvents=3000] [restartEvents=1000]
 */
public final class WebhookBench {

    private static final String SECRET = "bench-internal-token-secret-0123456789abcdef";

    /** Records what a receiver that dedupes on the delivery id would process. */
    static final class Receiver {
        final HttpServer server;
        final AtomicLong requests = new AtomicLong();
        final AtomicLong failedOnPurpose = new AtomicLong();
        final AtomicLong duplicateDeliveries = new AtomicLong();
        final Set<String> acceptedDeliveries = ConcurrentHashMap.newKeySet();
        final Map<String, Integer> processedPerMessage = new ConcurrentHashMap<>();
        volatile boolean failHalf;
        volatile long firstAccepted;
        volatile long lastAccepted;

        Receiver() throws IOException {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 256);
            server.setExecutor(Executors.newFixedThreadPool(8));
            server.createContext("/", exchange -> {
                byte[] body = exchange.getRequestBody().readAllBytes();
                long n = requests.incrementAndGet();
                int code;
                if (failHalf && n % 2 == 0) {
                    failedOnPurpose.incrementAndGet();
                    code = 500;
                } else {
                    String deliveryId = exchange.getRequestHeaders().getFirst("X-Webhook-Id");
                    if (acceptedDeliveries.add(deliveryId)) {
                        String messageId = EventJson.MAPPER.readTree(new String(body, StandardCharsets.UTF_8)).get("data").get("message_id").asString();
                        processedPerMessage.merge(messageId, 1, Integer::sum);
                        long now = System.nanoTime();
                        if (firstAccepted == 0) {
                            firstAccepted = now;
                        }
                        lastAccepted = now;
                    } else {
                        duplicateDeliveries.incrementAndGet();
                    }
                    code = 200;
                }
                exchange.sendResponseHeaders(code, -1);
                exchange.close();
            });
            server.start();
        }

        void reset(boolean failHalf) {
            this.failHalf = failHalf;
            requests.set(0);
            failedOnPurpose.set(0);
            duplicateDeliveries.set(0);
            acceptedDeliveries.clear();
            processedPerMessage.clear();
            firstAccepted = 0;
            lastAccepted = 0;
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
        }
    }

    public static void main(String[] args) throws Exception {
        int throughputEvents = args.length > 0 ? Integer.parseInt(args[0]) : 3000;
        int restartEvents = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
        Path jar = Path.of("target/escalation-service-exec.jar").toAbsolutePath();

        EmbeddedKafkaKraftBroker kafka = new EmbeddedKafkaKraftBroker(1, 3, Topics.CHAT, Topics.CRM, Topics.KNOWLEDGE, Topics.ESCALATION);
        kafka.afterPropertiesSet();
        Receiver receiver = new Receiver();
        int port = freePort();
        Service service = new Service(jar, port, kafka.getBrokersAsString());
        KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.getBrokersAsString(),
                ProducerConfig.LINGER_MS_CONFIG, 5, ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new StringSerializer());
        try {
            service.start(Map.of());
            System.out.printf("service started on port %d (pid %d)%n", port, service.pid());

            // Phase 1: throughput.
            String tenant1 = "bench-" + UUID.randomUUID().toString().substring(0, 8);
            subscribe(port, tenant1, receiver.url());
            receiver.reset(false);
            long start = System.nanoTime();
            publish(producer, tenant1, throughputEvents);
            waitFor(() -> receiver.processedPerMessage.size() >= throughputEvents, Duration.ofMinutes(10));
            double endToEnd = (System.nanoTime() - start) / 1e9;
            double receiving = (receiver.lastAccepted - receiver.firstAccepted) / 1e9;
            System.out.printf("PHASE1 events=%d end_to_end_s=%.2f end_to_end_per_s=%.0f first_to_last_delivery_s=%.2f deliveries_per_s=%.0f requests=%d%n",
                    throughputEvents, endToEnd, throughputEvents / endToEnd, receiving, (throughputEvents - 1) / receiving,
                    receiver.requests.get());

            // Phase 2: the delivery workers alone, on a backlog.
            service.stop();
            service.start(Map.of("PLATFORM_WEBHOOKS_WORKERS", "0"));
            String tenantBacklog = "bench-" + UUID.randomUUID().toString().substring(0, 8);
            subscribe(port, tenantBacklog, receiver.url());
            publish(producer, tenantBacklog, throughputEvents);
            try (Connection db = DriverManager.getConnection(DATABASE_URL, "postgres", "")) {
                waitFor(() -> queued(db, tenantBacklog) >= throughputEvents, Duration.ofMinutes(10));
            }
            service.stop();
            receiver.reset(false);
            service.start(Map.of());
            waitFor(() -> receiver.processedPerMessage.size() >= throughputEvents, Duration.ofMinutes(10));
            double drain = (receiver.lastAccepted - receiver.firstAccepted) / 1e9;
            System.out.printf("PHASE2 backlog=%d first_to_last_delivery_s=%.2f deliveries_per_s=%.0f requests=%d%n",
                    throughputEvents, drain, (throughputEvents - 1) / drain, receiver.requests.get());

            // Phase 3: half of all requests fail, and the service is killed halfway and restarted.
            String tenant2 = "bench-" + UUID.randomUUID().toString().substring(0, 8);
            subscribe(port, tenant2, receiver.url());
            receiver.reset(true);
            long start2 = System.nanoTime();
            publish(producer, tenant2, restartEvents);
            waitFor(() -> receiver.processedPerMessage.size() >= restartEvents / 2, Duration.ofMinutes(10));
            int beforeKill = receiver.processedPerMessage.size();
            service.kill();
            System.out.printf("PHASE3 killed the service (SIGKILL) after %d of %d events were processed%n", beforeKill, restartEvents);
            service.start(Map.of());
            System.out.printf("PHASE3 service restarted (pid %d)%n", service.pid());
            waitFor(() -> receiver.processedPerMessage.size() >= restartEvents, Duration.ofMinutes(10));
            Thread.sleep(3000); // anything still in flight would show up as a duplicate now
            double phase2 = (System.nanoTime() - start2) / 1e9;
            long twice = receiver.processedPerMessage.values().stream().filter(c -> c > 1).count();
            System.out.printf("PHASE3 events=%d processed=%d processed_twice=%d lost=%d requests=%d failed_on_purpose=%d "
                            + "redelivered_ids_ignored=%d seconds=%.1f%n",
                    restartEvents, receiver.processedPerMessage.size(), twice, restartEvents - receiver.processedPerMessage.size(),
                    receiver.requests.get(), receiver.failedOnPurpose.get(), receiver.duplicateDeliveries.get(), phase2);
            if (twice > 0 || receiver.processedPerMessage.size() != restartEvents) {
                System.out.println("RESULT FAIL");
                System.exit(1);
            }
            System.out.println("RESULT OK");
        } finally {
            producer.close();
            service.stop();
            receiver.server.stop(0);
            kafka.destroy();
        }
        System.exit(0);
    }

    private static final String DATABASE_URL = System.getenv().getOrDefault("DATABASE_URL", "jdbc:postgresql://localhost:5432/support_test");

    private static int queued(Connection db, String tenant) throws Exception {
        try (PreparedStatement ps = db.prepareStatement("select count(*) from escalation.webhook_delivery where tenant_id = ?")) {
            ps.setString(1, tenant);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    private static void publish(KafkaProducer<String, String> producer, String tenant, int events) throws Exception {
        for (int i = 0; i < events; i++) {
            String conversation = tenant + "-conv-" + (i % 100);
            String json = EventEnvelope.of(tenant, conversation, new ChatEvents.MessageReceived(conversation, tenant + "-msg-" + i,
                    "user-" + (i % 100), "chat", "message " + i)).toJson();
            producer.send(new ProducerRecord<>(Topics.CHAT, conversation, json));
        }
        producer.flush();
    }

    private static void subscribe(int port, String tenant, String url) throws Exception {
        String token = new InternalTokenCodec(SECRET, Duration.ofMinutes(5)).sign(new Identity(tenant, "bench", Scopes.STANDARD, "api_key"));
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/webhooks"))
                .header(PlatformHeaders.INTERNAL_TOKEN, token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"url\":\"" + url + "\",\"events\":[\"message.received\"]}")).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 201) {
            throw new IllegalStateException("subscribing failed: " + r.statusCode() + " " + r.body());
        }
    }

    interface Check {
        boolean done() throws Exception;
    }

    private static void waitFor(Check check, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!check.done()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("timed out");
            }
            Thread.sleep(20);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** The service as a separate OS process, so that a kill is a real crash. */
    static final class Service {
        private final Path jar;
        private final int port;
        private final String brokers;
        private Process process;
        private int starts;

        Service(Path jar, int port, String brokers) {
            this.jar = jar;
            this.port = port;
            this.brokers = brokers;
        }

        void start(Map<String, String> extraEnv) throws Exception {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            ProcessBuilder pb = new ProcessBuilder(java, "-Xmx512m", "-jar", jar.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(Path.of("target", "bench-service-" + (++starts) + ".log").toFile());
            Map<String, String> env = pb.environment();
            env.put("PORT", Integer.toString(port));
            env.put("KAFKA_BOOTSTRAP_SERVERS", brokers);
            env.put("INTERNAL_TOKEN_SECRET", SECRET);
            env.put("LOG_FORMAT", "");
            env.put("PLATFORM_WEBHOOKS_ALLOW_LOOPBACK", "true");
            env.put("PLATFORM_WEBHOOKS_INITIAL_BACKOFF", "200ms");
            env.put("PLATFORM_WEBHOOKS_MAX_BACKOFF", "2s");
            env.put("PLATFORM_WEBHOOKS_LEASE", "10s");
            env.put("PLATFORM_WEBHOOKS_CONNECT_TIMEOUT", "2s");
            env.put("PLATFORM_WEBHOOKS_RESPONSE_TIMEOUT", "5s");
            env.putAll(extraEnv);
            process = pb.start();
            HttpClient http = HttpClient.newHttpClient();
            waitFor(() -> {
                if (!process.isAlive()) {
                    throw new IllegalStateException("the service exited; see target/bench-service-" + starts + ".log");
                }
                try {
                    return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health/liveness")).build(),
                            HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
                } catch (IOException e) {
                    return false;
                }
            }, Duration.ofMinutes(3));
        }

        long pid() {
            return process.pid();
        }

        void kill() throws InterruptedException {
            process.destroyForcibly();
            process.waitFor();
        }

        void stop() throws InterruptedException {
            if (process != null && process.isAlive()) {
                process.destroy();
                process.waitFor();
            }
        }
    }
}
