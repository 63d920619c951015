package dev.supportplatform.chat.model;

/**
 * Thrown out of a token consumer to stop a streaming generation: the client went away or asked to stop. Models let it
 * through (and stop their upstream stream), the router neither falls back nor counts it as a model failure.
 */
public class GenerationCancelledException extends RuntimeException {

    public GenerationCancelledException() {
        super("generation cancelled", null, false, false);
    }
}
