package dev.supportplatform.common.test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.TestPropertySource;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A service started whole on a random port, against real PostgreSQL (with pgvector) and Redis and an embedded
 * KRaft Kafka broker in the test JVM. Tests call it through HTTP with {@link HttpApi} and {@link TestTokens}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@EmbeddedKafka(partitions = 3)
@ContextConfiguration(initializers = TestInfrastructure.class)
@TestPropertySource(properties = {
        "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
        "platform.internal-token.secret=" + TestTokens.SECRET,
        "platform.events.relay-poll-interval=50ms",
        "platform.events.retry-interval=100ms",
        "logging.structured.format.console=",
})
public @interface ServiceIntegrationTest {
}
