package io.barrage.engine.run;

/** Pause and resume: the phase clock stops, no new load starts, stats keep flowing. */
public interface PauseControl {
    /** @return false if it was already paused (or not running) */
    boolean pause(String origin);

    /** @return false if it was not paused */
    boolean resume(String origin);
}
