package dev.supportplatform.chat.intent;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(IntentsProperties.class)
class IntentConfiguration {

    /** Loaded once per process (the ONNX models take ~100 MB each in memory). */
    @Bean(destroyMethod = "close")
    TextEncoder textEncoder(IntentsProperties properties) {
        return new TextEncoder(properties.embeddingModels(), properties.workers());
    }
}
