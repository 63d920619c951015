package dev.supportplatform.gateway.support;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.TestPropertySource;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The whole gateway on a random port, against the machine's PostgreSQL and Redis, with the five services replaced by
 * {@link TestBackends}. Tests call it through real HTTP with {@link GatewayClient}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = GatewayIntegrationTest.Backends.class)
@TestPropertySource(properties = {
        "platform.internal-token.secret=" + TestSecrets.INTERNAL_TOKEN_SECRET,
        "gateway.auth.root-api-key=" + TestSecrets.ROOT_KEY,
        "gateway.auth.jwt-hs256-secret=" + TestSecrets.JWT_SECRET,
        "gateway.auth.trusted-proxies=127.0.0.1,0:0:0:0:0:0:0:1",
        "gateway.auth.max-body-size=1MB",
        "spring.cloud.gateway.server.webflux.httpclient.response-timeout=2s",
        "logging.structured.format.console=",
        // no broker in most gateway tests: only SessionErasureTest starts one and its listener
        "spring.kafka.listener.auto-startup=false",
})
public @interface GatewayIntegrationTest {

    class Backends implements ApplicationContextInitializer<ConfigurableApplicationContext> {
        @Override
        public void initialize(ConfigurableApplicationContext context) {
            context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("testBackends", TestBackends.properties()));
        }
    }
}
