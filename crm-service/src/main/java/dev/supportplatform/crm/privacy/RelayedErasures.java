package dev.supportplatform.crm.privacy;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * A contact.erased event names the erased person's ids, so its outbox row must not wait out the relay's usual
 * retention once Kafka has it: relayed erasure events are deleted within seconds. (The copy on the topic lives until
 * the topic's retention, see docs/architecture.md, "Personal data".)
 */
@Component
class RelayedErasures {

    private final JdbcTemplate jdbc;

    RelayedErasures(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Scheduled(fixedDelayString = "${platform.privacy.relayed-erasure-cleanup:5s}")
    void deleteRelayed() {
        jdbc.update("delete from event_outbox where published_at is not null and payload ->> 'type' = 'contact.erased'");
    }
}
