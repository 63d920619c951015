package dev.supportplatform.knowledge;

import com.sun.net.httpserver.HttpServer;
import dev.supportplatform.common.service.web.ApiException;
import dev.supportplatform.knowledge.ingestion.UrlFetcher;
import dev.supportplatform.knowledge.ingestion.UrlProperties;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Without the loopback allowance, a host name resolving to loopback is refused before any connection is made. */
class UrlFetcherLoopbackTest {

    @Test
    void refusesHostNamesThatResolveToLoopbackUnlessConfigured() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        AtomicInteger requests = new AtomicInteger();
        server.createContext("/", exchange -> {
            requests.incrementAndGet();
            exchange.sendResponseHeaders(200, 2);
            exchange.getResponseBody().write("ok".getBytes());
            exchange.close();
        });
        server.start();
        try (UrlFetcher strict = new UrlFetcher(new UrlProperties(false, 1000, Duration.ofSeconds(2), 3));
             UrlFetcher local = new UrlFetcher(new UrlProperties(true, 1000, Duration.ofSeconds(2), 3))) {
            String url = "http://localhost:" + server.getAddress().getPort() + "/";
            assertThatThrownBy(() -> strict.fetch(url)).isInstanceOf(ApiException.class).hasMessageContaining("Refusing to fetch localhost");
            assertThatThrownBy(() -> strict.fetch("http://127.0.0.1:" + server.getAddress().getPort() + "/"))
                    .hasMessageContaining("Refusing to fetch");
            assertThat(requests.get()).isZero();
            assertThat(new String(local.fetch(url).body())).isEqualTo("ok");
            assertThat(requests.get()).isEqualTo(1);
        } finally {
            server.stop(0);
        }
    }
}
