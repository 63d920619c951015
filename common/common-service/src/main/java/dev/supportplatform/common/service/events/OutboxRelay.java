package dev.supportplatform.common.service.events;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import static dev.supportplatform.common.events.EventJson.MAPPER;

/**
 * Sends committed outbox rows to Kafka, oldest first, and marks them relayed only once the broker has acknowledged
 * them (acks=all). A transaction-scoped advisory lock lets one replica relay at a time, which keeps each subject's
 * events in order. A failure leaves the rows in place for the next attempt: delivery is at least once, and
 * consumers are idempotent.
 */
public class OutboxRelay implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

    private record Pending(long id, String topic, String key, String payload, String headers) {
    }

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final KafkaTemplate<String, String> kafka;
    private final EventsProperties properties;
    private final Semaphore wakeUps = new Semaphore(0);
    private volatile boolean running;
    private volatile Thread worker;
    private long lastPrune;

    public OutboxRelay(JdbcTemplate jdbc, TransactionTemplate tx, KafkaTemplate<String, String> kafka, EventsProperties properties) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.kafka = kafka;
        this.properties = properties;
    }

    /** Called after a transaction that wrote events commits, so they leave at once rather than at the next poll. */
    public void wakeUp() {
        if (wakeUps.availablePermits() == 0) {
            wakeUps.release();
        }
    }

    @Override
    public void start() {
        running = true;
        worker = Thread.ofPlatform().daemon().name("outbox-relay").start(this::loop);
    }

    @Override
    public void stop() {
        running = false;
        Thread t = worker;
        if (t != null) {
            t.interrupt();
            try {
                t.join(Duration.ofSeconds(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void loop() {
        Duration backoff = properties.relayPollInterval();
        while (running) {
            try {
                wakeUps.tryAcquire(backoff.toMillis(), TimeUnit.MILLISECONDS);
                wakeUps.drainPermits();
                while (running && relayBatch() == properties.relayBatchSize()) {
                    // a full batch: there may be more waiting
                }
                pruneRelayed();
                backoff = properties.relayPollInterval();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                log.warn("Outbox relay failed, retrying in {}: {}", backoff, e.toString());
                backoff = backoff.multipliedBy(2).compareTo(Duration.ofSeconds(10)) > 0 ? Duration.ofSeconds(10) : backoff.multipliedBy(2);
            }
        }
    }

    /** Relays up to one batch; returns how many rows were relayed (0 when another replica holds the lock). */
    public int relayBatch() {
        Integer relayed = tx.execute(status -> {
            Boolean locked = jdbc.queryForObject(
                    "select pg_try_advisory_xact_lock(hashtext('event_outbox.' || current_schema()))", Boolean.class);
            if (!Boolean.TRUE.equals(locked)) {
                return 0;
            }
            List<Pending> batch = jdbc.query(
                    "select id, topic, message_key, payload::text, headers::text from event_outbox "
                            + "where published_at is null order by id limit ?",
                    (rs, i) -> new Pending(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5)),
                    properties.relayBatchSize());
            if (batch.isEmpty()) {
                return 0;
            }
            List<CompletableFuture<?>> sends = new ArrayList<>(batch.size());
            for (Pending p : batch) {
                sends.add(kafka.send(toRecord(p)));
            }
            try {
                CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new))
                        .get(properties.relaySendTimeout().toMillis(), TimeUnit.MILLISECONDS);
            } catch (Exception e) {
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                throw new IllegalStateException("Kafka did not acknowledge the outbox batch", e);
            }
            Long[] ids = batch.stream().map(Pending::id).toArray(Long[]::new);
            jdbc.update(con -> {
                var ps = con.prepareStatement("update event_outbox set published_at = now() where id = any(?)");
                ps.setArray(1, con.createArrayOf("bigint", ids));
                return ps;
            });
            return batch.size();
        });
        return relayed == null ? 0 : relayed;
    }

    private ProducerRecord<String, String> toRecord(Pending p) {
        ProducerRecord<String, String> record = new ProducerRecord<>(p.topic(), p.key(), p.payload());
        JsonNode headers = MAPPER.readTree(p.headers());
        for (var entry : headers.properties()) {
            record.headers().add(new RecordHeader(entry.getKey(), entry.getValue().asString().getBytes(StandardCharsets.UTF_8)));
        }
        return record;
    }

    private void pruneRelayed() {
        long now = System.currentTimeMillis();
        if (now - lastPrune < Duration.ofMinutes(1).toMillis()) {
            return;
        }
        lastPrune = now;
        jdbc.update("delete from event_outbox where published_at < now() - make_interval(secs => ?)",
                (double) properties.relayedRetention().toSeconds());
    }

    @Override
    public int getPhase() {
        // Stops before the Kafka producer and the DataSource it depends on.
        return Integer.MAX_VALUE - 100;
    }
}
