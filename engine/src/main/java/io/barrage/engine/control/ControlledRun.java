package io.barrage.engine.control;

import io.barrage.engine.output.Output;
import io.barrage.engine.output.RunEvent;
import io.barrage.engine.output.RunStatus;
import io.barrage.engine.run.Run;
import io.barrage.engine.run.RunControl;
import io.barrage.engine.summary.RunSummary;
import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A run as whoever steers it sees it: {@link RunControl} to steer, and what steering needs to read —
 * its name, the summary so far, whether it ended, its events. A run of this process ({@link #of})
 * or of another one through its control API ({@link RemoteRunControl}); a caller cannot tell them
 * apart, refusals included (an {@link IllegalArgumentException} with the same one line).
 */
public interface ControlledRun extends RunControl {

    /** The plan's name. */
    String name();

    /** The summary as of the last interval, the final one once the run ended; null before the first interval. */
    RunSummary summarySoFar();

    /** True once the run ended. */
    boolean finished();

    /**
     * Delivers the run's events from now on (phases, control commands, warnings...) to
     * {@code consumer} until the run ends or the subscription is closed: on the run's threads in this
     * process (keep it short), on the subscription's own thread for a remote run.
     */
    Subscription events(Consumer<RunEvent> consumer);

    /** An events subscription; closing it stops the deliveries. */
    interface Subscription extends AutoCloseable {
        @Override
        void close();
    }

    /** The run {@code run} of this process. */
    static ControlledRun of(Run run) {
        return new Local(run);
    }

    /** A run of this process: every call goes straight to it. */
    final class Local implements ControlledRun {
        private final Run run;

        private Local(Run run) {
            this.run = run;
        }

        @Override public String name() { return run.view().planName(); }
        @Override public RunSummary summarySoFar() { return run.summarySoFar(); }
        @Override public boolean finished() { return run.finished(); }
        @Override public RunStatus status() { return run.status(); }
        @Override public boolean pause(String origin) { return run.pause(origin); }
        @Override public boolean resume(String origin) { return run.resume(origin); }
        @Override public void setRate(String scenario, double perSecond, String origin) { run.setRate(scenario, perSecond, origin); }
        @Override public void setUsers(String scenario, int users, String origin) { run.setUsers(scenario, users, origin); }
        @Override public void scaleLoad(String scenario, double factor, String origin) { run.scaleLoad(scenario, factor, origin); }
        @Override public void skipPhase(String scenario, String origin) { run.skipPhase(scenario, origin); }
        @Override public void extendPhase(String scenario, Duration by, String origin) { run.extendPhase(scenario, by, origin); }
        @Override public Switched injectFault(String target, Map<String, Object> spec, String origin) { return run.injectFault(target, spec, origin); }
        @Override public Cleared clearFaults(String target, String scope, String origin) { return run.clearFaults(target, scope, origin); }
        @Override public void stop(String reason, String origin) { run.stop(reason, origin); }

        @Override
        public Subscription events(Consumer<RunEvent> consumer) {
            Output o = new Output() {
                @Override
                public void onEvent(RunEvent e) {
                    consumer.accept(e);
                }
            };
            run.addListener(o);
            return () -> run.removeListener(o);
        }
    }
}
