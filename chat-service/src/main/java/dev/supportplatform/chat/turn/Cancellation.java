package dev.supportplatform.chat.turn;

/**
 * Lets whoever receives a streamed answer stop it: the client disconnected or asked to stop. The turn checks it
 * before each token; once set, generation stops and what was generated so far is stored, marked interrupted.
 */
public final class Cancellation {

    private volatile boolean cancelled;

    public void cancel() {
        cancelled = true;
    }

    public boolean isCancelled() {
        return cancelled;
    }
}
