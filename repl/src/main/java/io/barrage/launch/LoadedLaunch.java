package io.barrage.launch;

import io.barrage.engine.capacity.CapacitySettings;
import io.barrage.engine.model.Target;
import io.barrage.engine.run.TestPlan;
import io.barrage.engine.output.Output;
import io.barrage.engine.output.OutputFactory;
import io.barrage.engine.output.OutputSpec;
import io.barrage.engine.output.Outputs;
import io.barrage.engine.results.ResultsDirectory;
import io.barrage.engine.results.ResultsWriter;
import io.barrage.engine.run.Run;
import io.barrage.engine.run.RunOptions;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A launch whose script is loaded into a valid plan, its results directory and outputs checked:
 * nothing has run yet. {@link #prepare()} warms up and prepares the run; {@link #close()} instead
 * closes what the plan holds (a simulated service, HTTP clients).
 */
public final class LoadedLaunch implements AutoCloseable {
    private final LaunchOptions options;
    private final Scripts.Loaded loaded;
    private final TestPlan plan;
    private final int loops;
    private final Duration warmup;
    private final Outputs registry;
    private boolean handedOver;

    LoadedLaunch(LaunchOptions options, Scripts.Loaded loaded, int loops, Duration warmup, Outputs registry) {
        this(options, loaded, loaded.plan(), loops, warmup, registry);
    }

    private LoadedLaunch(LaunchOptions options, Scripts.Loaded loaded, TestPlan plan, int loops, Duration warmup, Outputs registry) {
        this.registry = registry;
        this.options = options;
        this.loaded = loaded;
        this.plan = plan;
        this.loops = loops;
        this.warmup = warmup;
    }

    public LaunchOptions options() {
        return options;
    }

    /** The plan the run will run. */
    public TestPlan plan() {
        return plan;
    }

    /** What is worth saying about the script that does not stop it (a clamped sine, an unread parameter). */
    public List<String> warnings() {
        return loaded.warnings();
    }

    /** The parameters the script read; null for a Java scenario (it is given them all). */
    public List<String> paramsRead() {
        return loaded.read();
    }

    /** Capacity-search settings by scenario name, from the script's {@code capacity { }} blocks. */
    public Map<String, CapacitySettings> capacity() {
        return loaded.capacity();
    }

    /** Whether the script's compiled classes came from the cache. */
    public boolean fromCache() {
        return loaded.fromCache();
    }

    /** The event loops the run gets ({@link LaunchOptions#loops} resolved for this plan; 0: none). */
    public int loops() {
        return loops;
    }

    /**
     * How long the generator warms up before the run: {@link LaunchOptions#warmup} where given, else
     * 2 s when any scenario starts at 200 arrivals/s or 50 users or more, 1 s for gentle starts.
     * {@link Duration#ZERO}: none.
     */
    public Duration warmup() {
        return warmup;
    }

    /** The load the warm-up sends to its in-process service (the target sees none of it). */
    public WarmupLoad warmupLoad() {
        return Warmup.load(plan, loops);
    }

    /**
     * The same launch running {@code derived}, a plan made from this one's (a capacity search's
     * stepped plan) that shares its resources. This one is then spent.
     */
    public LoadedLaunch withPlan(TestPlan derived) {
        handedOver = true;
        return new LoadedLaunch(options, loaded, derived, loops, warmup, registry);
    }

    /**
     * The same launch writing its results under {@code dir} (null: none), named {@code name} in
     * messages, checked as {@link Launcher#load} checks it: for a caller that loads a script first and
     * picks where results go later (the REPL's {@code load}, then {@code start}). This one is then spent.
     *
     * @throws LaunchException when the directory cannot be used or an output refuses it; this launch is then as it was
     */
    public LoadedLaunch withResultsDir(Path dir, String name) {
        if (handedOver) throw new IllegalStateException("this launch was prepared or handed over already");
        LaunchOptions moved = options.withResultsDir(dir, name);
        try {
            if (dir != null) ResultsDirectory.prepare(moved.resultsDirName(), dir);
        } catch (IllegalArgumentException e) {
            throw new LaunchException(e.getMessage());
        }
        handedOver = true;
        return new LoadedLaunch(moved, loaded, plan, loops, warmup, registry);
    }

    /**
     * Warms the generator up (see {@link #warmup()}), then prepares the run on its own thread up to
     * its first arrival: resources started, setup run, connections opened. It waits for {@link
     * PreparedLaunch#start()} or {@link PreparedLaunch#startAt}.
     */
    public PreparedLaunch prepare() throws IOException, InterruptedException {
        if (handedOver) throw new IllegalStateException("this launch was prepared or handed over already");
        handedOver = true;
        List<Output> built = List.of();
        try {
            checkTargets(plan);
            if (!warmup.isZero()) Warmup.run(warmup, warmupLoad(), loops, options.httpClient());
            built = outputs();
            List<Output> all = new ArrayList<>(options.extraOutputs());
            all.addAll(built);
            RunOptions run = RunOptions.defaults().withSegment(options.segment()).withGracefulStop(options.gracefulStop())
                    .withVersion(options.version()).withOutputs(all).withLoops(loops).withLabels(options.labels())
                    .withKeepData(options.keepData());
            return new PreparedLaunch(Run.prepare(plan, run), built);
        } catch (IOException | InterruptedException | RuntimeException | Error e) {
            Outputs.abandon(built);
            close(plan);
            throw e;
        }
    }

    /**
     * Every target of the plan answers (a Redis server): else the launch's bad input, one line,
     * exit 2, before anything runs. {@link #prepare()} checks too; a command calls this first so
     * that nothing (a warm-up) starts for a target that is not there.
     *
     * @throws LaunchException naming the target and why it does not answer
     */
    public void checkTargets() {
        checkTargets(plan);
    }

    private static void checkTargets(TestPlan plan) {
        for (AutoCloseable r : plan.resources()) {
            if (!(r instanceof Target t)) continue;
            try {
                t.check();
            } catch (Exception e) {
                throw new LaunchException(e.getMessage() == null ? r + ": " + e.getClass().getSimpleName() : e.getMessage());
            }
        }
    }

    /**
     * Builds the run's outputs, the results directory first: {@link LaunchOptions#resultsDir}, then
     * any {@value Launcher#RESULTS} the options name. The first one is the run's own results
     * directory, which the others are told of ({@link OutputFactory.Context#resultsDir()}).
     */
    private List<Output> outputs() throws IOException {
        List<Output> out = new ArrayList<>();
        try {
            if (options.resultsDir() != null) out.add(ResultsWriter.open(options.resultsDir(), plan.name()));
            List<OutputSpec> results = options.outputs().stream().filter(s -> s.name().equals(Launcher.RESULTS)).toList();
            List<OutputSpec> others = options.outputs().stream().filter(s -> !s.name().equals(Launcher.RESULTS)).toList();
            out.addAll(registry.create(results, new OutputFactory.Context(null, plan.name())));
            Path runDir = out.stream().filter(o -> o instanceof ResultsWriter).map(o -> ((ResultsWriter) o).dir()).findFirst().orElse(null);
            out.addAll(registry.create(others, new OutputFactory.Context(runDir, plan.name())));
            return out;
        } catch (IllegalArgumentException e) {
            Outputs.abandon(out);
            throw new LaunchException(e.getMessage());
        } catch (IOException | RuntimeException e) {
            Outputs.abandon(out);
            throw e;
        }
    }

    /** Closes the plan's resources, unless the launch was prepared (the run closes them when it ends). */
    @Override
    public void close() {
        if (handedOver) return;
        handedOver = true;
        close(plan);
    }

    static void close(TestPlan plan) {
        for (int i = plan.resources().size() - 1; i >= 0; i--) {
            try {
                plan.resources().get(i).close();
            } catch (Exception e) {
                // nothing ran: a resource that fails to close has nothing to lose
            }
        }
    }
}
