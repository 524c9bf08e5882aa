package io.barrage.engine.user;

/**
 * Thrown out of a think or sleep when the user has been retired (ramp-down, stop), so that the rest
 * of its iteration does not run. The executors catch it; user code should let it through.
 */
public final class VuStopped extends RuntimeException {
    public VuStopped() {
        super("virtual user stopped", null, false, false);
    }
}
