package dev.supportplatform.common.service.config;

import dev.supportplatform.common.events.Topics;
import dev.supportplatform.common.identity.InternalTokenCodec;
import dev.supportplatform.common.service.events.EventInbox;
import dev.supportplatform.common.service.events.EventsProperties;
import dev.supportplatform.common.service.events.OutboxRelay;
import dev.supportplatform.common.service.events.OutboxWriter;
import dev.supportplatform.common.service.events.PoisonEventException;
import dev.supportplatform.common.service.feign.FeignIdentityInterceptor;
import dev.supportplatform.common.service.identity.InternalTokenFilter;
import dev.supportplatform.common.service.identity.TenantIdentifierResolver;
import dev.supportplatform.common.service.web.DialectErrorController;
import dev.supportplatform.common.service.web.DialectErrorWriter;
import dev.supportplatform.common.service.web.DialectExceptionHandler;
import dev.supportplatform.common.service.web.RequestContextFilter;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.TopicPartition;
import org.hibernate.cfg.MultiTenancySettings;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.hibernate.autoconfigure.HibernatePropertiesCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.webmvc.autoconfigure.error.ErrorMvcAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.StringUtils;
import org.springframework.util.backoff.FixedBackOff;
import tools.jackson.databind.json.JsonMapper;

import java.util.ArrayList;
import java.util.List;

/** Wires the shared service infrastructure into every servlet service that has common-service on its classpath. */
@AutoConfiguration(before = ErrorMvcAutoConfiguration.class)
@EnableConfigurationProperties({EventsProperties.class, InternalTokenProperties.class})
public class CommonServiceAutoConfiguration {

    // --- identity ---------------------------------------------------------------------------------------

    @Bean
    InternalTokenCodec internalTokenCodec(InternalTokenProperties properties) {
        if (!StringUtils.hasText(properties.secret())) {
            throw new IllegalStateException("INTERNAL_TOKEN_SECRET (platform.internal-token.secret) must be set: "
                    + "the gateway and every service share it to sign and verify the internal identity token");
        }
        return new InternalTokenCodec(properties.secret(), properties.ttl());
    }

    @Bean
    FilterRegistrationBean<RequestContextFilter> platformRequestContextFilter() {
        FilterRegistrationBean<RequestContextFilter> registration = new FilterRegistrationBean<>(new RequestContextFilter());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    @Bean
    FilterRegistrationBean<InternalTokenFilter> platformInternalTokenFilter(InternalTokenCodec codec, DialectErrorWriter errors) {
        FilterRegistrationBean<InternalTokenFilter> registration = new FilterRegistrationBean<>(new InternalTokenFilter(codec, errors));
        // After tracing and request context, before anything that touches data.
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 100);
        return registration;
    }

    @Bean
    HibernatePropertiesCustomizer tenantScopedSessions() {
        return properties -> properties.put(MultiTenancySettings.MULTI_TENANT_IDENTIFIER_RESOLVER, new TenantIdentifierResolver());
    }

    @Bean
    FeignIdentityInterceptor feignIdentityInterceptor(InternalTokenCodec codec) {
        return new FeignIdentityInterceptor(codec);
    }

    // --- errors in the caller's dialect -------------------------------------------------------------------

    @Bean
    DialectErrorWriter dialectErrorWriter(JsonMapper jsonMapper) {
        return new DialectErrorWriter(jsonMapper);
    }

    @Bean
    DialectExceptionHandler dialectExceptionHandler(DialectErrorWriter writer) {
        return new DialectExceptionHandler(writer);
    }

    @Bean
    DialectErrorController dialectErrorController(DialectErrorWriter writer) {
        return new DialectErrorController(writer);
    }

    // --- events -------------------------------------------------------------------------------------------

    @Bean
    @SuppressWarnings("unchecked")
    OutboxRelay outboxRelay(JdbcTemplate jdbc, TransactionTemplate tx, ProducerFactory<?, ?> producerFactory, EventsProperties properties) {
        // A template of its own without observation: the trace context to send is the one stored with each event.
        KafkaTemplate<String, String> template = new KafkaTemplate<>((ProducerFactory<String, String>) producerFactory);
        return new OutboxRelay(jdbc, tx, template, properties);
    }

    @Bean
    OutboxWriter outboxWriter(JdbcTemplate jdbc, OutboxRelay relay, ObjectProvider<Tracer> tracer, ObjectProvider<Propagator> propagator) {
        return new OutboxWriter(jdbc, relay, tracer, propagator);
    }

    @Bean
    EventInbox eventInbox(JdbcTemplate jdbc, TransactionTemplate tx, @Value("${spring.application.name}") String serviceName) {
        return new EventInbox(jdbc, tx, serviceName);
    }

    /** Bounded retries, then the dead-letter topic {@code <topic>.dlt}; poison records go there at once. */
    @Bean
    CommonErrorHandler kafkaErrorHandler(KafkaTemplate<Object, Object> template, EventsProperties properties) {
        DeadLetterPublishingRecoverer recoverer = new DeadLetterPublishingRecoverer(template,
                (record, exception) -> new TopicPartition(Topics.deadLetter(record.topic()), -1));
        DefaultErrorHandler handler = new DefaultErrorHandler(recoverer,
                new FixedBackOff(properties.retryInterval().toMillis(), Math.max(0, properties.maxAttempts() - 1)));
        handler.addNotRetryableExceptions(PoisonEventException.class);
        return handler;
    }

    /** This service's topic and the dead-letter topics of those it consumes, with a bounded retention (events.md). */
    @Bean
    KafkaAdmin.NewTopics platformTopics(EventsProperties properties) {
        return new KafkaAdmin.NewTopics(topicsOf(properties).toArray(NewTopic[]::new));
    }

    private static List<NewTopic> topicsOf(EventsProperties properties) {
        List<NewTopic> topics = new ArrayList<>();
        if (StringUtils.hasText(properties.topic())) {
            topics.add(new NewTopic(properties.topic(), properties.partitions(), (short) 1).configs(properties.topicConfig()));
        }
        for (String consumed : properties.consumes()) {
            topics.add(new NewTopic(Topics.deadLetter(consumed), 1, (short) 1).configs(properties.topicConfig()));
        }
        return topics;
    }

    @Bean
    PlatformTopicsReconciler platformTopicsReconciler(KafkaAdmin admin, EventsProperties properties) {
        return new PlatformTopicsReconciler(admin, topicsOf(properties), properties.topicCheckInterval());
    }

    @Bean
    KafkaHealthIndicator kafkaHealthIndicator(KafkaAdmin admin) {
        return new KafkaHealthIndicator(admin);
    }
}
