package io.barrage.engine.user;

/**
 * A mistake in a script found while it runs, already in barrage's words (which call, what is wrong,
 * how to fix it): executors report its message as it is, without an exception's name, at the
 * script's line it names. The iteration that throws it is a failed iteration.
 */
public final class ScriptError extends RuntimeException {
    private final String where;

    /** @param where the script's {@code file:line} of the mistake, or null */
    public ScriptError(String where, String message) {
        super(message, null, false, false);
        this.where = where;
    }

    public ScriptError(String message) {
        this(null, message);
    }

    /** The script's {@code file:line} of the mistake, or null. */
    public String where() {
        return where;
    }
}
