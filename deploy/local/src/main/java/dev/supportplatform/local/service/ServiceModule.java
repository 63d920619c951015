package dev.supportplatform.local.service;

import java.util.List;
import java.util.Locale;

/**
 * One runnable module of the platform: its Maven module name (also the exec jar's name), its port relative to the
 * gateway's, the health endpoint that says it is ready, and the heap it gets locally.
 */
public record ServiceModule(String name, int portOffset, String readinessPath, int heapMegabytes) {

    public static final ServiceModule GATEWAY = new ServiceModule("gateway", 0, "/actuator/health", 192);
    public static final ServiceModule CHAT = new ServiceModule("chat-service", 1, "/actuator/health/readiness", 512);
    public static final ServiceModule CRM = new ServiceModule("crm-service", 2, "/actuator/health/readiness", 192);
    // In-process embeddings and the in-memory vector store live here locally: more heap than the others.
    public static final ServiceModule KNOWLEDGE =
            new ServiceModule("knowledge-service", 3, "/actuator/health/readiness", 384);
    public static final ServiceModule ESCALATION =
            new ServiceModule("escalation-service", 4, "/actuator/health/readiness", 192);
    public static final ServiceModule ANALYTICS =
            new ServiceModule("analytics-service", 5, "/actuator/health/readiness", 192);

    public static final List<ServiceModule> ALL = List.of(GATEWAY, CHAT, CRM, KNOWLEDGE, ESCALATION, ANALYTICS);

    public static List<ServiceModule> named(List<String> names) {
        return names.stream().map(ServiceModule::named).toList();
    }

    public static ServiceModule named(String name) {
        return ALL.stream().filter(m -> m.name.equals(name)).findFirst().orElseThrow(() ->
                new IllegalArgumentException("unknown module '" + name + "'; known: "
                        + ALL.stream().map(ServiceModule::name).toList()));
    }

    /** The gateway's environment variable that points at this service, e.g. CHAT_SERVICE_URL. */
    public String urlVariable() {
        return name.toUpperCase(Locale.ROOT).replace('-', '_') + "_URL";
    }

    public boolean isGateway() {
        return this.equals(GATEWAY);
    }
}
