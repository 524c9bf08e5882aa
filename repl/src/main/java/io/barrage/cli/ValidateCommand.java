package io.barrage.cli;

import io.barrage.dsl.ScriptException;
import io.barrage.dsl.ScriptProblem;
import io.barrage.engine.model.Durations;
import io.barrage.engine.model.Scenario;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
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
        int bad = 0;
        for (Path script : scripts) {
            try {
                Scripts.Loaded loaded = Scripts.load(script, common.params);
                for (AutoCloseable r : loaded.plan().resources()) r.close();
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
            } catch (ScriptException e) {
                bad++;
                for (ScriptProblem p : e.getProblems()) err.println(p);
            } catch (UsageException e) {
                bad++;
                err.println("barrage: " + e.getMessage());
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
