package io.barrage.launch;

import io.barrage.engine.run.Run;
import io.barrage.engine.summary.RunSummary;
import java.nio.file.Path;
import java.time.Instant;

/**
 * A launch whose run is prepared on its own thread, up to its first arrival: start it now or at an
 * instant, steer it through {@link #run()}, {@link #await()} its summary. Closing it stops a run
 * that has not ended and waits for it.
 */
public final class PreparedLaunch implements AutoCloseable {
    private final Run run;
    private final java.util.List<io.barrage.engine.output.Output> outputs;

    PreparedLaunch(Run run, java.util.List<io.barrage.engine.output.Output> outputs) {
        this.outputs = java.util.List.copyOf(outputs);
        this.run = run;
    }

    /** The run, to steer (pause, rate, stop…), watch or attach a control API to. */
    /** The outputs the launch built from its options (results directory first), for a caller to find one it named. */
    public java.util.List<io.barrage.engine.output.Output> outputs() {
        return outputs;
    }

    public Run run() {
        return run;
    }

    /** Waits until the run is ready to start its load, or has ended without (a failed setup, a stop). */
    public void awaitReady() throws InterruptedException {
        run.awaitReady();
    }

    /** Starts the load now (once ready). */
    public void start() {
        run.start();
    }

    /** Starts the load at a wall-clock instant: workers given the same instant start together. */
    public void startAt(Instant at) {
        run.startAt(at);
    }

    /** Waits for the end of the run: its summary, with its {@linkplain RunSummary#exitCode() exit code}. */
    public RunSummary await() throws InterruptedException {
        return run.await();
    }

    /** The run's results directory ({@code DIR/<name>-<time>/}), or null when it writes none. */
    public Path resultsDir() {
        return run.resultsDir();
    }

    /**
     * Stops the run if it has not ended (it still writes its summary and results) and waits for it;
     * an interrupt ends the wait and stays set.
     */
    @Override
    public void close() {
        if (run.finished()) return;
        run.stop("the launch was closed", "launcher");
        try {
            run.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
