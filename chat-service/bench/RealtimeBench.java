import dev.supportplatform.common.identity.Identity;
import dev.supportplatform.common.identity.InternalTokenCodec;
import dev.supportplatform.common.identity.Scopes;

import com.sun.net.httpserver.HttpServer;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Real-time chat benchmark (chat-service/bench/run-realtime.sh runs it; method and figures in docs/benchmarks.md).
 *
 * <pre>
 * stub PORT                         an OpenAI-compatible streaming server: every streamed chat completion streams 20
 *                                   chunks, the first at once, then one every 5 ms; a plain (non-streamed) one is
 *                                   answered at once in one piece (run-turns.sh); other paths answer 404 at once
 * ttft GATEWAY_URL ROOT_KEY STUB_URL N CHAT_URL SECRET
 *                                   time to first token: N rounds, each one request straight to the stub (first
 *                                   chunk), one POST /v1/chat/stream through the gateway and one straight to
 *                                   chat-service (first token event), so that the gateway's share shows
 * ws CHAT_WS_URL SECRET REDIS_HOST:PORT CONNECTIONS SECONDS
 *                                   opens CONNECTIONS WebSockets to chat-service (one session each); every 10 s each
 *                                   session gets one message published on its Redis channel, as another replica's
 *                                   answer would be; measures publish-to-receive latency for SECONDS
 * </pre>
 */
public class RealtimeBench {

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "stub" -> stub(Integer.parseInt(args[1]));
            case "ttft" -> ttft(args[1], args[2], args[3], Integer.parseInt(args[4]), args[5], args[6]);
            case "ws" -> ws(args[1], args[2], args[3], Integer.parseInt(args[4]), Integer.parseInt(args[5]));
            default -> throw new IllegalArgumentException(args[0]);
        }
    }

    // ---------------------------------------------------------------- stub model

    static void stub(int port) throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 512);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", exchange -> {
            String request = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            if (!exchange.getRequestURI().getPath().endsWith("/chat/completions")) {
                exchange.sendResponseHeaders(404, -1);
                exchange.close();
                return;
            }
            if (!request.replace(" ", "").contains("\"stream\":true")) { // a plain completion (POST /api/query): answered at once
                byte[] body = ("{\"id\":\"b\",\"object\":\"chat.completion\",\"created\":1,\"model\":\"stub\",\"choices\":[{\"index\":0,"
                        + "\"message\":{\"role\":\"assistant\",\"content\":\"Here is how that works [1].\"},\"finish_reason\":\"stop\"}],"
                        + "\"usage\":{\"prompt_tokens\":10,\"completion_tokens\":7,\"total_tokens\":17}}").getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
                return;
            }
            exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                for (int i = 0; i < 20; i++) {
                    out.write(("data: {\"id\":\"b\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"stub\","
                            + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\"w" + i + " \"},\"finish_reason\":null}]}\n\n")
                            .getBytes(StandardCharsets.UTF_8));
                    out.flush();
                    if (i < 19) {
                        Thread.sleep(5);
                    }
                }
                out.write(("data: {\"id\":\"b\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"stub\",\"choices\":"
                        + "[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":10,"
                        + "\"completion_tokens\":20,\"total_tokens\":30}}\n\ndata: [DONE]\n\n").getBytes(StandardCharsets.UTF_8));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        server.start();
        System.out.println("stub model on " + port);
        Thread.currentThread().join();
    }

    // ---------------------------------------------------------------- time to first token

    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** Milliseconds from sending the request to reading the first line that starts with {@code marker}; reads to the end. */
    static double firstLine(HttpRequest request, String marker) throws Exception {
        long started = System.nanoTime();
        HttpResponse<InputStream> response = HTTP.send(request, HttpResponse.BodyHandlers.ofInputStream());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("HTTP " + response.statusCode() + " " + new String(response.body().readAllBytes()));
        }
        double first = -1;
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                if (first < 0 && line.startsWith(marker)) {
                    first = (System.nanoTime() - started) / 1e6;
                }
            }
        }
        if (first < 0) {
            throw new IllegalStateException("no line starting with " + marker);
        }
        return first;
    }

    static void ttft(String gateway, String rootKey, String stub, int rounds, String chat, String secret) throws Exception {
        InternalTokenCodec codec = new InternalTokenCodec(secret, Duration.ofHours(1));
        HttpRequest direct = HttpRequest.newBuilder(URI.create(stub + "/v1/chat/completions")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"stub\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"Hello!\"}]}"))
                .build();
        // Warm-up long enough for the JIT to compile the hot paths of all three processes (the gateway's per-request
        // cost fell from about 6 ms to about 1 ms over its first thousand or so requests): servers run warm.
        int warmup = Integer.getInteger("bench.warmup", 1000);
        // ...and before that, plain requests along both paths (GET /v1/sessions), which are cheap: the gateway's filters,
        // routing and proxy client are the same code its streaming requests run through.
        HttpClient plain = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        int plainWarmup = Integer.getInteger("bench.plainWarmup", 10_000);
        for (int i = 0; i < plainWarmup; i++) {
            plain.send(HttpRequest.newBuilder(URI.create(gateway + "/v1/sessions?limit=1")).header("X-API-Key", rootKey)
                    .header("X-Tenant-Id", "bench-ttft").build(), HttpResponse.BodyHandlers.discarding());
            plain.send(HttpRequest.newBuilder(URI.create(chat + "/v1/sessions?limit=1"))
                    .header("X-Internal-Token", codec.sign(new Identity("bench-ttft", "bench", Scopes.STANDARD, "api_key")))
                    .build(), HttpResponse.BodyHandlers.discarding());
        }
        double[] viaStub = new double[rounds];
        double[] viaGateway = new double[rounds];
        double[] viaChat = new double[rounds];
        for (int i = -warmup; i < rounds; i++) {
            String tenant = "bench-ttft";
            HttpRequest streamed = HttpRequest.newBuilder(URI.create(gateway + "/v1/chat/stream"))
                    .header("X-API-Key", rootKey).header("X-Tenant-Id", tenant).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"messages\":[{\"role\":\"user\",\"content\":\"Hello!\"}],"
                            + "\"session_id\":\"ttft-" + i + "\",\"enable_tools\":false}")).build();
            HttpRequest straight = HttpRequest.newBuilder(URI.create(chat + "/v1/chat/stream"))
                    .header("X-Internal-Token", codec.sign(new Identity(tenant, "bench", Scopes.STANDARD, "api_key")))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"messages\":[{\"role\":\"user\",\"content\":\"Hello!\"}],"
                            + "\"session_id\":\"ttft-chat-" + i + "\",\"enable_tools\":false}")).build();
            double s = firstLine(direct, "data: ");
            double g = firstLine(streamed, "data: {\"event\":\"token\"");
            double c = firstLine(straight, "data: {\"event\":\"token\"");
            if (i >= 0) {
                viaStub[i] = s;
                viaGateway[i] = g;
                viaChat[i] = c;
            }
        }
        Arrays.sort(viaStub);
        Arrays.sort(viaGateway);
        Arrays.sort(viaChat);
        System.out.printf("RESULT ttft rounds=%d stub p50=%.2f p90=%.2f p99=%.2f ms | chat-service direct p50=%.2f p90=%.2f p99=%.2f ms"
                        + " | gateway p50=%.2f p90=%.2f p99=%.2f ms | gateway minus stub (p50s)=%.2f ms | gateway minus chat-service (p50s)=%.2f ms%n",
                rounds, pct(viaStub, 50), pct(viaStub, 90), pct(viaStub, 99), pct(viaChat, 50), pct(viaChat, 90), pct(viaChat, 99),
                pct(viaGateway, 50), pct(viaGateway, 90), pct(viaGateway, 99), pct(viaGateway, 50) - pct(viaStub, 50),
                pct(viaGateway, 50) - pct(viaChat, 50));
    }

    static double pct(double[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }

    // ---------------------------------------------------------------- many WebSocket connections

    static final class Receiver implements WebSocket.Listener {
        final StringBuilder partial = new StringBuilder();
        final ConcurrentLinkedQueue<Double> latencies;
        final AtomicInteger received;
        final CompletableFuture<Void> welcomed = new CompletableFuture<>();

        Receiver(ConcurrentLinkedQueue<Double> latencies, AtomicInteger received) {
            this.latencies = latencies;
            this.received = received;
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String message = partial.toString();
                partial.setLength(0);
                int at = message.indexOf("\"content\":\"sent-");
                if (at >= 0) {
                    long sent = Long.parseLong(message.substring(at + 16, message.indexOf('"', at + 16)));
                    latencies.add((System.nanoTime() - sent) / 1e6);
                    received.incrementAndGet();
                } else if (message.contains("\"type\":\"system\"")) {
                    welcomed.complete(null);
                }
            }
            webSocket.request(1);
            return null;
        }
    }

    /** A minimal Redis client: PUBLISH over RESP on one connection, replies read and dropped. */
    static final class Redis implements AutoCloseable {
        final Socket socket;
        final OutputStream out;

        Redis(String hostPort) throws Exception {
            String[] hp = hostPort.split(":");
            socket = new Socket(hp[0], Integer.parseInt(hp[1]));
            socket.setTcpNoDelay(true);
            out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            Thread.ofVirtual().start(() -> {
                byte[] buffer = new byte[8192];
                try {
                    while (in.read(buffer) >= 0) {
                        // replies: the number of receivers
                    }
                } catch (Exception e) {
                    // closed
                }
            });
        }

        synchronized void publish(String channel, String message) throws Exception {
            byte[] c = channel.getBytes(StandardCharsets.UTF_8);
            byte[] m = message.getBytes(StandardCharsets.UTF_8);
            out.write(("*3\r\n$7\r\nPUBLISH\r\n$" + c.length + "\r\n").getBytes(StandardCharsets.UTF_8));
            out.write(c);
            out.write(("\r\n$" + m.length + "\r\n").getBytes(StandardCharsets.UTF_8));
            out.write(m);
            out.write("\r\n".getBytes(StandardCharsets.UTF_8));
            out.flush();
        }

        @Override
        public void close() throws Exception {
            socket.close();
        }
    }

    static void ws(String chatWs, String secret, String redisHostPort, int connections, int seconds) throws Exception {
        String tenant = "bench-ws";
        InternalTokenCodec codec = new InternalTokenCodec(secret, Duration.ofHours(1));
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(20)).build();
        ConcurrentLinkedQueue<Double> latencies = new ConcurrentLinkedQueue<>();
        AtomicInteger received = new AtomicInteger();
        List<WebSocket> sockets = new ArrayList<>();
        List<String> sessions = new ArrayList<>();
        Semaphore inFlight = new Semaphore(100);
        AtomicInteger failed = new AtomicInteger();
        long openStarted = System.nanoTime();
        List<CompletableFuture<WebSocket>> opening = new ArrayList<>();
        List<Receiver> receivers = new ArrayList<>();
        for (int i = 0; i < connections; i++) {
            String session = "ws-bench-" + i;
            inFlight.acquire();
            Receiver receiver = new Receiver(latencies, received);
            receivers.add(receiver);
            String token = codec.sign(new Identity(tenant, "bench", Scopes.STANDARD, "api_key"));
            CompletableFuture<WebSocket> f = client.newWebSocketBuilder().header("X-Internal-Token", token)
                    .buildAsync(URI.create(chatWs + "/chat/" + session), receiver)
                    .whenComplete((s, e) -> {
                        inFlight.release();
                        if (e != null) {
                            failed.incrementAndGet();
                        }
                    });
            opening.add(f);
            sessions.add(session);
        }
        for (int i = 0; i < opening.size(); i++) {
            try {
                sockets.add(opening.get(i).get(60, TimeUnit.SECONDS));
                receivers.get(i).welcomed.get(60, TimeUnit.SECONDS);
            } catch (Exception e) {
                sockets.add(null);
            }
        }
        long open = sockets.stream().filter(s -> s != null).count();
        System.out.printf("opened %d of %d connections in %.1f s (%d failed)%n", open, connections,
                (System.nanoTime() - openStarted) / 1e9, failed.get());

        AtomicLong sent = new AtomicLong();
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        try (Redis redis = new Redis(redisHostPort)) {
            // each session gets a message every 10 s, spread evenly over the 10 s
            long periodNanos = 10_000_000_000L;
            long start = System.nanoTime();
            long tick = 0;
            while (System.nanoTime() < end) {
                for (int i = 0; i < sessions.size(); i++) {
                    if (sockets.get(i) == null) {
                        continue;
                    }
                    long due = start + tick * periodNanos + (periodNanos * i) / sessions.size();
                    long wait = due - System.nanoTime();
                    if (wait > 0) {
                        TimeUnit.NANOSECONDS.sleep(wait);
                    }
                    if (System.nanoTime() >= end) {
                        break;
                    }
                    String channel = "chat:session:" + URLEncoder.encode(tenant, StandardCharsets.UTF_8) + ":"
                            + URLEncoder.encode(sessions.get(i), StandardCharsets.UTF_8);
                    // SessionFeed's publication: kind, sender (none), then the message for the clients
                    redis.publish(channel, "say\n\n{\"type\":\"text\",\"content\":\"sent-" + System.nanoTime()
                            + "\",\"metadata\":{\"is_final\":true},\"timestamp\":\"2026-01-01T00:00:00Z\"}");
                    sent.incrementAndGet();
                }
                tick++;
            }
            Thread.sleep(2000);
        }
        double[] sorted = latencies.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        long stillOpen = sockets.stream().filter(s -> s != null && !s.isInputClosed()).count();
        System.out.printf("RESULT ws connections=%d open_at_end=%d sent=%d received=%d delivery p50=%.2f p90=%.2f p99=%.2f max=%.2f ms%n",
                open, stillOpen, sent.get(), received.get(), pct(sorted, 50), pct(sorted, 90), pct(sorted, 99),
                sorted.length == 0 ? Double.NaN : sorted[sorted.length - 1]);
        for (WebSocket s : sockets) {
            if (s != null) {
                s.abort();
            }
        }
    }
}
