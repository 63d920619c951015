package dev.supportplatform.knowledge;

import com.sun.net.httpserver.HttpServer;
import dev.supportplatform.common.test.HttpApi;
import dev.supportplatform.common.test.ServiceIntegrationTest;
import dev.supportplatform.common.test.TestTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** URL ingestion against a JDK HttpServer on loopback (allowed in tests by knowledge.url.allow-loopback). */
@ServiceIntegrationTest
class UrlIngestionTest {

    static HttpServer remote;

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @BeforeAll
    static void startRemote() throws IOException {
        remote = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        remote.createContext("/article.html", exchange -> respond(exchange, 200, "text/html",
                "<html><head><title>Returns</title></head><body><p>Returns are accepted for 30 days with a receipt.</p></body></html>"));
        remote.createContext("/moved", exchange -> {
            exchange.getResponseHeaders().add("Location", "/article.html");
            respond(exchange, 302, "text/plain", "");
        });
        remote.createContext("/to-metadata", exchange -> {
            exchange.getResponseHeaders().add("Location", "http://169.254.169.254/latest/meta-data/");
            respond(exchange, 302, "text/plain", "");
        });
        remote.createContext("/to-private", exchange -> {
            exchange.getResponseHeaders().add("Location", "http://10.0.0.7/admin");
            respond(exchange, 301, "text/plain", "");
        });
        remote.createContext("/huge.txt", exchange -> respond(exchange, 200, "text/plain", "y".repeat(150_000)));
        remote.createContext("/missing", exchange -> respond(exchange, 404, "text/plain", "no"));
        remote.start();
    }

    @AfterAll
    static void stopRemote() {
        remote.stop(0);
    }

    private static void respond(com.sun.net.httpserver.HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
        exchange.close();
    }

    private String url(String path) {
        return "http://localhost:" + remote.getAddress().getPort() + path;
    }

    @Test
    void ingestsAPageFollowingRedirects() {
        String tenant = TestTokens.newTenant();
        HttpApi.Response response = HttpApi.at(port).asTenant(tenant).post("/v1/ingestion/url",
                Map.of("url", url("/moved"), "collection_name", "web"));
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertThat(response.json().get("status").asString()).isEqualTo("success");
        assertThat(response.json().get("chunks").asInt()).isEqualTo(1);
        String content = jdbc.queryForObject("select content from chunks where tenant_id = ?", String.class, tenant);
        assertThat(content).contains("Returns are accepted for 30 days").doesNotContain("<p>");
        assertThat(jdbc.queryForObject("select source from documents where tenant_id = ?", String.class, tenant)).isEqualTo(url("/moved"));
    }

    @Test
    void refusesPrivateAndMetadataAddressesDirectlyAndAfterRedirects() {
        String tenant = TestTokens.newTenant();
        for (String target : new String[]{url("/to-metadata"), url("/to-private"), "http://169.254.169.254/latest/meta-data/",
                "http://10.1.2.3/", "http://[::ffff:192.168.1.1]/", "http://0.0.0.0:8080/"}) {
            HttpApi.Response response = HttpApi.at(port).asTenant(tenant).post("/v1/ingestion/url", Map.of("url", target));
            assertThat(response.status()).as(target + " -> " + response).isEqualTo(403);
            assertThat(response.json().get("detail").asString()).contains("Refusing to fetch");
        }
        assertThat(jdbc.queryForObject("select count(*) from documents where tenant_id = ?", Integer.class, tenant)).isZero();
    }

    @Test
    void refusesOversizedBodiesUnreachablePagesAndOtherSchemes() {
        String tenant = TestTokens.newTenant();
        assertThat(HttpApi.at(port).asTenant(tenant).post("/v1/ingestion/url", Map.of("url", url("/huge.txt"))).status()).isEqualTo(413);
        assertThat(HttpApi.at(port).asTenant(tenant).post("/v1/ingestion/url", Map.of("url", url("/missing"))).status()).isEqualTo(502);
        HttpApi.Response file = HttpApi.at(port).asTenant(tenant).post("/v1/ingestion/url", Map.of("url", "file:///etc/passwd"));
        assertThat(file.status()).isEqualTo(400);
        assertThat(jdbc.queryForObject("select count(*) from documents where tenant_id = ?", Integer.class, tenant)).isZero();
    }
}
