package dev.supportplatform.gateway.health;

import dev.supportplatform.gateway.health.ComponentProbes.Probe;
import dev.supportplatform.gateway.health.ComponentProbes.Snapshot;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code GET /health}: the union of support.md's and assistant.md's health bodies, each component with its real
 * state. The contracts' third-party names map to what plays their part here: the gateway for kong_gateway, the chat
 * service (which calls the models) for groq_api and ollama, the knowledge service (the vector store's owner) for
 * chromadb and qdrant, the CRM service for crm_system; mcp_servers counts the services that are ready.
 */
@RestController
public class HealthController {

    public static final String VERSION = "0.1.0";

    private final ComponentProbes probes;

    public HealthController(ComponentProbes probes) {
        this.probes = probes;
    }

    @GetMapping("/health")
    public Mono<ResponseEntity<Map<String, Object>>> health() {
        return probes.snapshot().map(snapshot -> {
            String status = status(snapshot);
            Map<String, Object> services = new LinkedHashMap<>();
            services.put("kong_gateway", snapshot.redis().up() && !snapshot.rateLimitDegraded() ? "healthy" : "degraded");
            services.put("groq_api", healthy(snapshot.services().get("chat-service")));
            services.put("chromadb", healthy(snapshot.services().get("knowledge-service")));
            services.put("crm_system", healthy(snapshot.services().get("crm-service")));
            services.put("ollama", connected(snapshot.services().get("chat-service")));
            services.put("postgres", connected(snapshot.database()));
            services.put("qdrant", connected(snapshot.services().get("knowledge-service")));
            services.put("mcp_servers", snapshot.servicesUp());
            services.put("redis", connected(snapshot.redis()));
            snapshot.services().forEach((name, probe) -> services.put(name.replace('-', '_'), healthy(probe)));
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("status", status);
            body.put("version", VERSION);
            body.put("timestamp", Instant.now().truncatedTo(ChronoUnit.MILLIS).toString());
            body.put("services", services);
            body.put("uptime_seconds", ManagementFactory.getRuntimeMXBean().getUptime() / 1000);
            return ResponseEntity.status("unhealthy".equals(status) ? HttpStatus.SERVICE_UNAVAILABLE : HttpStatus.OK).body(body);
        });
    }

    /** unhealthy: the gateway cannot authenticate (no database) or no service answers; degraded: anything else down. */
    public static String status(Snapshot snapshot) {
        if (!snapshot.database().up() || snapshot.servicesUp() == 0) {
            return "unhealthy";
        }
        return snapshot.allUp() ? "healthy" : "degraded";
    }

    private static String healthy(Probe probe) {
        return probe != null && probe.up() ? "healthy" : "unhealthy";
    }

    private static String connected(Probe probe) {
        return probe != null && probe.up() ? "connected" : "disconnected";
    }
}
