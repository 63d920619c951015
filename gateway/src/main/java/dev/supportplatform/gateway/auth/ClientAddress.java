package dev.supportplatform.gateway.auth;

import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Set;

/**
 * The client IP that per-IP limits count against: the peer address, or, when the peer is a trusted proxy (a load
 * balancer in front of the gateway, TRUSTED_PROXIES), the right-most X-Forwarded-For entry that is not one. A
 * client cannot pick its own IP by sending X-Forwarded-For straight to the gateway.
 */
@Component
public class ClientAddress {

    private final Set<String> trustedProxies;

    public ClientAddress(AuthProperties properties) {
        this.trustedProxies = Set.copyOf(properties.trustedProxies().stream().map(String::trim).filter(s -> !s.isEmpty()).toList());
    }

    public String of(ServerHttpRequest request) {
        InetSocketAddress remote = request.getRemoteAddress();
        String peer = remote == null || remote.getAddress() == null ? "unknown" : remote.getAddress().getHostAddress();
        if (!trustedProxies.contains(peer)) {
            return peer;
        }
        List<String> forwarded = request.getHeaders().getValuesAsList("X-Forwarded-For");
        for (int i = forwarded.size() - 1; i >= 0; i--) {
            String hop = forwarded.get(i).trim();
            if (!hop.isEmpty() && !trustedProxies.contains(hop)) {
                return hop.length() > 64 ? hop.substring(0, 64) : hop;
            }
        }
        return peer;
    }
}
