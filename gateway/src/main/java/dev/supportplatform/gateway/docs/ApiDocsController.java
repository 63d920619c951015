package dev.supportplatform.gateway.docs;

import dev.supportplatform.common.identity.Identity;
import dev.supportplatform.gateway.auth.InternalTokens;
import dev.supportplatform.gateway.routing.ServiceUrls;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.core.env.Environment;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One OpenAPI document for the whole platform at {@code /openapi.json}: the gateway's own endpoints merged with every
 * service's {@code /v3/api-docs} (a service that is down is left out until it is back), with Swagger UI at
 * {@code /docs} and ReDoc at {@code /redoc}, like FastAPI serves them.
 */
@RestController
public class ApiDocsController {

    private static final Duration TIMEOUT = Duration.ofSeconds(3);
    /** The gateway's own document is generated on first use, which takes longer than a fetch. */
    private static final Duration OWN_TIMEOUT = Duration.ofSeconds(15);
    /** Marks a merged document some part of which could not be fetched (removed before it is served). */
    private static final String INCOMPLETE = "x-incomplete";
    private static final Duration REUSE = Duration.ofSeconds(30);
    private static final ParameterizedTypeReference<Map<String, Object>> JSON_OBJECT = new ParameterizedTypeReference<>() {
    };

    private final ServiceUrls urls;
    private final InternalTokens tokens;
    private final Environment environment;
    private final WebClient http = WebClient.builder().codecs(c -> c.defaultCodecs().maxInMemorySize(16 * 1024 * 1024)).build();
    private final Mono<Map<String, Object>> merged;

    public ApiDocsController(ServiceUrls urls, InternalTokens tokens, Environment environment) {
        this.urls = urls;
        this.tokens = tokens;
        this.environment = environment;
        // a document missing a part (a service down, or slow under load) is served but not kept, so the next call
        // tries again instead of serving the gap for REUSE
        this.merged = Mono.defer(this::merge).cache(doc -> doc.containsKey(INCOMPLETE) ? Duration.ZERO : REUSE,
                error -> Duration.ZERO, () -> Duration.ZERO);
    }

    @GetMapping(value = "/openapi.json", produces = MediaType.APPLICATION_JSON_VALUE)
    public Mono<Map<String, Object>> openApi() {
        return merged.map(doc -> {
            if (!doc.containsKey(INCOMPLETE)) {
                return doc;
            }
            Map<String, Object> served = new LinkedHashMap<>(doc);
            served.remove(INCOMPLETE);
            return served;
        });
    }

    @GetMapping(value = "/docs", produces = MediaType.TEXT_HTML_VALUE)
    public ResponseEntity<String> swaggerUi() {
        return ResponseEntity.ok("""
                <!DOCTYPE html>
                <html><head><title>Support platform API - Swagger UI</title><meta charset="utf-8"/>
                <link rel="stylesheet" href="https://cdn.jsdelivr.net/npm/swagger-ui-dist@5/swagger-ui.css"></head>
                <body><div id="swagger-ui"></div>
                <script src="https://cdn.jsdelivr.net/npm/swagger-ui-dist@5/swagger-ui-bundle.js"></script>
                <script>SwaggerUIBundle({url: '/openapi.json', dom_id: '#swagger-ui', persistAuthorization: true});</script>
                </body></html>
                """);
    }

    @GetMapping(value = "/redoc", produces = MediaType.TEXT_HTML_VALUE)
    public ResponseEntity<String> redoc() {
        return ResponseEntity.ok("""
                <!DOCTYPE html>
                <html><head><title>Support platform API - ReDoc</title><meta charset="utf-8"/></head>
                <body><redoc spec-url="/openapi.json"></redoc>
                <script src="https://cdn.jsdelivr.net/npm/redoc@2/bundles/redoc.standalone.js"></script>
                </body></html>
                """);
    }

    private Mono<Map<String, Object>> merge() {
        String own = "http://127.0.0.1:" + environment.getProperty("local.server.port", "8080") + "/v3/api-docs";
        List<Mono<Map<String, Object>>> documents = new ArrayList<>();
        documents.add(fetch(own, false));
        urls.byName().values().forEach(base -> documents.add(fetch(base + "/v3/api-docs", true)));
        return Flux.concat(documents).collectList().map(ApiDocsController::combine);
    }

    private Mono<Map<String, Object>> fetch(String url, boolean service) {
        WebClient.RequestHeadersSpec<?> request = http.get().uri(url);
        if (service) {
            request = request.header("X-Internal-Token", tokens.tokenFor(Identity.service("gateway", "default")));
        }
        return request.retrieve().bodyToMono(JSON_OBJECT).timeout(service ? TIMEOUT : OWN_TIMEOUT)
                .onErrorResume(e -> Mono.just(Map.of()));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> combine(List<Map<String, Object>> documents) {
        Map<String, Object> paths = new java.util.TreeMap<>();
        Map<String, Object> schemas = new java.util.TreeMap<>();
        List<Object> tags = new ArrayList<>();
        boolean complete = true;
        for (Map<String, Object> document : documents) {
            complete &= !document.isEmpty();
            if (document.get("paths") instanceof Map<?, ?> p) {
                ((Map<String, Object>) p).forEach(paths::putIfAbsent);
            }
            if (document.get("components") instanceof Map<?, ?> c && c.get("schemas") instanceof Map<?, ?> s) {
                ((Map<String, Object>) s).forEach(schemas::putIfAbsent);
            }
            if (document.get("tags") instanceof List<?> t) {
                tags.addAll(t);
            }
        }
        Map<String, Object> securitySchemes = new LinkedHashMap<>();
        securitySchemes.put("apiKey", Map.of("type", "apiKey", "in", "header", "name", "X-API-Key"));
        securitySchemes.put("bearer", Map.of("type", "http", "scheme", "bearer",
                "description", "An API key, a session token (POST /sessions/create) or a JWT"));
        Map<String, Object> components = new LinkedHashMap<>();
        components.put("schemas", schemas);
        components.put("securitySchemes", securitySchemes);
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("openapi", "3.1.0");
        doc.put("info", Map.of("title", "Support platform API", "version", "0.1.0",
                "description", "Every endpoint of the platform behind the gateway. Authenticate with X-API-Key, "
                        + "Authorization: Bearer (API key, session token or JWT) or the api_key query parameter."));
        doc.put("security", List.of(Map.of("apiKey", List.of()), Map.of("bearer", List.of())));
        doc.put("tags", tags);
        doc.put("paths", paths);
        doc.put("components", components);
        if (!complete) {
            doc.put(INCOMPLETE, true);
        }
        return doc;
    }
}
