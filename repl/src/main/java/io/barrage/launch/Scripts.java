package io.barrage.launch;

import io.barrage.dsl.LoadedScript;
import io.barrage.dsl.ScenarioCompiler;
import io.barrage.dsl.ScriptException;
import io.barrage.dsl.ScriptProblem;
import io.barrage.engine.capacity.CapacitySettings;
import io.barrage.engine.validation.Problem;
import io.barrage.engine.run.TestPlan;
import io.barrage.http.HttpClientChoice;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Loads a scenario file — a Groovy script or a Java source — into a validated plan. */
final class Scripts {
    private Scripts() {}

    /**
     * A loaded plan with what is worth saying about it.
     *
     * @param read the parameters the script read (null for a Java scenario: it gets them all)
     */
    record Loaded(TestPlan plan, List<String> warnings, boolean fromCache, Map<String, CapacitySettings> capacity, List<String> read) {}

    /**
     * Loads {@code file} with {@code params}, compiled by {@code compiler}. For one of several scripts
     * given the same parameters, a parameter in {@code takenElsewhere} that this script does not name
     * is not its problem. Every scenario's HTTP runs on {@code httpClient}'s client unless it is
     * {@link HttpClientChoice#SCENARIO}.
     */
    static Loaded load(ScenarioCompiler compiler, Path file, Map<String, String> params, Set<String> takenElsewhere,
                       HttpClientChoice httpClient) {
        if (!Files.exists(file)) throw new LaunchException("no such script: " + file);
        if (Files.isDirectory(file)) throw new LaunchException(file + " is a directory, not a script");
        String name = file.getFileName().toString();
        if (name.endsWith(".java")) {
            TestPlan plan = JavaScripts.load(file, params, httpClient);
            List<Problem> problems = plan.validate();
            if (!problems.isEmpty()) {
                List<ScriptProblem> list = new ArrayList<>();
                for (Problem p : problems) list.add(new ScriptProblem(file.toString(), 0, 0, p.toString()));
                throw new ScriptException(list);
            }
            List<String> warnings = new ArrayList<>();
            for (Problem w : plan.warnings()) warnings.add(file + ": " + w);
            return new Loaded(plan, warnings, false, Map.of(), null);
        }
        if (!name.endsWith(".groovy")) {
            throw new LaunchException(file + ": barrage runs .groovy scripts and .java scenario classes");
        }
        var compiled = compiler.compile(file);
        LoadedScript loaded = compiled.load(params, takenElsewhere, httpClient);
        return new Loaded(loaded.getPlan(), loaded.getWarnings(), compiled.getFromCache(), loaded.getCapacity(), loaded.getParams());
    }

    /**
     * Which of {@code given} the script may take: those it names in {@code param('NAME', …)} calls; all
     * of them for a Java scenario or a script that builds names at run time. None when it does not compile.
     */
    static Set<String> takes(ScenarioCompiler compiler, Path file, Set<String> given) {
        String name = file.getFileName() == null ? "" : file.getFileName().toString();
        if (name.endsWith(".java")) return given;
        if (!name.endsWith(".groovy") || !Files.isRegularFile(file)) return Set.of();
        try {
            var compiled = compiler.compile(file);
            if (!compiled.paramNamesComplete()) return given;
            Set<String> out = new java.util.LinkedHashSet<>(given);
            out.retainAll(compiled.paramNames());
            return out;
        } catch (ScriptException e) {
            return Set.of();
        }
    }

    /** The compiler of scripts, with the user's cache of compiled scripts (none when BARRAGE_NO_CACHE is set). */
    static ScenarioCompiler compiler() {
        String noCache = System.getenv("BARRAGE_NO_CACHE");
        return compiler(noCache != null && !noCache.isEmpty() ? null : ScenarioCompiler.defaultCacheDir());
    }

    /** The compiler of scripts, caching compiled ones in {@code cache} (null: none). */
    static ScenarioCompiler compiler(Path cache) {
        return new ScenarioCompiler(cache, Build.id());
    }
}
