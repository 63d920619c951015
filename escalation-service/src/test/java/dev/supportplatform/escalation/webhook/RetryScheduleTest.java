package dev.supportplatform.escalation.webhook;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/** The retry policy with the shipped defaults (10 s doubling to 1 h, 24 h window), on a delivery that always fails. */
class RetryScheduleTest {

    private static final WebhookProperties DEFAULTS = new WebhookProperties(false, Duration.ofHours(24), Duration.ofSeconds(10),
            Duration.ofHours(1), 4, 10, Duration.ofSeconds(60), Duration.ofMillis(500), Duration.ofSeconds(5), Duration.ofSeconds(10));

    @Test
    void pausesDoubleFromTenSecondsToAnHourWithHalfOfEachRandom() {
        RetrySchedule schedule = new RetrySchedule(DEFAULTS, new SplittableRandom(7));
        for (int attempt = 1; attempt <= 45; attempt++) {
            long exp = Math.min(Duration.ofHours(1).toMillis(), Duration.ofSeconds(10).toMillis() << Math.min(attempt - 1, 30));
            Set<Long> seen = new HashSet<>();
            for (int i = 0; i < 50; i++) {
                long pause = schedule.backoff(attempt).toMillis();
                assertThat(pause).as("attempt %d", attempt).isBetween(exp / 2, exp);
                seen.add(pause);
            }
            assertThat(seen.size()).as("jitter at attempt %d", attempt).isGreaterThan(1);
        }
    }

    @Test
    void aDeliveryThatNeverSucceedsIsRetriedForAtLeastTheWholeDayThenGivenUp() {
        RetrySchedule schedule = new RetrySchedule(DEFAULTS, new SplittableRandom(11));
        Instant created = Instant.parse("2026-01-10T00:00:00Z");
        Instant attemptAt = created;
        int attempts = 0;
        while (true) {
            attempts++;
            if (schedule.givesUp(created, attemptAt)) {
                break;
            }
            attemptAt = attemptAt.plus(schedule.backoff(attempts));
        }
        Duration lastAttempt = Duration.between(created, attemptAt);
        assertThat(lastAttempt).as("the attempt that gives up").isGreaterThanOrEqualTo(Duration.ofHours(24))
                .isLessThanOrEqualTo(Duration.ofHours(25));
        assertThat(attempts).as("about 9 doubling steps, then hourly").isBetween(25, 50);
    }

    @Test
    void aFailureJustInsideTheWindowIsStillRetried() {
        RetrySchedule schedule = new RetrySchedule(DEFAULTS, new SplittableRandom(1));
        Instant created = Instant.parse("2026-01-10T00:00:00Z");
        assertThat(schedule.givesUp(created, created.plus(Duration.ofHours(24)).minusMillis(1))).isFalse();
        assertThat(schedule.givesUp(created, created.plus(Duration.ofHours(24)))).isTrue();
    }
}
