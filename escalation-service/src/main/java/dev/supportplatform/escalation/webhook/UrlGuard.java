package dev.supportplatform.escalation.webhook;

import org.apache.hc.client5.http.DnsResolver;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Set;

/**
 * Keeps webhook requests away from internal networks (SSRF): a target host is resolved and every address it resolves
 * to must be public. As the HTTP client's {@link DnsResolver}, it hands the connection exactly the addresses it
 * checked, so a DNS answer that changes between check and connect (rebinding) cannot slip through.
 */
public class UrlGuard implements DnsResolver {

    private static final Set<String> METADATA_HOSTS = Set.of("metadata.google.internal", "metadata", "instance-data",
            "metadata.azure.internal");

    private final boolean allowLoopback;

    public UrlGuard(boolean allowLoopback) {
        this.allowLoopback = allowLoopback;
    }

    /** Thrown for a URL that may not be called; the message says why, for the client. */
    public static class RejectedUrl extends Exception {
        public RejectedUrl(String message) {
            super(message);
        }
    }

    /** Checks a subscription URL when it is created or changed. */
    public void check(String url) throws RejectedUrl {
        URI uri;
        try {
            uri = new URI(url);
        } catch (Exception e) {
            throw new RejectedUrl("Not a valid URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new RejectedUrl("Only http and https URLs are allowed");
        }
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            throw new RejectedUrl("The URL has no host");
        }
        if (uri.getRawUserInfo() != null) {
            throw new RejectedUrl("Credentials in the URL are not allowed");
        }
        try {
            resolve(uri.getHost());
        } catch (UnknownHostException e) {
            throw new RejectedUrl(e.getMessage());
        }
    }

    @Override
    public InetAddress[] resolve(String host) throws UnknownHostException {
        String name = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (METADATA_HOSTS.contains(name.toLowerCase(Locale.ROOT).replaceAll("\\.$", ""))) {
            throw new UnknownHostException("Host " + host + " is a cloud metadata endpoint");
        }
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(name);
        } catch (UnknownHostException e) {
            throw new UnknownHostException("Host " + host + " cannot be resolved");
        }
        for (InetAddress address : addresses) {
            String why = blockedBecause(address, allowLoopback);
            if (why != null) {
                throw new UnknownHostException("Host " + host + " resolves to " + address.getHostAddress() + ", " + why);
            }
        }
        return addresses;
    }

    @Override
    public String resolveCanonicalHostname(String host) throws UnknownHostException {
        return resolve(host)[0].getCanonicalHostName();
    }

    /** Why an address may not be called, or null when it may. */
    static String blockedBecause(InetAddress a, boolean allowLoopback) {
        if (a.isLoopbackAddress()) {
            return allowLoopback ? null : "a loopback address";
        }
        if (a.isAnyLocalAddress()) {
            return "an unspecified address";
        }
        if (a.isLinkLocalAddress()) {
            return "a link-local address (cloud metadata lives there)";
        }
        if (a.isSiteLocalAddress()) {
            return "a private address";
        }
        if (a.isMulticastAddress()) {
            return "a multicast address";
        }
        byte[] b = a.getAddress();
        if (a instanceof Inet4Address) {
            int b0 = b[0] & 0xff;
            int b1 = b[1] & 0xff;
            if (b0 == 0 || b0 >= 240 || (b0 == 192 && b1 == 0 && (b[2] & 0xff) == 0) || (b0 == 198 && (b1 == 18 || b1 == 19))) {
                return "a reserved address";
            }
            if (b0 == 100 && (b1 & 0xc0) == 64) {
                return "a shared (carrier-grade NAT) address";
            }
            return null;
        }
        if (a instanceof Inet6Address) {
            if ((b[0] & 0xfe) == 0xfc) {
                return "a private (unique local) address";
            }
            // IPv4 inside IPv6: IPv4-compatible ::a.b.c.d and NAT64 64:ff9b::/96 carry an IPv4 address to check.
            boolean compatible = allZero(b, 0, 12);
            boolean nat64 = (b[0] & 0xff) == 0x00 && (b[1] & 0xff) == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b
                    && allZero(b, 4, 12);
            if (compatible || nat64) {
                try {
                    InetAddress embedded = InetAddress.getByAddress(new byte[]{b[12], b[13], b[14], b[15]});
                    String why = blockedBecause(embedded, allowLoopback);
                    return why == null ? null : why + " (embedded in IPv6)";
                } catch (UnknownHostException e) {
                    return "an invalid address";
                }
            }
        }
        return null;
    }

    private static boolean allZero(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }
}
