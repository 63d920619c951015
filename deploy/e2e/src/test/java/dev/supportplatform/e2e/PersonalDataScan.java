package dev.supportplatform.e2e;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringDeserializer;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Looks for strings (a person's name, email, ids) everywhere the platform keeps data, without knowing its tables or
 * keys: every column of every table in every schema of its database (cast to text, so new tables and columns are
 * covered as they appear), every key and value in every Redis database, and every record on every Kafka topic.
 */
final class PersonalDataScan {

    private PersonalDataScan() {
    }

    /** Where each needle was found in the database: "schema.table.column" to the number of rows. */
    static Map<String, Long> database(String jdbcUrl, Collection<String> needles) throws SQLException {
        Map<String, Long> hits = new TreeMap<>();
        try (Connection db = DriverManager.getConnection(jdbcUrl, "postgres", "")) {
            List<String[]> columns = new ArrayList<>();
            try (ResultSet rs = db.createStatement().executeQuery("select c.table_schema, c.table_name, c.column_name "
                    + "from information_schema.columns c join information_schema.tables t on t.table_schema = c.table_schema "
                    + "and t.table_name = c.table_name where t.table_type = 'BASE TABLE' "
                    + "and c.table_schema not in ('pg_catalog', 'information_schema') and c.table_schema not like 'pg_toast%' "
                    + "order by 1, 2, 3")) {
                while (rs.next()) {
                    columns.add(new String[]{rs.getString(1), rs.getString(2), rs.getString(3)});
                }
            }
            for (String[] c : columns) {
                String sql = "select count(*) from " + quote(c[0]) + "." + quote(c[1]) + " where strpos(lower(" + quote(c[2])
                        + "::text), ?) > 0";
                for (String needle : needles) {
                    try (PreparedStatement ps = db.prepareStatement(sql)) {
                        ps.setString(1, needle.toLowerCase(Locale.ROOT));
                        try (ResultSet rs = ps.executeQuery()) {
                            rs.next();
                            long n = rs.getLong(1);
                            if (n > 0) {
                                hits.merge(c[0] + "." + c[1] + "." + c[2] + " ~ " + needle, n, Long::sum);
                            }
                        }
                    }
                }
            }
            if (columns.size() < 50) {
                throw new IllegalStateException("only " + columns.size() + " columns found: is this the platform's database?");
            }
        }
        return hits;
    }

    /** Keys whose name or value contains a needle, in every Redis database: "db/key" to what matched. */
    static Map<String, String> redis(int port, Collection<String> needles) {
        Map<String, String> hits = new TreeMap<>();
        try (Jedis redis = new Jedis("localhost", port)) {
            int databases = Integer.parseInt(redis.configGet("databases").values().iterator().next());
            for (int db = 0; db < databases; db++) {
                redis.select(db);
                String cursor = ScanParams.SCAN_POINTER_START;
                do {
                    ScanResult<String> page = redis.scan(cursor, new ScanParams().count(1000));
                    for (String key : page.getResult()) {
                        String content = key + "\n" + valueOf(redis, key);
                        for (String needle : needles) {
                            if (content.toLowerCase(Locale.ROOT).contains(needle.toLowerCase(Locale.ROOT))) {
                                hits.put(db + "/" + key, needle);
                            }
                        }
                    }
                    cursor = page.getCursor();
                } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
            }
        }
        return hits;
    }

    private static String valueOf(Jedis redis, String key) {
        return switch (redis.type(key)) {
            case "string" -> String.valueOf(redis.get(key));
            case "hash" -> redis.hgetAll(key).toString();
            case "list" -> redis.lrange(key, 0, -1).toString();
            case "set" -> redis.smembers(key).toString();
            case "zset" -> redis.zrange(key, 0, -1).toString();
            default -> "";
        };
    }

    /** One record of a topic: its key and value. */
    record KafkaRecord(String topic, String key, String value) {
    }

    /** Every record on every topic of the broker, from the beginning up to the current end. */
    static List<KafkaRecord> kafka(String bootstrap) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "2000");
        List<KafkaRecord> records = new ArrayList<>();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
             KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            Set<String> topics = admin.listTopics().names().get();
            List<TopicPartition> partitions = new ArrayList<>();
            admin.describeTopics(topics).allTopicNames().get().values().forEach(d -> d.partitions()
                    .forEach(p -> partitions.add(new TopicPartition(d.name(), p.partition()))));
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read every topic to its end within a minute");
                }
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                    records.add(new KafkaRecord(r.topic(), r.key(), r.value()));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
        return records;
    }

    /** retention.ms and segment.ms of each named topic. */
    static Map<String, Map<String, Long>> topicLimits(String bootstrap, Collection<String> topics) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            List<ConfigResource> resources = topics.stream().map(t -> new ConfigResource(ConfigResource.Type.TOPIC, t)).toList();
            Map<ConfigResource, Config> configs = admin.describeConfigs(resources).all().get();
            return configs.entrySet().stream().collect(Collectors.toMap(e -> e.getKey().name(), e -> Map.of(
                    "retention.ms", Long.parseLong(e.getValue().get("retention.ms").value()),
                    "segment.ms", Long.parseLong(e.getValue().get("segment.ms").value())), (a, b) -> a, TreeMap::new));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    private static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }
}
