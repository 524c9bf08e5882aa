package io.barrage.engine.run;

import io.barrage.engine.output.RunStatus;

/** Where a running test is now. */
public interface RunStatusSource {
    RunStatus status();
}
