package dev.supportplatform.gateway.routing;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.util.LinkedHashMap;
import java.util.Map;

/** Base URLs of the five services ({@code platform.services.*}, from CHAT_SERVICE_URL etc.). */
@ConfigurationProperties("platform.services")
public record ServiceUrls(String chat, String crm, String knowledge, String escalation, String analytics) {

    /** Service name (as used in health reports) to base URL, in a stable order. */
    public Map<String, String> byName() {
        Map<String, String> all = new LinkedHashMap<>();
        all.put("chat-service", chat);
        all.put("crm-service", crm);
        all.put("knowledge-service", knowledge);
        all.put("escalation-service", escalation);
        all.put("analytics-service", analytics);
        return all;
    }
}
