package io.barrage.engine.user;

/**
 * A mistake in a script found while it runs, already in barrage's words (which call, what is wrong,
 * how to fix it): executors report its message as it is, without an exception's name. The call
 * that throws it fails as a script error.
 */
public final class ScriptError extends RuntimeException {
    public ScriptError(String message) {
        super(message, null, false, false);
    }
}
