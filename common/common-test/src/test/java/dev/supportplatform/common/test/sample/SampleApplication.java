package dev.supportplatform.common.test.sample;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.cloud.openfeign.EnableFeignClients;

/**
 * A minimal service built on common-service exactly as the real ones are, so that the shared infrastructure
 * (identity, dialect errors, outbox, idempotent consumers, dead letters) is tested once, here, end to end.
 */
@SpringBootApplication
@EnableFeignClients
public class SampleApplication {
}
