package io.barrage.cli;

import io.barrage.engine.capacity.CapacityResult;
import io.barrage.engine.capacity.CapacityRun;
import io.barrage.engine.capacity.CapacitySettings;
import io.barrage.engine.capacity.StepResult;
import io.barrage.engine.format.Durations;
import io.barrage.engine.validation.Problem;
import io.barrage.engine.model.Scenario;
import io.barrage.engine.run.TestPlan;
import io.barrage.engine.results.Json;
import io.barrage.engine.run.Run;
import io.barrage.engine.summary.RunSummary;
import io.barrage.launch.LaunchOptions;
import io.barrage.launch.Launcher;
import io.barrage.launch.LoadedLaunch;
import io.barrage.launch.PreparedLaunch;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code barrage capacity SCRIPT}: steps one scenario's load up until its criteria fail, narrows down,
 * and reports the highest load that held, the knee of the latency curve and what failed first.
 */
@Command(name = "capacity", addMethodSubcommands = false, description = "Search a scenario's highest load: grow it until its assertions fail, then narrow down.",
        footer = {"", "Settings come from the scenario's capacity { } block; options override them. The criteria are",
                "capacity { until { ... } } or else the scenario's assertions, judged on each step after it settles.",
                "Exit codes: 0 search done · 1 no load held · 2 bad script or usage · 3 aborted · 4 run error"})
final class CapacityCommand implements Callable<Integer> {
    @Mixin HelpOption helpOption;

    @Spec CommandSpec spec;
    @Mixin Common common;

    @Parameters(index = "0", paramLabel = "SCRIPT", description = "A .groovy scenario script.")
    Path script;

    @Option(names = "--scenario", paramLabel = "NAME", description = "The scenario to search (default: the only one, or the one with a capacity block).")
    String scenario;

    @Option(names = "--from", description = "First load tried: arrivals/s (open model) or users (closed).")
    Double from;

    @Option(names = "--max", description = "Never above this load.")
    Double max;

    @Option(names = "--growth", description = "Factor between steps while they hold (default 2).")
    Double growth;

    @Option(names = "--hold", paramLabel = "DURATION", description = "How long each step holds its load (default 10s).")
    String hold;

    @Option(names = "--settle", paramLabel = "DURATION", description = "Start of each step not judged (default 2s).")
    String settle;

    @Option(names = "--precision", paramLabel = "PERCENT", description = "Stop when held and failed loads are this close (default 5%%).")
    String precision;

    @Option(names = "--within", paramLabel = "DURATION", description = "Time limit of the whole search (default 10m).")
    String within;

    @Option(names = "--loops", paramLabel = "N|auto|off", defaultValue = "auto",
            description = "Event loops that carry the virtual users (default: ${DEFAULT-VALUE}; see barrage run --help).")
    String loops;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "results", description = "Where results go (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = {"-q", "--quiet"}, description = "No live progress; only the steps and the result.")
    boolean quiet;

    @Override
    public Integer call() throws Exception {
        PrintWriter stdout = spec.commandLine().getOut();
        int loopOption;
        try {
            loopOption = LaunchOptions.parseLoops(loops);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        ConsoleReporter console = new ConsoleReporter(stdout, !quiet && Terminals.interactive(), false);
        LoadedLaunch loaded = new Launcher().load(LaunchOptions.of(script).withParams(common.params()).withResultsDir(out, "--out")
                .withLoops(loopOption).withWarmup(Duration.ZERO).withVersion(Version.get()).withExtraOutputs(List.of(console)));
        Scenario target;
        CapacitySettings settings;
        try {
            target = pick(loaded);
            settings = settings(loaded.capacity().getOrDefault(target.name(), CapacitySettings.defaults()));
            List<Problem> problems = CapacityRun.problems(target, settings, loaded.plan().guardrailsOf(target));
            if (!problems.isEmpty()) throw new UsageException(String.join("\n", problems.stream().map(Problem::message).toList()));
        } catch (UsageException e) {
            loaded.close();
            throw e;
        }
        for (String w : loaded.warnings()) stdout.println("! " + w);
        TestPlan plan = CapacityRun.plan(loaded.plan(), target.name(), settings);
        String unit = target.model().word().equals("rate") ? "/s" : " users";
        stdout.println("barrage " + Version.get() + " · capacity search of '" + target.name() + "' from " + Fmt.num(settings.from()) + unit
                + " up to " + Fmt.num(settings.max()) + unit + ", ×" + Fmt.num(settings.growth()) + " per step while it holds, each step "
                + Durations.format(settings.hold()) + " (judged after " + Durations.format(settings.settle()) + "), within "
                + Durations.format(settings.maxDuration()) + " · Ctrl-C stops it");
        List<String> criteria = (settings.criteria().isEmpty() ? target.assertions() : settings.criteria()).stream().map(a -> a.text()).toList();
        stdout.println("criteria: " + String.join(", ", criteria));
        stdout.flush();
        PreparedLaunch launch = loaded.withPlan(plan).prepare();
        launch.start();
        Run run = launch.run();
        Signals.onStop(run);
        CapacityResult result;
        try {
            result = CapacityRun.search(run, settings, line -> {
                stdout.println("  " + line);
                stdout.flush();
            });
        } catch (IllegalStateException e) {
            RunSummary s = run.await();
            stdout.print(SummaryPrinter.render(s, run.resultsDir()));
            return s.exitCode() == 0 ? RunSummary.EXIT_ERROR : s.exitCode();
        }
        RunSummary summary = run.await();
        console.finish();
        stdout.println();
        stdout.print(render(result));
        if (run.resultsDir() != null) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("scenario", target.name());
            json.put("settings", Map.of("from", settings.from(), "max", settings.max(), "growth", settings.growth(),
                    "hold", Durations.format(settings.hold()), "settle", Durations.format(settings.settle()),
                    "precision", settings.precision(), "within", Durations.format(settings.maxDuration()), "criteria", criteria));
            json.put("result", result);
            Files.write(run.resultsDir().resolve("capacity.json"), Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(json));
            stdout.println("results: " + run.resultsDir());
        }
        stdout.flush();
        if (summary.status().equals("error")) return summary.exitCode();
        if (summary.status().equals("aborted")) return RunSummary.EXIT_ABORTED;
        return result.highestHeld() == null ? RunSummary.EXIT_FAILED : RunSummary.EXIT_PASSED;
    }

    private Scenario pick(LoadedLaunch loaded) {
        List<Scenario> all = loaded.plan().scenarios();
        if (scenario != null) {
            return all.stream().filter(s -> s.name().equals(scenario)).findFirst().orElseThrow(() -> new UsageException(
                    "no scenario '" + scenario + "' in " + script + " (scenarios: " + String.join(", ", all.stream().map(Scenario::name).toList()) + ")"));
        }
        if (all.size() == 1) return all.get(0);
        List<Scenario> withBlock = all.stream().filter(s -> loaded.capacity().containsKey(s.name())).toList();
        if (withBlock.size() == 1) return withBlock.get(0);
        throw new UsageException(script + " has " + all.size() + " scenarios: name one with --scenario ("
                + String.join(", ", all.stream().map(Scenario::name).toList()) + ")");
    }

    private CapacitySettings settings(CapacitySettings s) {
        try {
            if (from != null || max != null) s = s.withRange(from != null ? from : s.from(), max != null ? max : s.max());
            if (growth != null) s = s.withGrowth(growth);
            if (hold != null || settle != null) {
                var h = hold != null ? Durations.parse(hold) : s.hold();
                var st = settle != null ? Durations.parse(settle) : (s.settle().compareTo(h) < 0 ? s.settle() : h.dividedBy(5));
                s = s.withHold(h, st);
            }
            if (precision != null) {
                String p = precision.trim().endsWith("%") ? precision.trim().substring(0, precision.trim().length() - 1) : precision.trim();
                s = s.withPrecision(Double.parseDouble(p) / 100);
            }
            if (within != null) s = s.withMaxDuration(Durations.parse(within));
        } catch (NumberFormatException e) {
            throw new UsageException("--precision '" + precision + "' is not a percentage such as 5%");
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        return s;
    }

    static String render(CapacityResult r) {
        StringBuilder b = new StringBuilder("capacity\n");
        Table t = new Table("  ", "load", "verdict", "req/s", "errors", "p50", "p99");
        for (StepResult s : r.steps().stream().sorted((x, y) -> Double.compare(x.load(), y.load())).toList()) {
            t.row(Fmt.num(s.load()) + r.unit(), s.held() ? "held" : "failed", Fmt.num(s.rps()), Fmt.pct(s.errorRate()), Fmt.ms(s.p50Ms()), Fmt.ms(s.p99Ms()));
        }
        b.append(t.render());
        b.append("  highest load that held: ").append(r.highestHeld() == null ? "none" : Fmt.num(r.highestHeld()) + r.unit()).append('\n');
        if (r.lowestFailed() != null) {
            b.append("  lowest that failed:     ").append(Fmt.num(r.lowestFailed())).append(r.unit()).append(" — ")
             .append(String.join("; ", r.firstFailure())).append('\n');
        }
        if (r.knee() != null) b.append("  latency knee:           ≈ ").append(Fmt.num(r.knee())).append(r.unit()).append(" (where p99 bends upward)\n");
        b.append("  stopped: ").append(r.stopped()).append('\n');
        return b.toString();
    }
}
