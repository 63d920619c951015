package dev.supportplatform.common.test.sample;

import dev.supportplatform.common.events.Topics;
import dev.supportplatform.common.service.events.EventInbox;
import dev.supportplatform.common.service.identity.IdentityContext;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import java.util.concurrent.atomic.AtomicInteger;

/** Records every event it processes; can be told to fail a number of times first. */
@Component
public class SampleEventListener {

    public static final AtomicInteger FAILURES_TO_INJECT = new AtomicInteger();
    public static final AtomicInteger ATTEMPTS = new AtomicInteger();

    private final EventInbox inbox;
    private final JdbcTemplate jdbc;
    private final Tracer tracer;

    public SampleEventListener(EventInbox inbox, JdbcTemplate jdbc, Tracer tracer) {
        this.inbox = inbox;
        this.jdbc = jdbc;
        this.tracer = tracer;
    }

    @KafkaListener(topics = Topics.CRM)
    public void on(ConsumerRecord<String, String> record) {
        inbox.consume("sample-recorder", record, event -> {
            ATTEMPTS.incrementAndGet();
            Span span = tracer.currentSpan();
            jdbc.update("insert into received_event (event_id, tenant_id, subject, trace_id) values (?, ?, ?, ?)",
                    event.eventId(), IdentityContext.requireTenant(), event.subject(), span == null ? null : span.context().traceId());
            if (FAILURES_TO_INJECT.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                throw new IllegalStateException("injected failure after writing: the insert must roll back");
            }
        });
    }
}
