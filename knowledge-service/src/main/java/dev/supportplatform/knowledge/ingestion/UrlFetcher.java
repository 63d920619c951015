package dev.supportplatform.knowledge.ingestion;

import dev.supportplatform.common.dialect.ErrorKind;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.SystemDefaultDnsResolver;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.util.Timeout;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;

/**
 * Fetches a URL for ingestion without letting it reach internal networks. Host names are resolved once, by a resolver
 * that refuses private, loopback, link-local and metadata addresses, and the connection goes to exactly the
 * addresses it vetted (no second lookup an attacker's DNS could answer differently). Redirects are followed by hand,
 * each hop vetted the same way; the body is capped in size and the whole fetch in time.
 */
public class UrlFetcher implements AutoCloseable {

    private final UrlProperties properties;
    private final AddressPolicy policy;
    private final CloseableHttpClient client;

    public record Fetched(byte[] body, String contentType, URI finalUrl) {
    }

    public UrlFetcher(UrlProperties properties) {
        this.properties = properties;
        this.policy = new AddressPolicy(properties.allowLoopback());
        Timeout timeout = Timeout.of(properties.timeout());
        DnsResolver vetting = new DnsResolver() {
            @Override
            public InetAddress[] resolve(String host) throws UnknownHostException {
                InetAddress[] addresses = SystemDefaultDnsResolver.INSTANCE.resolve(host);
                for (InetAddress address : addresses) {
                    if (!policy.allowed(address)) {
                        throw new ForbiddenAddressException(host);
                    }
                }
                return addresses;
            }

            @Override
            public String resolveCanonicalHostname(String host) throws UnknownHostException {
                return SystemDefaultDnsResolver.INSTANCE.resolveCanonicalHostname(host);
            }
        };
        this.client = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create().setDnsResolver(vetting)
                        .setDefaultConnectionConfig(ConnectionConfig.custom().setConnectTimeout(timeout).setSocketTimeout(timeout).build())
                        .build())
                .setDefaultRequestConfig(RequestConfig.custom().setResponseTimeout(timeout).setRedirectsEnabled(false).build())
                .disableRedirectHandling().disableCookieManagement().disableAutomaticRetries()
                .setUserAgent("support-platform-knowledge/1.0")
                .build();
    }

    /** Thrown by the resolver: a host that resolves to an address we must not connect to. */
    static final class ForbiddenAddressException extends UnknownHostException {
        ForbiddenAddressException(String host) {
            super(host);
        }
    }

    public Fetched fetch(String url) {
        URI uri = parse(url);
        long deadline = System.nanoTime() + properties.timeout().toNanos();
        for (int hop = 0; hop <= properties.maxRedirects(); hop++) {
            try {
                Response response = get(uri, deadline);
                if (response.redirect() != null) {
                    uri = parse(uri.resolve(response.redirect()).toString());
                    continue;
                }
                return new Fetched(response.body(), response.contentType(), uri);
            } catch (ForbiddenAddressException e) {
                throw refused(uri);
            } catch (java.net.SocketTimeoutException | java.net.http.HttpTimeoutException e) {
                throw new IngestionException(ErrorKind.TIMEOUT, "Fetching " + uri + " timed out");
            } catch (IOException e) {
                throw new IngestionException(ErrorKind.BAD_GATEWAY, "Could not fetch " + uri + ": " + e.getClass().getSimpleName());
            }
        }
        throw new IngestionException(ErrorKind.BAD_GATEWAY, "Too many redirects fetching " + url);
    }

    private record Response(byte[] body, String contentType, String redirect) {
    }

    private Response get(URI uri, long deadline) throws IOException {
        return client.execute(new HttpGet(uri), response -> {
            int status = response.getCode();
            if (status >= 300 && status < 400) {
                Header location = response.getFirstHeader("Location");
                if (location == null) {
                    throw new IngestionException(ErrorKind.BAD_GATEWAY, uri + " redirected without a location");
                }
                return new Response(null, null, location.getValue());
            }
            if (status < 200 || status >= 300) {
                throw new IngestionException(ErrorKind.BAD_GATEWAY, uri + " answered with status " + status);
            }
            HttpEntity entity = response.getEntity();
            if (entity == null) {
                throw IngestionException.invalid(uri + " returned no content");
            }
            if (entity.getContentLength() > properties.maxBytes()) {
                throw IngestionException.tooLarge(uri + " is larger than the limit of " + properties.maxBytes() + " bytes");
            }
            return new Response(readCapped(entity.getContent(), uri, deadline), entity.getContentType(), null);
        });
    }

    private byte[] readCapped(InputStream in, URI uri, long deadline) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[16 * 1024];
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
            out.write(buffer, 0, n);
            if (out.size() > properties.maxBytes()) {
                throw IngestionException.tooLarge(uri + " is larger than the limit of " + properties.maxBytes() + " bytes");
            }
            if (System.nanoTime() > deadline) {
                throw new IngestionException(ErrorKind.TIMEOUT, "Fetching " + uri + " took longer than " + properties.timeout());
            }
        }
        return out.toByteArray();
    }

    private URI parse(String url) {
        URI uri;
        try {
            uri = URI.create(url.strip());
        } catch (IllegalArgumentException e) {
            throw IngestionException.invalid("Invalid URL: " + url);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
            throw IngestionException.invalid("Only absolute http and https URLs can be ingested");
        }
        String host = uri.getHost();
        if (host.startsWith("[") || host.matches("[0-9.]+")) {
            // An address literal involves no lookup: vet it here, before any connection.
            try {
                if (!policy.allowed(InetAddress.getByName(host.startsWith("[") ? host.substring(1, host.length() - 1) : host))) {
                    throw refused(uri);
                }
            } catch (UnknownHostException e) {
                throw IngestionException.invalid("Invalid URL host: " + host);
            }
        }
        return uri;
    }

    private static IngestionException refused(URI uri) {
        return new IngestionException(ErrorKind.FORBIDDEN, "Refusing to fetch " + uri.getHost()
                + ": it resolves to a private, loopback, link-local or metadata address");
    }

    @Override
    public void close() throws IOException {
        client.close();
    }
}
