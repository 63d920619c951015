package dev.supportplatform.knowledge;

import dev.supportplatform.common.identity.PlatformHeaders;
import dev.supportplatform.common.test.HttpApi;
import dev.supportplatform.common.test.TestTokens;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** multipart/form-data uploads as curl -F sends them, for the upload endpoints. */
final class Multipart {

    record Part(String field, String filename, String contentType, byte[] bytes) {
    }

    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    private Multipart() {
    }

    static Part file(String field, String filename, String contentType, byte[] bytes) {
        return new Part(field, filename, contentType, bytes);
    }

    static Part file(String field, String filename, String contentType, String text) {
        return new Part(field, filename, contentType, text.getBytes(StandardCharsets.UTF_8));
    }

    static Part field(String name, String value) {
        return new Part(name, null, null, value.getBytes(StandardCharsets.UTF_8));
    }

    static HttpApi.Response post(int port, String tenant, String path, List<Part> parts) {
        String boundary = "----kb" + UUID.randomUUID().toString().replace("-", "");
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        try {
            for (Part p : parts) {
                body.write(("--" + boundary + "\r\n").getBytes(StandardCharsets.UTF_8));
                if (p.filename() != null) {
                    body.write(("Content-Disposition: form-data; name=\"" + p.field() + "\"; filename=\"" + p.filename() + "\"\r\n").getBytes(StandardCharsets.UTF_8));
                    if (p.contentType() != null) {
                        body.write(("Content-Type: " + p.contentType() + "\r\n").getBytes(StandardCharsets.UTF_8));
                    }
                } else {
                    body.write(("Content-Disposition: form-data; name=\"" + p.field() + "\"\r\n").getBytes(StandardCharsets.UTF_8));
                }
                body.write("\r\n".getBytes(StandardCharsets.UTF_8));
                body.write(p.bytes());
                body.write("\r\n".getBytes(StandardCharsets.UTF_8));
            }
            body.write(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).timeout(Duration.ofSeconds(60))
                    .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                    .header(PlatformHeaders.INTERNAL_TOKEN, TestTokens.forTenant(tenant))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build();
            HttpResponse<String> response = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
            return new HttpApi.Response(response.statusCode(), response.headers().map(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static List<Part> parts(Part... parts) {
        return new ArrayList<>(List.of(parts));
    }

    static Map<String, Object> noFilters() {
        return Map.of();
    }
}
