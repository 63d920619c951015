package dev.supportplatform.gateway;

import dev.supportplatform.gateway.support.GatewayClient;
import dev.supportplatform.gateway.support.GatewayIntegrationTest;
import dev.supportplatform.gateway.support.TestBackends;
import dev.supportplatform.gateway.support.TestSecrets;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bodies over the limit (1 MB in tests) are refused with 413 in the path's dialect whether they announce their length
 * or stream in chunks; a chunked body under the limit passes. Raw sockets, because a chunked upload that the server
 * answers before it ends is exactly what is being tested.
 */
@GatewayIntegrationTest
class BodyLimitTest {

    @LocalServerPort
    int port;

    /** Sends a POST with a chunked body of {@code totalBytes} in 64 KB chunks; returns the raw response. */
    private String chunkedPost(String path, int totalBytes) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST " + path + " HTTP/1.1\r\nHost: localhost\r\nX-API-Key: " + TestSecrets.ROOT_KEY
                    + "\r\nX-Forwarded-For: " + GatewayClient.randomIp()
                    + "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            byte[] chunk = new byte[64 * 1024];
            Arrays.fill(chunk, (byte) 'x');
            try {
                for (int sent = 0; sent < totalBytes; sent += chunk.length) {
                    int size = Math.min(chunk.length, totalBytes - sent);
                    out.write((Integer.toHexString(size) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                    out.write(chunk, 0, size);
                    out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                }
                out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
            } catch (SocketException e) {
                // the gateway answered and closed before the upload ended: read what it said
            }
            return readResponse(socket.getInputStream());
        }
    }

    private static String readResponse(InputStream in) throws IOException {
        ByteArrayOutputStream response = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            for (int n; (n = in.read(buffer)) > 0; ) {
                response.write(buffer, 0, n);
                String text = response.toString(StandardCharsets.UTF_8);
                int headersEnd = text.indexOf("\r\n\r\n");
                int length = contentLength(text);
                if (headersEnd >= 0 && length >= 0 && response.size() >= headersEnd + 4 + length) {
                    break;
                }
            }
        } catch (SocketException e) {
            // connection reset after the response: what was read is the answer
        }
        return response.toString(StandardCharsets.UTF_8);
    }

    private static int contentLength(String head) {
        for (String line : head.split("\r\n")) {
            if (line.toLowerCase().startsWith("content-length:")) {
                return Integer.parseInt(line.substring("content-length:".length()).trim());
            }
        }
        return -1;
    }

    @Test
    void chunkedBodyOverTheLimitIs413InTheDialectOfThePath() throws Exception {
        String response = chunkedPost("/v1/ingestion/text", 3 * 1024 * 1024);
        assertThat(response).startsWith("HTTP/1.1 413");
        assertThat(response).containsIgnoringCase("X-RateLimit-Limit:");
        JsonNode body = JsonMapper.builder().build().readTree(response.substring(response.indexOf("\r\n\r\n") + 4));
        assertThat(body.get("status_code").asInt()).isEqualTo(413); // assistant.md's shape

        String agents = chunkedPost("/crm/create_user", 2 * 1024 * 1024);
        assertThat(agents).startsWith("HTTP/1.1 413");
        assertThat(agents).contains("\"PAYLOAD_TOO_LARGE\"");
    }

    @Test
    void chunkedBodyUnderTheLimitReachesTheService() throws Exception {
        String response = chunkedPost("/crm/create_user", 200 * 1024);
        assertThat(response).startsWith("HTTP/1.1 200");
        assertThat(response).contains("crm-service");
        assertThat(TestBackends.CRM.lastBodyBytes()).isEqualTo(200 * 1024);
    }

    @Test
    void chunkedBodyOverTheLimitToTheGatewaysOwnEndpointIs413() throws Exception {
        String response = chunkedPost("/api/v1/tenants", 2 * 1024 * 1024);
        assertThat(response).startsWith("HTTP/1.1 413");
    }
}
