package dev.supportplatform.gateway.support;

import java.util.LinkedHashMap;
import java.util.Map;

/** The five services, as test backends started once per test JVM. */
public final class TestBackends {

    public static final TestBackend CHAT = new TestBackend("chat-service").start();
    public static final TestBackend CRM = new TestBackend("crm-service").start();
    public static final TestBackend KNOWLEDGE = new TestBackend("knowledge-service").start();
    public static final TestBackend ESCALATION = new TestBackend("escalation-service").start();
    public static final TestBackend ANALYTICS = new TestBackend("analytics-service").start();

    private TestBackends() {
    }

    public static Map<String, Object> properties() {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("platform.services.chat", CHAT.url());
        properties.put("platform.services.crm", CRM.url());
        properties.put("platform.services.knowledge", KNOWLEDGE.url());
        properties.put("platform.services.escalation", ESCALATION.url());
        properties.put("platform.services.analytics", ANALYTICS.url());
        properties.put("gateway.auth.jwt-jwks-uri", ANALYTICS.url() + "/jwks.json");
        return properties;
    }
}
