package dev.supportplatform.analytics.rebuild;

import dev.supportplatform.analytics.ingest.AnalyticsEventListener;
import dev.supportplatform.analytics.ingest.EventBatchProcessor;
import dev.supportplatform.common.events.EventEnvelope;
import dev.supportplatform.common.events.Topics;
import dev.supportplatform.common.service.events.PoisonEventException;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

/**
 * Rebuilds one tenant's analytics from scratch: deletes its facts, rollups and inbox claims, then reads every
 * consumed topic from offset 0 with a fresh consumer group (up to the end offsets seen at the start) and feeds the
 * tenant's events through the same {@link EventBatchProcessor} the live consumer uses. The live consumer keeps
 * running: an event both paths see is claimed once.
 */
@Service
public class RebuildService {
    private static final Logger log = LoggerFactory.getLogger(RebuildService.class);
    static final List<String> TOPICS = List.of(Topics.CHAT, Topics.CRM, Topics.KNOWLEDGE, Topics.ESCALATION);
    /**
     * Everything derived from the events, except erased_contact: those tombstones (hashes only) are the record of an
     * erasure and must outlive a rebuild, so that a replay anonymises an erased person's events on arrival even when
     * the contact.erased event itself is no longer on the topic.
     */
    private static final List<String> TENANT_TABLES = List.of("conversation_fact", "message_fact", "tool_call_fact", "session_fact",
            "feedback_fact", "escalation_fact", "document_fact", "contact_fact", "contact_activity", "contact_last_active", "event_rollup",
            "answer_rollup", "tool_rollup", "conv_rollup", "event_rollup_day", "answer_rollup_day", "tool_rollup_day", "conv_rollup_day");

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final EventBatchProcessor processor;
    private final ConsumerFactory<?, ?> consumerFactory;

    public RebuildService(JdbcTemplate jdbc, TransactionTemplate tx, EventBatchProcessor processor, ConsumerFactory<?, ?> consumerFactory) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.processor = processor;
        this.consumerFactory = consumerFactory;
    }

    public record Result(long recordsRead, long tenantEvents, long applied, long durationMs) {
    }

    public Result rebuild(String tenant) {
        long started = System.nanoTime();
        wipe(tenant);
        long[] counts = replay(tenant);
        Result result = new Result(counts[0], counts[1], counts[2], (System.nanoTime() - started) / 1_000_000);
        log.info("Rebuilt analytics of tenant {}: {}", tenant, result);
        return result;
    }

    /** Deletes everything analytics derived from the tenant's events (its settings, agent ids and erasure tombstones stay). */
    public void wipe(String tenant) {
        tx.executeWithoutResult(status -> {
            jdbc.queryForList("select pg_advisory_xact_lock(hashtext('analytics:' || ?))", tenant);
            for (String table : TENANT_TABLES) {
                jdbc.update("delete from " + table + " where tenant_id = ?", tenant);
            }
            jdbc.update("delete from event_inbox where consumer = ?", EventBatchProcessor.consumerName(tenant));
        });
    }

    private long[] replay(String tenant) {
        long read = 0;
        long ofTenant = 0;
        long applied = 0;
        Properties overrides = new Properties();
        overrides.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        overrides.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        overrides.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "2000");
        try (Consumer<?, ?> raw = consumerFactory.createConsumer("analytics-rebuild-" + UUID.randomUUID(), "analytics-rebuild", null, overrides)) {
            @SuppressWarnings("unchecked")
            Consumer<String, String> consumer = (Consumer<String, String>) raw;
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : TOPICS) {
                List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(10));
                if (infos != null) {
                    infos.forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
                }
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (!reached(consumer, end)) {
                ConsumerRecords<String, String> records = consumer.poll(Duration.ofMillis(500));
                List<EventEnvelope> events = new ArrayList<>();
                for (ConsumerRecord<String, String> record : records) {
                    if (record.offset() >= end.getOrDefault(new TopicPartition(record.topic(), record.partition()), 0L)) {
                        continue;
                    }
                    read++;
                    EventEnvelope event;
                    try {
                        event = AnalyticsEventListener.parse(record);
                    } catch (PoisonEventException e) {
                        continue; // the live consumer sent it to the dead-letter topic; it never counted
                    }
                    if (event != null && tenant.equals(event.tenantId())) {
                        events.add(event);
                    }
                }
                ofTenant += events.size();
                if (!events.isEmpty()) {
                    applied += processor.process(events);
                }
            }
        }
        return new long[]{read, ofTenant, applied};
    }

    private static boolean reached(Consumer<String, String> consumer, Map<TopicPartition, Long> end) {
        for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
            if (consumer.position(e.getKey()) < e.getValue()) {
                return false;
            }
        }
        return true;
    }
}
