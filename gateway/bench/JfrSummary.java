import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Summarises the CPU samples of a JFR recording of the gateway (profile.sh): samples per thread, the share of
 * samples spent in each part of the request path, and the hottest methods by self time. A sample belongs to the part
 * of the innermost frame that names one (so JDK and Reactor plumbing counts for the code that called it, and work
 * that merely runs on a Redis client thread counts for what it does). Run: java JfrSummary.java recording.jfr
 */
public class JfrSummary {

    /** A part of the request path, recognised by a frame whose "class.method" starts with one of the prefixes. */
    record Part(String name, List<String> prefixes) {
        boolean names(String method) {
            for (String prefix : prefixes) {
                if (method.startsWith(prefix)) {
                    return true;
                }
            }
            return false;
        }
    }

    /** The part of the innermost frame that names one, else -1. */
    static int partOf(RecordedStackTrace stack) {
        for (RecordedFrame frame : stack.getFrames()) {
            String method = frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
            for (int i = 0; i < PARTS.size(); i++) {
                if (PARTS.get(i).names(method)) {
                    return i;
                }
            }
        }
        return -1;
    }

    static final List<Part> PARTS = List.of(
            new Part("gateway: credential resolution (hash, cache)", List.of("dev.supportplatform.gateway.auth.CredentialResolver", "dev.supportplatform.gateway.auth.CredentialCache", "dev.supportplatform.gateway.auth.Secrets")),
            new Part("gateway: rate limiter", List.of("dev.supportplatform.gateway.ratelimit.")),
            new Part("gateway: internal token (cache lookup or signing)", List.of("dev.supportplatform.gateway.auth.InternalTokens", "dev.supportplatform.common.identity.", "com.nimbusds.")),
            new Part("gateway: other own filters (auth filter, request id, errors)", List.of("dev.supportplatform.gateway.")),
            new Part("Redis client (Lettuce, Spring Data Redis)", List.of("io.lettuce.", "org.springframework.data.redis.")),
            new Part("observation / tracing (Micrometer, OpenTelemetry)", List.of("io.micrometer.observation.", "io.micrometer.tracing.", "io.opentelemetry.", "org.springframework.web.filter.reactive.ServerHttpObservationFilter", "org.springframework.http.server.reactive.observation.", "org.springframework.cloud.gateway.filter.headers.observation.")),
            new Part("metrics (Micrometer meters)", List.of("io.micrometer.core.", "io.micrometer.prometheusmetrics.")),
            new Part("context propagation", List.of("io.micrometer.context.", "reactor.core.publisher.ContextPropagation")),
            new Part("logging", List.of("ch.qos.logback.", "org.slf4j.", "org.apache.logging.")),
            new Part("Spring Cloud Gateway (route lookup, filters)", List.of("org.springframework.cloud.gateway.")),
            new Part("Spring WebFlux (dispatch, exchange, headers)", List.of("org.springframework.")),
            new Part("upstream HTTP client (Reactor Netty client, pool)", List.of("reactor.netty.http.client.", "reactor.netty.resources.", "reactor.netty.internal.shaded.reactor.pool.")),
            new Part("HTTP server (Reactor Netty server)", List.of("reactor.netty.")),
            new Part("Netty (codec, channel, event loop, socket I/O)", List.of("io.netty.")),
            new Part("Reactor operators (not attributed above)", List.of("reactor.core.")));

    public static void main(String[] args) throws Exception {
        Map<String, Integer> byThread = new HashMap<>();
        Map<String, Integer> bySelf = new HashMap<>();
        int[] byPart = new int[PARTS.size()];
        int total = 0;
        int unattributed = 0;
        for (RecordedEvent event : RecordingFile.readAllEvents(Path.of(args[0]))) {
            if (!event.getEventType().getName().equals("jdk.ExecutionSample") || event.getStackTrace() == null) {
                continue;
            }
            total++;
            String thread = event.getThread("sampledThread").getJavaName();
            byThread.merge(thread == null ? "?" : thread.replaceAll("-\\d+$", "-N"), 1, Integer::sum);
            RecordedStackTrace stack = event.getStackTrace();
            if (!stack.getFrames().isEmpty()) {
                RecordedFrame top = stack.getFrames().getFirst();
                bySelf.merge(top.getMethod().getType().getName() + "." + top.getMethod().getName(), 1, Integer::sum);
            }
            int part = partOf(stack);
            if (part >= 0) {
                byPart[part]++;
            } else {
                unattributed++;
            }
        }
        System.out.printf("%d CPU samples%n%nSamples per thread:%n", total);
        print(byThread, total, 10);
        System.out.printf("%nShare of samples per part of the request path (innermost frame that names a part):%n");
        Map<String, Integer> parts = new LinkedHashMap<>();
        for (int i = 0; i < PARTS.size(); i++) {
            parts.put(PARTS.get(i).name(), byPart[i]);
        }
        parts.put("other (JDK only: JIT, GC barriers, thread parking)", unattributed);
        print(parts, total, parts.size());
        System.out.printf("%nHottest methods (self time):%n");
        print(bySelf, total, 25);
    }

    static void print(Map<String, Integer> counts, int total, int limit) {
        counts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(limit)
                .forEach(e -> System.out.printf("  %5.1f%%  %s%n", 100.0 * e.getValue() / Math.max(1, total), e.getKey()));
    }
}
