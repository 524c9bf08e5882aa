package io.barrage.engine.run;

/** Where a running test is now. */
public interface RunStatusSource {
    RunStatus status();
}
