package dev.supportplatform.gateway;

import dev.supportplatform.gateway.ratelimit.Decision;
import dev.supportplatform.gateway.ratelimit.Limit;
import dev.supportplatform.gateway.ratelimit.RateLimitProperties;
import dev.supportplatform.gateway.ratelimit.RateLimiter;
import dev.supportplatform.gateway.support.GatewayIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two replicas' limiters sharing Redis: leased tokens never let the replicas together exceed a limit, leave at most
 * a few requests of it unused, and small limits are counted exactly, request by request, on whichever replica.
 */
@GatewayIntegrationTest
class RateLimitLeasesTest {

    @Autowired
    ReactiveStringRedisTemplate redis;

    @Autowired
    RateLimitProperties properties;

    RateLimiter replicaA;
    RateLimiter replicaB;

    @BeforeEach
    void twoReplicas() throws InterruptedException {
        replicaA = new RateLimiter(redis, properties);
        replicaB = new RateLimiter(redis, properties);
        long secondOfHour = Instant.now().getEpochSecond() % 3600;
        if (secondOfHour > 3600 - 60) { // the hourly window must not end during a test
            Thread.sleep((3600 - secondOfHour) * 1000 + 100);
        }
    }

    private static List<Limit> hourly(String subject, long perHour) {
        return List.of(new Limit("lease-test", subject, perHour, 3600));
    }

    private static String ip() {
        return "lease-" + UUID.randomUUID();
    }

    @Test
    void replicasTogetherAdmitAtMostTheSharedLimitAndLeaveAlmostNoneOfItUnused() {
        List<Limit> limits = hourly(UUID.randomUUID().toString(), 5000);
        String ip = ip();
        int admitted = 0;
        int refusedInARow = 0;
        for (int i = 0; refusedInARow < 2 && i < 6000; i++) {
            Decision decision = (i % 3 == 0 ? replicaB : replicaA).check(ip, limits).block();
            if (decision.allowed()) {
                admitted++;
                refusedInARow = 0;
            } else {
                assertThat(decision.remaining()).isZero();
                assertThat(Long.parseLong(String.valueOf(decision.retryAfterSeconds()))).isPositive();
                refusedInARow++;
            }
        }
        assertThat(admitted).isLessThanOrEqualTo(5000).isGreaterThanOrEqualTo(5000 - 4);
        assertThat(replicaA.check(ip, limits).block().allowed()).isFalse();
        assertThat(replicaB.check(ip, limits).block().allowed()).isFalse();
    }

    @Test
    void oneReplicaReportsTheExactRemainingCountWhileServingFromItsLease() {
        List<Limit> limits = hourly(UUID.randomUUID().toString(), 10_000);
        String ip = ip();
        for (int n = 1; n <= 300; n++) {
            Decision decision = replicaA.check(ip, limits).block();
            assertThat(decision.allowed()).isTrue();
            assertThat(decision.remaining()).as("after request %d", n).isEqualTo(10_000 - n);
        }
        // the other replica counts this replica's unused reserved tokens as used, never more than remains
        Decision other = replicaB.check(ip, limits).block();
        assertThat(other.remaining()).isLessThan(10_000 - 300);
    }

    @Test
    void limitsBelow128AreCountedExactlyAcrossReplicas() {
        List<Limit> limits = hourly(UUID.randomUUID().toString(), 100);
        String ip = ip();
        for (int n = 1; n <= 100; n++) {
            Decision decision = (n % 2 == 0 ? replicaB : replicaA).check(ip, limits).block();
            assertThat(decision.allowed()).as("request %d", n).isTrue();
            assertThat(decision.remaining()).as("after request %d", n).isEqualTo(100 - n);
        }
        assertThat(replicaA.check(ip, limits).block().allowed()).isFalse();
        assertThat(replicaB.check(ip, limits).block().allowed()).isFalse();
    }

    @Test
    void anIpLockedOutOnOneReplicaIsRefusedOnTheOther() {
        String ip = ip();
        List<Limit> small = List.of(new Limit("lease-test-minute", ip, 100, 60));
        List<Limit> large = hourly(UUID.randomUUID().toString(), 100_000);
        assertThat(replicaB.check(ip, large).block().allowed()).isTrue(); // B now holds leased tokens for it
        for (int i = 0; i < properties.failedAuthPerMinute(); i++) {
            replicaA.recordFailure(ip).block();
        }
        Decision onA = replicaA.check(ip, large).block();
        assertThat(onA.allowed()).isFalse();
        assertThat(onA.limit().name()).isEqualTo("auth-failures");
        // a limit counted request by request asks Redis, which refuses the locked-out IP
        Decision onB = replicaB.check(ip, small).block();
        assertThat(onB.allowed()).isFalse();
        assertThat(onB.limit().name()).isEqualTo("auth-failures");
        // so do leased tokens, from the moment B counts a failed attempt of its own
        replicaB.recordFailure(ip).block();
        assertThat(replicaB.check(ip, large).block().allowed()).isFalse();
    }
}
