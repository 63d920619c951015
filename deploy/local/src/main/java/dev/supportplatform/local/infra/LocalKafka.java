package dev.supportplatform.local.infra;

import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * One embedded KRaft broker (spring-kafka-test) on a free port chosen when it starts; the services are given its
 * address. (This version's KRaft broker binds pre-opened sockets on free ports and ignores a requested port.)
 * Its log lives in a temporary folder that the broker formats on every start: what must survive a restart is in
 * PostgreSQL (the services' outboxes and inboxes), Kafka only carries it between them.
 */
public final class LocalKafka implements AutoCloseable {

    private final EmbeddedKafkaKraftBroker broker;

    private LocalKafka(EmbeddedKafkaKraftBroker broker) {
        this.broker = broker;
    }

    public static LocalKafka start() {
        EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, 3);
        // Services create their topics on first use, as they do against a cluster with auto-creation.
        broker.brokerProperty("auto.create.topics.enable", "true");
        broker.brokerProperty("transaction.state.log.replication.factor", "1");
        broker.brokerProperty("transaction.state.log.min.isr", "1");
        broker.afterPropertiesSet();
        return new LocalKafka(broker);
    }

    public String bootstrapServers() {
        return broker.getBrokersAsString();
    }

    @Override
    public void close() {
        broker.destroy();
    }
}
