package io.barrage.engine.run;

import java.time.Duration;

/** Moves through the phases of a running test. */
public interface PhaseControl {

    /** Ends the current phase now; the next one begins. */
    void skipPhase(String scenario, String origin);

    /** Makes the current phase longer. */
    void extendPhase(String scenario, Duration by, String origin);
}
