package io.barrage.engine.run;

/** Stops a running test cleanly: in-flight calls finish (within the grace period), results are written. */
public interface StopControl {
    void stop(String reason, String origin);
}
