package dev.supportplatform.common.test.sample;

import dev.supportplatform.common.test.ServiceIntegrationTest;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.test.context.TestPropertySource;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A service's topics keep their settings (events.md: bounded retention, so personal data in events is forgotten) even
 * when the topic ended up with the broker's defaults: auto-created by a consumer's metadata request just before the
 * service created it, or changed by hand.
 */
@ServiceIntegrationTest
@TestPropertySource(properties = "platform.events.topic-check-interval=1s")
class TopicSettingsTest {

    private static final ConfigResource CRM_EVENTS = new ConfigResource(ConfigResource.Type.TOPIC, "crm.events");

    @Value("${spring.embedded.kafka.brokers}")
    String brokers;

    @Test
    void aTopicLeftWithTheBrokersDefaultsGetsThePlatformsRetentionBack() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, brokers))) {
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(setting(admin, "segment.ms")).as("set by the service at its start").isEqualTo(Duration.ofDays(1).toMillis()));

            // What a topic auto-created with the broker's defaults looks like (7-day segments); twice, so that the
            // second time is certainly after the service's first check at startup. Not read back here: the service
            // may already have put the settings back.
            for (int round = 1; round <= 2; round++) {
                admin.incrementalAlterConfigs(Map.of(CRM_EVENTS, List.of(
                        new AlterConfigOp(new ConfigEntry("segment.ms", ""), AlterConfigOp.OpType.DELETE),
                        new AlterConfigOp(new ConfigEntry("retention.ms", ""), AlterConfigOp.OpType.DELETE)))).all().get();

                await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                    assertThat(setting(admin, "segment.ms")).isEqualTo(Duration.ofDays(1).toMillis());
                    assertThat(setting(admin, "retention.ms")).isEqualTo(Duration.ofDays(7).toMillis());
                });
            }
        }
    }

    private static long setting(Admin admin, String name) throws Exception {
        Config config = admin.describeConfigs(List.of(CRM_EVENTS)).all().get().get(CRM_EVENTS);
        return Long.parseLong(config.get(name).value());
    }
}
