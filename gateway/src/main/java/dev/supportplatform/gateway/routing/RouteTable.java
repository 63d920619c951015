package dev.supportplatform.gateway.routing;

import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.cloud.gateway.route.builder.RouteLocatorBuilder;
import org.springframework.cloud.gateway.support.RouteMetadataUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Duration;

/**
 * Every path of the five contracts, sent to the service that owns it (DESIGN.md's table). Routes are tried in the
 * order given, most specific first: {@code /chat/analytics/**} belongs to analytics although {@code /chat/**} is
 * chat's, and {@code /crm/conversations/*} is chat's although {@code /crm/**} is the CRM's.
 */
@Configuration(proxyBeanMethods = false)
public class RouteTable {

    /** Streams (SSE) may pause longer between tokens than an ordinary response may take to start. */
    static final Duration STREAM_TIMEOUT = Duration.ofMinutes(5);

    @Bean
    RouteLocator platformRoutes(RouteLocatorBuilder builder, ServiceUrls urls) {
        return builder.routes()
                .route("analytics-service", r -> r.order(10)
                        .path("/admin/analytics/**", "/api/metrics", "/api/metrics/**", "/api/status",
                                "/v1/analytics/**", "/api/v1/analytics", "/api/v1/analytics/**",
                                "/chat/analytics/**", "/api/test/metrics")
                        .uri(urls.analytics()))
                .route("chat-service-stream", r -> r.order(20)
                        .path("/v1/chat/stream")
                        .metadata(RouteMetadataUtils.RESPONSE_TIMEOUT_ATTR, STREAM_TIMEOUT.toMillis())
                        .uri(urls.chat()))
                .route("chat-service", r -> r.order(21)
                        .path("/chat", "/chat/conversations", "/chat/conversations/**", "/chat/search",
                                "/crm/conversations/*", "/api/query", "/api/session", "/api/session/**",
                                "/v1/chat/**", "/v1/sessions", "/v1/sessions/**",
                                "/api/v1/conversations", "/api/v1/conversations/**", "/api/test/query",
                                "/api/v1/intents", "/api/v1/intents/**")
                        .uri(urls.chat()))
                .route("chat-service-websocket", r -> r.order(22)
                        .path("/chat/*").and().header("Upgrade", "(?i)websocket")
                        .metadata(RouteMetadataUtils.RESPONSE_TIMEOUT_ATTR, STREAM_TIMEOUT.toMillis())
                        .uri(websocketUri(urls.chat())))
                .route("crm-service", r -> r.order(30)
                        .path("/crm/users", "/crm/users/**", "/crm/create_user")
                        .uri(urls.crm()))
                .route("knowledge-service", r -> r.order(40)
                        .path("/upload_docs", "/rag/**", "/v1/ingestion/**",
                                "/api/v1/knowledge-base", "/api/v1/knowledge-base/**")
                        .uri(urls.knowledge()))
                .route("escalation-service", r -> r.order(50)
                        .path("/api/escalation", "/api/escalation/**", "/api/test/escalation",
                                "/api/v1/webhooks", "/api/v1/webhooks/**")
                        .uri(urls.escalation()))
                .build();
    }

    /** {@code http://host:port} to {@code ws://host:port}: the gateway proxies WebSocket upgrades only on ws routes. */
    static String websocketUri(String httpUri) {
        if (httpUri.startsWith("https://")) {
            return "wss://" + httpUri.substring("https://".length());
        }
        if (httpUri.startsWith("http://")) {
            return "ws://" + httpUri.substring("http://".length());
        }
        return httpUri;
    }
}
