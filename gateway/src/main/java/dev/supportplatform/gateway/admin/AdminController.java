package dev.supportplatform.gateway.admin;

import dev.supportplatform.common.dialect.Envelopes;
import dev.supportplatform.common.identity.Identity;
import dev.supportplatform.gateway.auth.InternalTokens;
import dev.supportplatform.gateway.health.ComponentProbes;
import dev.supportplatform.gateway.health.ComponentProbes.Probe;
import dev.supportplatform.gateway.health.HealthController;
import dev.supportplatform.gateway.routing.ServiceUrls;
import dev.supportplatform.gateway.web.RequestContext;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.io.File;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * agents.md's administration endpoints (admin scope, enforced by the auth filter): a detailed health report built
 * from the services' readiness probes and this process, and the settings the services publish in their
 * {@code /actuator/info} under {@code settings} (chat-service: ai_config, knowledge-service: rag_config).
 */
@RestController
@Tag(name = "Administration", description = "agents.md system administration (admin scope)")
public class AdminController {

    private static final Duration TIMEOUT = Duration.ofMillis(1500);
    private static final ParameterizedTypeReference<Map<String, Object>> JSON_OBJECT = new ParameterizedTypeReference<>() {
    };

    private final ComponentProbes probes;
    private final ServiceUrls urls;
    private final InternalTokens tokens;
    private final WebClient http = WebClient.builder().build();
    private final String host;
    private final Instant startedAt = Instant.ofEpochMilli(ManagementFactory.getRuntimeMXBean().getStartTime());

    public AdminController(ComponentProbes probes, ServiceUrls urls, InternalTokens tokens,
                           @Value("${server.address:0.0.0.0}") String host) {
        this.probes = probes;
        this.urls = urls;
        this.tokens = tokens;
        this.host = host;
    }

    @GetMapping("/admin/health/detailed")
    @Operation(summary = "Detailed health of every component")
    public Mono<Map<String, Object>> detailedHealth(ServerWebExchange exchange) {
        return probes.snapshot().map(snapshot -> {
            Map<String, Object> components = new LinkedHashMap<>();
            components.put("database", component(snapshot.database()));
            components.put("vector_db", component(snapshot.services().get("knowledge-service")));
            components.put("openai_api", component(snapshot.services().get("chat-service")));
            components.put("redis", component(snapshot.redis()));
            snapshot.services().forEach((name, probe) -> components.put(name.replace('-', '_'), component(probe)));
            components.put("memory_usage", memory());
            components.put("disk_space", disk());
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("status", HealthController.status(snapshot));
            data.put("timestamp", Instant.now().truncatedTo(ChronoUnit.MILLIS).toString());
            data.put("uptime", uptime(Duration.ofMillis(ManagementFactory.getRuntimeMXBean().getUptime())));
            data.put("version", HealthController.VERSION);
            data.put("components", components);
            return Envelopes.agents(data, RequestContext.elapsedSeconds(exchange), Instant.now());
        });
    }

    @GetMapping("/admin/settings")
    @Operation(summary = "Current settings of the gateway and the services")
    public Mono<Map<String, Object>> settings(ServerWebExchange exchange) {
        int port = exchange.getRequest().getLocalAddress() == null ? 0 : exchange.getRequest().getLocalAddress().getPort();
        return Flux.fromIterable(urls.byName().values())
                .flatMap(this::publishedSettings)
                .reduce(new LinkedHashMap<String, Object>(), (all, one) -> {
                    one.forEach(all::putIfAbsent);
                    return all;
                })
                .map(published -> {
                    Map<String, Object> api = new LinkedHashMap<>();
                    api.put("host", host);
                    api.put("port", port);
                    api.put("debug", false);
                    Map<String, Object> system = new LinkedHashMap<>();
                    system.put("version", HealthController.VERSION);
                    system.put("java_version", Runtime.version().toString());
                    system.put("start_time", startedAt.truncatedTo(ChronoUnit.SECONDS).toString());
                    Map<String, Object> data = new LinkedHashMap<>();
                    data.put("api_config", api);
                    data.put("ai_config", published.getOrDefault("ai_config", Map.of()));
                    data.put("rag_config", published.getOrDefault("rag_config", Map.of()));
                    published.forEach(data::putIfAbsent);
                    data.put("system_info", system);
                    return Envelopes.agents(data, RequestContext.elapsedSeconds(exchange), Instant.now());
                });
    }

    /** A service's {@code settings} from its /actuator/info; nothing when it is down or publishes none. */
    @SuppressWarnings("unchecked")
    private Mono<Map<String, Object>> publishedSettings(String baseUrl) {
        return http.get().uri(baseUrl + "/actuator/info")
                .header("X-Internal-Token", tokens.tokenFor(Identity.service("gateway", "default")))
                .retrieve().bodyToMono(JSON_OBJECT)
                .timeout(TIMEOUT)
                .map(info -> info.get("settings") instanceof Map<?, ?> settings ? (Map<String, Object>) settings : Map.<String, Object>of())
                .onErrorResume(e -> Mono.just(Map.of()));
    }

    private static Map<String, Object> component(Probe probe) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("status", probe != null && probe.up() ? "healthy" : "unhealthy");
        out.put("response_time", probe == null ? null : probe.seconds());
        out.put("details", probe == null ? "not probed" : probe.details());
        return out;
    }

    private static Map<String, Object> memory() {
        Runtime runtime = Runtime.getRuntime();
        long used = runtime.totalMemory() - runtime.freeMemory();
        long total = runtime.maxMemory();
        return usage(used, total, (used / (1024 * 1024)) + " MB", (total / (1024 * 1024)) + " MB", 90);
    }

    private static Map<String, Object> disk() {
        File root = new File(".").getAbsoluteFile();
        long total = root.getTotalSpace();
        long used = total - root.getUsableSpace();
        return usage(used, total, gigabytes(used), gigabytes(total), 90);
    }

    private static Map<String, Object> usage(long used, long total, String usedText, String totalText, int warnPercent) {
        int percentage = total <= 0 ? 0 : (int) Math.round(used * 100.0 / total);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("status", percentage >= warnPercent ? "degraded" : "healthy");
        out.put("used", usedText);
        out.put("total", totalText);
        out.put("percentage", percentage);
        return out;
    }

    private static String gigabytes(long bytes) {
        return String.format(java.util.Locale.ROOT, "%.1f GB", bytes / (1024.0 * 1024 * 1024));
    }

    static String uptime(Duration uptime) {
        return uptime.toDays() + " days, " + uptime.toHoursPart() + " hours, " + uptime.toMinutesPart() + " minutes";
    }
}
