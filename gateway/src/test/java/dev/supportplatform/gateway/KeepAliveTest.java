package dev.supportplatform.gateway;

import dev.supportplatform.gateway.support.GatewayClient;
import dev.supportplatform.gateway.support.GatewayIntegrationTest;
import dev.supportplatform.gateway.support.TestSecrets;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.cloud.gateway.config.HttpClientProperties;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * One client connection, many requests one after another, as HTTP clients with a connection pool send them. Each is
 * answered: the next request often arrives before the gateway has finished with the previous exchange, which Reactor
 * Netty 1.3.6 buffered and then, now and then, never read (the connection hung until the client gave up).
 */
@GatewayIntegrationTest
class KeepAliveTest {

    @LocalServerPort
    int port;

    @Autowired
    HttpClientProperties upstream;

    /**
     * The other direction: the gateway's pooled connections to the services. A connection the service closes at its
     * keep-alive timeout (Tomcat: 60 s) while the gateway picks it for a request fails that request with a 502, so the
     * pool retires idle connections first.
     */
    @Test
    void pooledServiceConnectionsRetireBeforeTheServicesKeepAliveTimeout() {
        assertThat(upstream.getPool().getMaxIdleTime()).isEqualTo(Duration.ofSeconds(30)).isLessThan(Duration.ofSeconds(60));
    }

    @Test
    void everyRequestOnAKeepAliveConnectionIsAnswered() throws Exception {
        String[] requests = {
                "GET /actuator/health/liveness HTTP/1.1\r\nHost: localhost\r\n\r\n",
                "GET /no-such-endpoint HTTP/1.1\r\nHost: localhost\r\nX-API-Key: " + TestSecrets.ROOT_KEY + "\r\n\r\n",
                "GET /v1/sessions HTTP/1.1\r\nHost: localhost\r\nX-API-Key: " + TestSecrets.ROOT_KEY + "\r\n\r\n",
        };
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(5_000);
            socket.setTcpNoDelay(true);
            OutputStream out = socket.getOutputStream();
            InputStream in = new BufferedInputStream(socket.getInputStream());
            for (int i = 0; i < 3_000; i++) {
                // a client IP per request (the test runs as a trusted proxy), so the per-IP limit does not answer instead
                String request = requests[i % requests.length].replace("\r\n\r\n", "\r\nX-Forwarded-For: " + GatewayClient.randomIp() + "\r\n\r\n");
                out.write(request.getBytes(StandardCharsets.US_ASCII));
                out.flush();
                try {
                    int status = readResponse(in);
                    assertThat(status).as("request %d", i).isIn(200, 404);
                } catch (SocketTimeoutException e) {
                    fail("request %d on the connection got no answer within 5 s", i);
                }
            }
        }
    }

    /** Reads one response with a Content-Length body; returns its status. */
    private static int readResponse(InputStream in) throws IOException {
        String statusLine = line(in);
        int status = Integer.parseInt(statusLine.split(" ")[1]);
        int length = -1;
        for (String header = line(in); !header.isEmpty(); header = line(in)) {
            if (header.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                length = Integer.parseInt(header.substring("content-length:".length()).strip());
            }
        }
        assertThat(length).as("every answer here has a Content-Length").isGreaterThanOrEqualTo(0);
        in.readNBytes(length);
        return status;
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new IOException("connection closed");
            }
            if (b != '\r') {
                bytes.write(b);
            }
        }
        return bytes.toString(StandardCharsets.US_ASCII);
    }
}
