package io.barrage.cli;

import io.barrage.dsl.ScriptProblem;
import io.barrage.engine.format.Durations;
import io.barrage.engine.model.Scenario;
import io.barrage.launch.LaunchException;
import io.barrage.launch.LaunchOptions;
import io.barrage.launch.Launcher;
import io.barrage.launch.LoadedLaunch;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code barrage validate SCRIPT...}: compile and validate, list every problem, exit 2 on any. */
@Command(name = "validate", addMethodSubcommands = false, description = "Compile and validate scripts without running them; list every problem.")
final class ValidateCommand implements Callable<Integer> {
    @Mixin HelpOption helpOption;

    @Spec CommandSpec spec;
    @Mixin Common common;

    @Parameters(arity = "1..*", paramLabel = "SCRIPT", description = "Scenario scripts (.groovy or .java).")
    List<Path> scripts;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Map<String, String> params = common.params();
        // several scripts share the -p: each one must be a parameter of one of them, and a script ignores those of the others
        List<Set<String>> takes = new ArrayList<>();
        Launcher launcher = new Launcher();
        for (Path script : scripts) takes.add(scripts.size() > 1 && !params.isEmpty() ? launcher.paramsTaken(script, params.keySet()) : Set.of());
        int bad = 0;
        for (int i = 0; i < scripts.size(); i++) {
            Path script = scripts.get(i);
            Set<String> elsewhere = new HashSet<>();
            for (int j = 0; j < scripts.size(); j++) if (j != i) elsewhere.addAll(takes.get(j));
            try (LoadedLaunch loaded = launcher.load(LaunchOptions.of(script).withParams(params).withOptionalParams(elsewhere))) {
                StringBuilder what = new StringBuilder();
                for (Scenario s : loaded.plan().scenarios()) {
                    if (what.length() > 0) what.append("; ");
                    what.append(s.name()).append(" (").append(s.model().name().toLowerCase()).append(", ")
                        .append(s.phases().size()).append(s.phases().size() == 1 ? " phase, " : " phases, ")
                        .append(Durations.format(Duration.ofNanos(s.durationNanos()))).append(", ")
                        .append(s.assertions().size()).append(s.assertions().size() == 1 ? " assertion)" : " assertions)");
                }
                out.println("✓ " + script + ": " + what);
                for (String w : loaded.warnings()) out.println("  ! " + w);
            } catch (LaunchException e) {
                bad++;
                if (e.problems().isEmpty()) err.println("barrage: " + e.getMessage());
                for (ScriptProblem p : e.problems()) err.println(p);
            } catch (Exception e) {
                bad++;
                err.println("barrage: " + script + ": " + e);
            }
        }
        out.flush();
        err.flush();
        if (scripts.size() > 1) out.println((scripts.size() - bad) + " of " + scripts.size() + " scripts valid");
        return bad == 0 ? 0 : 2;
    }
}
