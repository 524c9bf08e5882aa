package io.barrage.cli;

import io.barrage.dsl.LoadedScript;
import io.barrage.dsl.ScenarioCompiler;
import io.barrage.dsl.ScriptException;
import io.barrage.dsl.ScriptProblem;
import io.barrage.engine.capacity.CapacitySettings;
import io.barrage.engine.model.Problem;
import io.barrage.engine.model.TestPlan;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Loads a scenario file — a Groovy script or a Java source — into a validated plan. */
final class Scripts {
    private Scripts() {}

    /** A loaded plan with what is worth saying about it. */
    record Loaded(TestPlan plan, List<String> warnings, boolean fromCache, Map<String, CapacitySettings> capacity) {}

    static Loaded load(Path file, Map<String, String> params) {
        if (!Files.exists(file)) throw new UsageException("no such script: " + file);
        if (Files.isDirectory(file)) throw new UsageException(file + " is a directory, not a script");
        String name = file.getFileName().toString();
        if (name.endsWith(".java")) {
            TestPlan plan = JavaScripts.load(file, params);
            List<Problem> problems = plan.validate();
            if (!problems.isEmpty()) {
                List<ScriptProblem> list = new ArrayList<>();
                for (Problem p : problems) list.add(new ScriptProblem(file.toString(), 0, 0, p.toString()));
                throw new ScriptException(list);
            }
            List<String> warnings = new ArrayList<>();
            for (Problem w : plan.warnings()) warnings.add(file + ": " + w);
            return new Loaded(plan, warnings, false, Map.of());
        }
        if (!name.endsWith(".groovy")) {
            throw new UsageException(file + ": barrage runs .groovy scripts and .java scenario classes");
        }
        var compiled = compiler().compile(file);
        LoadedScript loaded = compiled.load(params);
        return new Loaded(loaded.getPlan(), loaded.getWarnings(), compiled.getFromCache(), loaded.getCapacity());
    }

    static ScenarioCompiler compiler() {
        String noCache = System.getenv("BARRAGE_NO_CACHE");
        Path cache = noCache != null && !noCache.isEmpty() ? null : ScenarioCompiler.defaultCacheDir();
        return new ScenarioCompiler(cache, Version.build());
    }
}
