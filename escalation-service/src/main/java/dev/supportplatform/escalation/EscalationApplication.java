package dev.supportplatform.escalation;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.scheduling.annotation.EnableScheduling;

/** escalation-service: owns tickets, escalation rules, webhook subscriptions and deliveries. */
@SpringBootApplication
@EnableScheduling
public class EscalationApplication {

    public static void main(String[] args) {
        SpringApplication.run(EscalationApplication.class, args);
    }
}
