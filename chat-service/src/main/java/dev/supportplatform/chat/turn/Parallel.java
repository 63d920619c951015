package dev.supportplatform.chat.turn;

import dev.supportplatform.common.service.identity.IdentityContext;
import io.micrometer.context.ContextSnapshot;
import io.micrometer.context.ContextSnapshotFactory;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.function.Supplier;

/**
 * One step of a turn run on a virtual thread while the turn goes on, as the turn's identity (tenant, the token to
 * forward), with its log context and its trace context (the current observation, so calls the step makes belong to
 * the request's trace). Joining it gives the step's result, or throws what the step threw, as if it
 * had run in line.
 */
final class Parallel<T> {

    private static final ContextSnapshotFactory SNAPSHOTS = ContextSnapshotFactory.builder().build();

    private final FutureTask<T> task;
    private volatile double ms;

    private Parallel(Supplier<T> step) {
        Supplier<T> carried = IdentityContext.carry(step);
        ContextSnapshot traced = SNAPSHOTS.captureAll();
        this.task = new FutureTask<>(() -> {
            long began = System.nanoTime();
            try (ContextSnapshot.Scope scope = traced.setThreadLocals()) {
                return carried.get();
            } finally {
                ms = Math.round((System.nanoTime() - began) / 10_000.0) / 100.0;
            }
        });
    }

    static <T> Parallel<T> start(String name, Supplier<T> step) {
        Parallel<T> parallel = new Parallel<>(step);
        Thread.ofVirtual().name(name).start(parallel.task);
        return parallel;
    }

    /** How long the step itself took, in milliseconds (rounded to 0.01); known once {@link #join()} returned. */
    double ms() {
        return ms;
    }

    /** The step's result; its RuntimeException or Error is rethrown as it was thrown. */
    T join() {
        try {
            return task.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for a step of the turn", e);
        }
    }
}
