import dev.supportplatform.common.identity.Identity;
import dev.supportplatform.common.identity.InternalTokenCodec;
import dev.supportplatform.common.identity.Scopes;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Closed-loop load on POST /api/query: N clients, each sending its next turn as soon as the previous one answered.
 * Reports turns/s and p50/p90/p99 latency of successful turns after a warm-up.
 *
 * Through the gateway:      TurnLoad.java --url http://localhost:8080 --api-key KEY
 * Straight to chat-service: TurnLoad.java --url http://localhost:8081 --internal-secret SECRET --tenant bench
 * Options: --clients 16 --seconds 30 --warmup 10 --unique (every question distinct, so the response cache never answers)
 * Session ids and --unique questions carry a tag of this run, so that no run reuses an earlier run's conversations
 * (an escalated one answers every later turn at once with "a human agent is handling...") or cached answers.
 */
public class TurnLoad {

    private static final String[] QUESTIONS = {
            "How do I reset my password?", "How long do refunds take?", "Which plans do you offer?",
            "Can I change my billing address?", "How do I export my data?", "Do you support single sign-on?",
            "Where can I download my invoices?", "How do I delete my account?"};

    public static void main(String[] args) throws Exception {
        String url = arg(args, "--url", "http://localhost:8080");
        int clients = Integer.parseInt(arg(args, "--clients", "16"));
        int seconds = Integer.parseInt(arg(args, "--seconds", "30"));
        int warmup = Integer.parseInt(arg(args, "--warmup", "10"));
        boolean unique = List.of(args).contains("--unique");
        String run = Long.toString(System.currentTimeMillis() / 1000 % 1_000_000); // digits: no new words in the question
        String apiKey = arg(args, "--api-key", null);
        String secret = arg(args, "--internal-secret", null);
        String tenant = arg(args, "--tenant", "bench");
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        InternalTokenCodec codec = secret == null ? null : new InternalTokenCodec(secret, Duration.ofMinutes(10));

        long warmEnd = System.nanoTime() + warmup * 1_000_000_000L;
        long end = warmEnd + seconds * 1_000_000_000L;
        ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
        AtomicInteger errors = new AtomicInteger();
        AtomicLong counter = new AtomicLong();
        CountDownLatch done = new CountDownLatch(clients);
        for (int c = 0; c < clients; c++) {
            int client = c;
            Thread.ofVirtual().start(() -> {
                try {
                    int turn = 0;
                    while (System.nanoTime() < end) {
                        long n = counter.incrementAndGet();
                        String question = QUESTIONS[(int) (n % QUESTIONS.length)] + (unique ? " (ref " + run + " " + n + ")" : "");
                        String body = "{\"query\": \"" + question + "\", \"session_id\": \"load-" + run + "-" + client + "-" + (turn++ / 10)
                                + "\", \"customer_id\": \"load-customer-" + client + "\"}";
                        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url + "/api/query"))
                                .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(body));
                        if (apiKey != null) {
                            request.header("X-API-Key", apiKey);
                        }
                        if (codec != null) {
                            request.header("X-Internal-Token", codec.sign(new Identity(tenant, "load", Scopes.STANDARD, "api_key")));
                        }
                        long started = System.nanoTime();
                        try {
                            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
                            long elapsed = System.nanoTime() - started;
                            if (started >= warmEnd) {
                                if (response.statusCode() == 200) {
                                    latencies.add(elapsed);
                                } else {
                                    errors.incrementAndGet();
                                }
                            }
                        } catch (Exception e) {
                            if (started >= warmEnd) {
                                errors.incrementAndGet();
                            }
                        }
                    }
                } finally {
                    done.countDown();
                }
            });
        }
        done.await();
        List<Long> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        System.out.printf("clients=%d measured=%ds unique=%s turns=%d errors=%d turns/s=%.1f p50=%.1fms p90=%.1fms p99=%.1fms%n",
                clients, seconds, unique, sorted.size(), errors.get(), sorted.size() / (double) seconds,
                pct(sorted, 0.50), pct(sorted, 0.90), pct(sorted, 0.99));
    }

    private static double pct(List<Long> sorted, double p) {
        return sorted.isEmpty() ? Double.NaN : sorted.get((int) Math.min(sorted.size() - 1, Math.floor(p * sorted.size()))) / 1e6;
    }

    private static String arg(String[] args, String name, String fallback) {
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return fallback;
    }
}
