package dev.supportplatform.escalation.webhook;

import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.util.Timeout;

import java.io.IOException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

/**
 * Makes one signed webhook request. Connections go only to addresses {@link UrlGuard} resolved and checked; redirects
 * are not followed (a redirect could point inside the network) and count as failures.
 */
public class WebhookSender implements AutoCloseable {

    public record Result(Integer responseCode, String error, long durationMs) {
        public boolean succeeded() {
            return responseCode != null && responseCode >= 200 && responseCode < 300;
        }
    }

    private final CloseableHttpClient client;

    public WebhookSender(UrlGuard guard, WebhookProperties properties) {
        PoolingHttpClientConnectionManager connections = PoolingHttpClientConnectionManagerBuilder.create()
                .setDnsResolver(guard)
                .setMaxConnTotal(Math.max(20, properties.workers() * 4))
                .setMaxConnPerRoute(Math.max(4, properties.workers()))
                .setDefaultConnectionConfig(ConnectionConfig.custom()
                        .setConnectTimeout(Timeout.of(properties.connectTimeout()))
                        .setSocketTimeout(Timeout.of(properties.responseTimeout()))
                        .build())
                .build();
        this.client = HttpClients.custom()
                .setConnectionManager(connections)
                .setDefaultRequestConfig(RequestConfig.custom().setResponseTimeout(Timeout.of(properties.responseTimeout())).build())
                .disableRedirectHandling()
                .disableAutomaticRetries()
                .disableCookieManagement()
                .setUserAgent("SupportPlatform-Webhooks/1.0")
                .build();
    }

    /** Sends {@code body} to {@code url}; never throws for the receiver's failures, which come back in the result. */
    public Result send(String url, String secret, UUID deliveryId, String event, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        HttpPost post = new HttpPost(url);
        post.setHeader("X-Webhook-Signature", WebhookSigner.signature(secret, bytes));
        post.setHeader("X-Webhook-Id", deliveryId.toString());
        post.setHeader("X-Webhook-Timestamp", Long.toString(Instant.now().getEpochSecond()));
        post.setHeader("X-Webhook-Event", event);
        post.setEntity(new ByteArrayEntity(bytes, ContentType.APPLICATION_JSON));
        long start = System.nanoTime();
        try {
            int code = client.execute(post, response -> {
                EntityUtils.consume(response.getEntity());
                return response.getCode();
            });
            long ms = (System.nanoTime() - start) / 1_000_000;
            return new Result(code, code >= 200 && code < 300 ? null : "HTTP " + code, ms);
        } catch (UnknownHostException e) {
            return new Result(null, "blocked or unresolvable target: " + e.getMessage(), (System.nanoTime() - start) / 1_000_000);
        } catch (IOException | RuntimeException e) {
            return new Result(null, e.getClass().getSimpleName() + ": " + e.getMessage(), (System.nanoTime() - start) / 1_000_000);
        }
    }

    @Override
    public void close() throws IOException {
        client.close();
    }
}
