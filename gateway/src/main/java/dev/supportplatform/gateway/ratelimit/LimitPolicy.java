package dev.supportplatform.gateway.ratelimit;

import dev.supportplatform.gateway.auth.Caller;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;

/**
 * Which limits a request counts against, the first being the one its X-RateLimit-* headers describe: the endpoint
 * group's (support.md) where the path has one, else the key's plan quota (platform.md), else the per-IP minute
 * (agents.md).
 */
@Component
public class LimitPolicy {

    private final RateLimitProperties properties;

    public LimitPolicy(RateLimitProperties properties) {
        this.properties = properties;
    }

    public List<Limit> limitsFor(String ip, String path, Caller caller) {
        List<Limit> limits = new ArrayList<>(4);
        Limit group = groupLimit(ip, path);
        if (group != null) {
            limits.add(group);
        }
        if (caller != null && caller.keyId() != null && caller.quotaPerHour() != null) {
            limits.add(new Limit("key-hour", caller.keyId(), caller.quotaPerHour(), 3600));
        }
        limits.add(new Limit("ip-minute", ip, properties.perIpPerMinute(), 60));
        limits.add(new Limit("ip-second", ip, properties.perIpPerSecond(), 1));
        return limits;
    }

    private Limit groupLimit(String ip, String path) {
        if (path.equals("/api/query") || path.equals("/api/test/query")) {
            return new Limit("query", ip, properties.queryPerMinute(), 60);
        }
        if (path.equals("/api/session") || path.startsWith("/api/session/")) {
            return new Limit("sessions", ip, properties.sessionsPerMinute(), 60);
        }
        if (path.equals("/api/metrics") || path.startsWith("/api/metrics/") || path.equals("/api/test/metrics")) {
            return new Limit("metrics", ip, properties.metricsPerMinute(), 60);
        }
        return null;
    }
}
