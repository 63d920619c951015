package dev.supportplatform.chat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import dev.supportplatform.common.test.HttpApi;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

/**
 * WireMock stands in for knowledge-service, crm-service and escalation-service (one server, their distinct paths);
 * everything else (PostgreSQL, Redis, Kafka) is real. Each test stubs what it needs on top of the defaults.
 */
public abstract class ChatTestSupport {

    protected static final WireMockServer PEERS = new WireMockServer(WireMockConfiguration.options().dynamicPort());

    static {
        PEERS.start();
    }

    @DynamicPropertySource
    static void peers(DynamicPropertyRegistry registry) {
        registry.add("platform.services.knowledge-url", PEERS::baseUrl);
        registry.add("platform.services.crm-url", PEERS::baseUrl);
        registry.add("platform.services.escalation-url", PEERS::baseUrl);
    }

    @LocalServerPort
    protected int port;
    @Autowired
    protected JdbcTemplate jdbc;

    @BeforeEach
    void defaultPeers() {
        PEERS.resetAll();
        PEERS.stubFor(post(urlPathEqualTo("/api/v1/knowledge-base/search")).atPriority(10)
                .willReturn(okJson("{\"results\": [], \"took_ms\": 1}")));
        PEERS.stubFor(put(urlPathMatching("/crm/users/by-external-id/.*")).atPriority(10)
                .willReturn(okJson("{\"success\": true, \"data\": {\"id\": \"c-1\", \"name\": \"Jane Doe\", \"email\": \"jane@example.com\","
                        + " \"company\": \"Acme\", \"external_id\": \"x\"}, \"metadata\": {}}")));
        PEERS.stubFor(post(urlPathEqualTo("/api/escalation")).atPriority(10)
                .willReturn(okJson("{\"ticket_id\": \"TKT-2026-000123\", \"session_id\": \"s\", \"priority\": \"high\","
                        + " \"status\": \"open\", \"created_at\": \"2026-01-01T00:00:00Z\", \"estimated_response_time\": \"1 hour\"}")));
        PEERS.stubFor(any(anyUrl()).atPriority(100).willReturn(aResponse().withStatus(404)));
    }

    protected HttpApi api(String tenant) {
        return HttpApi.at(port).asTenant(tenant);
    }

    /** Knowledge search answers every query with these passages: {source, content, score} triples. */
    protected static void knowledgeReturns(String queryFragment, List<Map<String, Object>> results) {
        StringBuilder json = new StringBuilder("{\"results\": [");
        for (int i = 0; i < results.size(); i++) {
            Map<String, Object> r = results.get(i);
            if (i > 0) {
                json.append(',');
            }
            json.append("{\"chunk_id\": \"chunk_").append(i).append("\", \"document_id\": \"doc_").append(i)
                    .append("\", \"source\": \"").append(r.get("source")).append("\", \"title\": \"").append(r.get("source"))
                    .append("\", \"content\": \"").append(r.get("content")).append("\", \"score\": ").append(r.get("score"))
                    .append(", \"highlights\": [], \"metadata\": {\"article_id\": \"kb_").append(i).append("\"}}");
        }
        json.append("], \"took_ms\": 2}");
        PEERS.stubFor(post(urlPathEqualTo("/api/v1/knowledge-base/search")).atPriority(1)
                .withRequestBody(containing(queryFragment)).willReturn(okJson(json.toString())));
    }

    protected List<Map<String, Object>> events(String tenant, String type) {
        return jdbc.queryForList("select payload::text as payload, message_key from event_outbox where payload ->> 'tenant_id' = ?"
                + " and payload ->> 'type' = ? order by id", tenant, type);
    }
}
