package dev.supportplatform.analytics;

import dev.supportplatform.common.events.payload.ChatEvents;
import dev.supportplatform.common.events.payload.CrmEvents;
import dev.supportplatform.common.events.payload.EscalationEvents;
import dev.supportplatform.common.events.payload.KnowledgeEvents;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * A small tenant history whose every figure is worked out by hand in the tests: two conversations (A resolved by
 * the AI, B escalated and resolved by a human), three AI answers on two models (two with a knowledge-base search of
 * 40 and 60 ms, one cached), three tool calls, a closed session, feedback, two tickets that both missed their SLA
 * (TKT-1 answered late and resolved, TKT-2 still open), two contacts and three documents (one deleted).
 */
public final class Scenario {
    public final Instant tA;
    public final Instant tB;

    public Scenario(Instant now) {
        this.tA = now.minus(45, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS);
        this.tB = now.minus(15, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS);
    }

    public void send(Events events) {
        events.send("c-1", tA.minusSeconds(60), new CrmEvents.ContactCreated("c-1", "user-1"));
        events.send("c-2", tA.minusSeconds(60), new CrmEvents.ContactCreated("c-2", "user-2"));

        events.send("uuid-A", tA, new ChatEvents.ConversationCreated("sess-A", "user-1", "api", "Billing question"));
        events.send("uuid-A", tA.plusSeconds(60), new ChatEvents.MessageReceived("sess-A", "m1", "user-1", "api", "hello"));
        events.send("uuid-A", tA.plusSeconds(62), new ChatEvents.MessageAnswered("sess-A", "a1", "user-1", "ai", "support",
                "llama-3.3-70b-versatile", 100, 50, 0.001, 1000, false, 0.9, 0.5, 0.4, "billing", 2, 40L));
        events.send("uuid-A", tA.plusSeconds(120), new ChatEvents.MessageReceived("sess-A", "m2", "user-1", "api", "thanks"));
        events.send("uuid-A", tA.plusSeconds(122), new ChatEvents.MessageAnswered("sess-A", "a2", "user-1", "ai", "support",
                "llama-3.1-8b-instant", 80, 40, 0.0002, 200, true, 0.9, 0.0, 0.2, "billing", 0));
        events.send("uuid-A", tA.plusSeconds(130), new ChatEvents.ToolInvoked("sess-A", "web_search", "end", 300, List.of()));
        events.send("uuid-A", tA.plusSeconds(131), new ChatEvents.ToolInvoked("sess-A", "web_search", "error", 700, List.of("timeout")));
        events.send("uuid-A", tA.plusSeconds(132), new ChatEvents.ToolInvoked("sess-A", "semantic_search", "end", 100, List.of()));
        events.send("uuid-A", tA.plusSeconds(180), new ChatEvents.ConversationResolved("sess-A", "user-1", "ai"));
        events.send("uuid-A", tA.plusSeconds(300), new ChatEvents.SessionClosed("sess-A", "sess-A", "user-1", 5, 4, false));
        events.send("uuid-A", tA.plusSeconds(360), new ChatEvents.FeedbackSubmitted("sess-A", "user-1", 5, "great"));

        events.send("uuid-B", tB, new ChatEvents.ConversationCreated("sess-B", "user-2", "web", "Refund"));
        events.send("uuid-B", tB.plusSeconds(60), new ChatEvents.MessageReceived("sess-B", "m3", "user-2", "web", "I want a refund"));
        events.send("uuid-B", tB.plusSeconds(62), new ChatEvents.MessageAnswered("sess-B", "a3", "user-2", "ai", "sales",
                "llama-3.3-70b-versatile", 200, 100, 0.002, 3000, false, 0.3, -0.6, 0.8, "complaint", 1, 60L));
        events.send("TKT-1", tB.plusSeconds(120), new EscalationEvents.EscalationCreated("TKT-1", "sess-B", "sess-B", "user-2", "high", "negative_sentiment"));
        events.send("TKT-1", tB.plusSeconds(175), new EscalationEvents.SlaBreached("TKT-1", "sess-B", "sess-B", "user-2", "high",
                "negative_sentiment", 1, tB.plusSeconds(150).toString(), null));
        events.send("TKT-1", tB.plusSeconds(180), new EscalationEvents.AgentReplied("TKT-1", "sess-B", "sess-B", "user-2", "agent-7", "hm-1", "On it"));
        events.send("TKT-1", tB.plusSeconds(240), new EscalationEvents.EscalationUpdated("TKT-1", "sess-B", "sess-B", "user-2", "resolved", "agent-7", 3));
        events.send("TKT-2", tB.plusSeconds(250), new EscalationEvents.EscalationCreated("TKT-2", "sess-Z", "sess-Z", "user-9", "low", "user_request"));
        events.send("TKT-2", tB.plusSeconds(320), new EscalationEvents.SlaBreached("TKT-2", "sess-Z", "sess-Z", "user-9", "low",
                "user_request", 1, tB.plusSeconds(310).toString(), null));

        events.send("d1", tA, new KnowledgeEvents.DocumentIngested("d1", "manual.pdf", "application/pdf", "upload", "documents", 10, 1000));
        events.send("d2", tA, new KnowledgeEvents.DocumentIngested("d2", "https://example.com/faq", "text/html", "url", "web", 5, 500));
        events.send("d3", tA, new KnowledgeEvents.DocumentIngested("d3", "notes.txt", "text/plain", "text", "documents", 2, 20));
        events.send("d3", tA.plusSeconds(10), new KnowledgeEvents.DocumentDeleted("d3", "notes.txt", "documents", 2));
    }

    /** The number of events {@link #send} produces. */
    public static final int EVENTS = 26;
}
