package dev.supportplatform.chat.turn;

import dev.supportplatform.common.identity.Identity;
import dev.supportplatform.common.service.identity.IdentityContext;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ParallelTest {

    @Test
    void aStepRunsOnAnotherThreadAsTheTurnsIdentityAndLogContext() {
        Identity identity = identity("tenant-a");
        AtomicReference<String> thread = new AtomicReference<>();
        AtomicReference<String> logTenant = new AtomicReference<>();
        MDC.put("tenant_id", "tenant-a");
        try {
            Parallel<String> step = IdentityContext.callAs(identity, () -> Parallel.start("turn-test", () -> {
                thread.set(Thread.currentThread().getName());
                logTenant.set(MDC.get("tenant_id"));
                return IdentityContext.requireTenant();
            }));
            assertThat(step.join()).isEqualTo("tenant-a");
            assertThat(step.ms()).isGreaterThanOrEqualTo(0.0);
        } finally {
            MDC.remove("tenant_id");
        }
        assertThat(thread.get()).isEqualTo("turn-test").isNotEqualTo(Thread.currentThread().getName());
        assertThat(logTenant.get()).isEqualTo("tenant-a");
    }

    @Test
    void aStepBelongsToTheTurnsCurrentObservationSoItsCallsAreInTheRequestsTrace() {
        ObservationThreadLocalAccessor accessor = ObservationThreadLocalAccessor.getInstance();
        ObservationRegistry before = accessor.getObservationRegistry();
        ObservationRegistry registry = ObservationRegistry.create();
        registry.observationConfig().observationHandler(context -> true);
        accessor.setObservationRegistry(registry);
        try {
            Observation turn = Observation.start("chat.turn", registry);
            Parallel<Observation> step;
            try (Observation.Scope scope = turn.openScope()) {
                step = Parallel.start("traced", registry::getCurrentObservation);
            } finally {
                turn.stop();
            }
            assertThat(step.join()).isSameAs(turn);
        } finally {
            accessor.setObservationRegistry(before);
        }
    }

    @Test
    void twoTurnsInParallelEachSeeTheirOwnTenant() {
        Parallel<String> a = IdentityContext.callAs(identity("tenant-a"), () -> Parallel.start("a", IdentityContext::requireTenant));
        Parallel<String> b = IdentityContext.callAs(identity("tenant-b"), () -> Parallel.start("b", IdentityContext::requireTenant));
        assertThat(a.join()).isEqualTo("tenant-a");
        assertThat(b.join()).isEqualTo("tenant-b");
    }

    @Test
    void aFailingStepThrowsItsOwnExceptionWhenJoinedAsIfItHadRunInLine() {
        IllegalArgumentException failure = new IllegalArgumentException("no such model");
        Parallel<String> step = IdentityContext.callAs(identity("tenant-a"), () -> Parallel.start("failing", () -> {
            throw failure;
        }));
        assertThatThrownBy(step::join).isSameAs(failure);
        assertThatThrownBy(step::join).as("joined again, the same failure").isSameAs(failure);
    }

    @Test
    void aStepWithoutIdentityHasNone() {
        Parallel<Boolean> step = Parallel.start("anonymous", () -> IdentityContext.current().isPresent());
        assertThat(step.join()).isFalse();
    }

    private static Identity identity(String tenant) {
        return Identity.service("chat-test", tenant);
    }
}
