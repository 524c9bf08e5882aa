package io.barrage.cli;

import io.barrage.engine.run.Run;
import sun.misc.Signal;

/** Ctrl-C and SIGTERM stop a run cleanly (summary and results still written); a second Ctrl-C leaves at once. */
final class Signals {
    private Signals() {}

    static void onStop(Run run) {
        for (String name : new String[] {"INT", "TERM"}) {
            try {
                Signal.handle(new Signal(name), s -> {
                    if (run.stopRequested()) {
                        System.err.println("\nbarrage: stopping at once (second " + s.getName() + "); results so far are on disk");
                        Runtime.getRuntime().halt(130);
                    }
                    System.err.println("\nbarrage: SIG" + s.getName() + " — stopping cleanly; press Ctrl-C again to quit at once");
                    run.stop("interrupted by SIG" + s.getName(), "signal");
                });
            } catch (IllegalArgumentException ignored) {
                // a platform without this signal
            }
        }
    }
}
