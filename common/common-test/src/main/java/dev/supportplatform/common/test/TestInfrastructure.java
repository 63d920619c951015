package dev.supportplatform.common.test;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;

import java.util.HashMap;
import java.util.Map;

/**
 * Points a test context at real infrastructure. Connection settings given in the environment (DATABASE_URL,
 * REDIS_HOST, ...) win; without them, Testcontainers starts PostgreSQL with pgvector and Redis where a Docker
 * engine runs; otherwise the machine's own services on their standard ports are used (as .ci/run provides).
 */
public class TestInfrastructure implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    private static final Logger log = LoggerFactory.getLogger(TestInfrastructure.class);
    private static Map<String, Object> containerProperties;

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        ConfigurableEnvironment env = context.getEnvironment();
        boolean configured = env.containsProperty("DATABASE_URL") || System.getenv("DATABASE_URL") != null;
        if (configured || !dockerAvailable()) {
            return;
        }
        env.getPropertySources().addFirst(new MapPropertySource("testcontainers", containers()));
    }

    private static synchronized Map<String, Object> containers() {
        if (containerProperties == null) {
            log.info("No DATABASE_URL given and a Docker engine is available: starting PostgreSQL and Redis containers");
            PostgreSQLContainer postgres = new PostgreSQLContainer(
                    DockerImageName.parse("pgvector/pgvector:pg17").asCompatibleSubstituteFor("postgres"));
            postgres.start();
            GenericContainer<?> redis = new GenericContainer<>(DockerImageName.parse("redis:7-alpine")).withExposedPorts(6379);
            redis.start();
            Map<String, Object> properties = new HashMap<>();
            properties.put("spring.datasource.url", postgres.getJdbcUrl());
            properties.put("spring.datasource.username", postgres.getUsername());
            properties.put("spring.datasource.password", postgres.getPassword());
            properties.put("spring.data.redis.host", redis.getHost());
            properties.put("spring.data.redis.port", redis.getMappedPort(6379));
            containerProperties = properties;
        }
        return containerProperties;
    }

    private static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (Throwable e) {
            return false;
        }
    }
}
