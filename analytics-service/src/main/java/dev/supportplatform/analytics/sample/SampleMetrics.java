package dev.supportplatform.analytics.sample;

import dev.supportplatform.analytics.api.SupportMetricsController;
import dev.supportplatform.analytics.figures.Figures;
import dev.supportplatform.analytics.ingest.EventBatchProcessor;
import dev.supportplatform.common.events.EventEnvelope;
import dev.supportplatform.common.events.EventJson;
import dev.supportplatform.common.events.EventType;
import dev.supportplatform.common.events.payload.ChatEvents;
import dev.supportplatform.common.ids.Ids;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * support.md's {@code GET /api/test/metrics}: generates a sample day of support traffic as events, runs them
 * through the real pipeline for a scratch tenant inside a transaction, reads the /api/metrics figures, and rolls
 * the transaction back. Nothing is stored and the caller's own figures are untouched.
 */
@Component
public class SampleMetrics {
    private static final String[][] MODELS = {{"llama-3.1-8b-instant", "0.00005"}, {"llama-3.3-70b-versatile", "0.0006"},
            {"openai/gpt-oss-120b", "0.0012"}};

    private final EventBatchProcessor processor;
    private final Figures figures;
    private final TransactionTemplate tx;

    public SampleMetrics(EventBatchProcessor processor, Figures figures, TransactionTemplate tx) {
        this.processor = processor;
        this.figures = figures;
        this.tx = tx;
    }

    public Map<String, Object> generate(String tenant) {
        String scratch = tenant + "/sample/" + UUID.randomUUID();
        List<EventEnvelope> events = sampleEvents(scratch, Instant.now().minus(2, ChronoUnit.HOURS));
        return tx.execute(status -> {
            status.setRollbackOnly();
            processor.process(events);
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("sample", true);
            body.put("generated_events", events.size());
            body.putAll(SupportMetricsController.metricsOf(scratch, "day", null, null, figures, ZoneOffset.UTC));
            return body;
        });
    }

    /** Ten conversations: answers on three models, some cached, mixed sentiment, two escalations; deterministic. */
    static List<EventEnvelope> sampleEvents(String tenant, Instant start) {
        List<EventEnvelope> events = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            String conversation = "sample_" + i;
            String contact = "sample_user_" + (i % 4);
            Instant at = start.plus(i * 5L, ChronoUnit.MINUTES);
            events.add(event(tenant, conversation, at, new ChatEvents.ConversationCreated(conversation, contact, "api", "Sample " + i)));
            for (int turn = 0; turn < 2; turn++) {
                Instant t = at.plusSeconds(turn * 30L);
                String[] model = MODELS[(i + turn) % MODELS.length];
                double sentiment = ((i * 7 + turn * 3) % 11 - 5) / 5.0;
                int in = 200 + 10 * i;
                int out = 120 + 5 * turn;
                events.add(event(tenant, conversation, t, new ChatEvents.MessageReceived(conversation, "m" + i + "_" + turn + "_q", contact, "api",
                        "sample question")));
                events.add(event(tenant, conversation, t.plusSeconds(2), new ChatEvents.MessageAnswered(conversation, "m" + i + "_" + turn + "_a",
                        contact, "ai", "support", model[0], in, out, (in + out) * Double.parseDouble(model[1]) / 1000.0, 800 + 100L * i,
                        turn == 1 && i % 3 == 0, 0.8, sentiment, 0.1 * (i % 10), "support", 2)));
            }
            if (i % 5 == 4) {
                events.add(event(tenant, conversation, at.plusSeconds(90), new ChatEvents.ConversationEscalated(conversation, contact,
                        "negative_sentiment", null, null)));
            } else {
                events.add(event(tenant, conversation, at.plusSeconds(90), new ChatEvents.ConversationResolved(conversation, contact, "ai")));
            }
        }
        return events;
    }

    private static EventEnvelope event(String tenant, String subject, Instant at, Record payload) {
        return new EventEnvelope(Ids.uuidV7(), EventType.forPayload(payload.getClass()).wireName(), tenant, at, subject,
                EventJson.MAPPER.valueToTree(payload));
    }
}
