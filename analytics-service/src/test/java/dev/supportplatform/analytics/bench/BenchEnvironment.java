package dev.supportplatform.analytics.bench;

import dev.supportplatform.analytics.AnalyticsApplication;
import dev.supportplatform.common.events.Topics;
import dev.supportplatform.common.test.TestTokens;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/** The service as it runs, in this JVM: an embedded KRaft broker, the machine's PostgreSQL, the real HTTP port. */
final class BenchEnvironment implements AutoCloseable {
    final EmbeddedKafkaKraftBroker broker;
    final ConfigurableApplicationContext app;
    final int port;

    BenchEnvironment() {
        broker = new EmbeddedKafkaKraftBroker(1, 3, Topics.CHAT, Topics.CRM, Topics.KNOWLEDGE, Topics.ESCALATION);
        broker.afterPropertiesSet();
        // System properties: they take precedence over the shared platform defaults, as environment variables would.
        for (String setting : new String[]{
                "spring.kafka.bootstrap-servers=" + broker.getBrokersAsString(),
                "platform.internal-token.secret=" + TestTokens.SECRET,
                "server.port=0",
                "logging.structured.format.console=",
                "logging.level.root=WARN",
                "logging.level.org.apache.kafka=ERROR",
                "logging.level.kafka=ERROR",
                "logging.level.dev.supportplatform.analytics.ingest=" + System.getProperty("bench.ingest.log", "WARN")}) {
            int eq = setting.indexOf('=');
            System.setProperty(setting.substring(0, eq), setting.substring(eq + 1));
        }
        app = new SpringApplicationBuilder(AnalyticsApplication.class).run();
        port = Integer.parseInt(app.getEnvironment().getProperty("local.server.port"));
    }

    String brokers() {
        return broker.getBrokersAsString();
    }

    @Override
    public void close() {
        app.close();
        broker.destroy();
    }
}
