package io.barrage.cli;

import io.barrage.api.Barrage;
import io.barrage.dsl.Profile;
import io.barrage.dsl.Profiles;
import io.barrage.dsl.ProfilesShown;
import io.barrage.dsl.ScenarioCompiler;
import io.barrage.dsl.ScriptException;
import io.barrage.dsl.ScriptProblem;
import io.barrage.dsl.internal.DidYouMean;
import io.barrage.engine.format.Durations;
import io.barrage.engine.model.AbortRule;
import io.barrage.engine.model.Guardrails;
import io.barrage.engine.model.Phase;
import io.barrage.engine.model.Scenario;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code barrage profile list|show|save|delete}: saved load profiles (phases, guardrails, tags, a
 * description), one readable file each (Groovy or YAML) in the project's {@code profiles/} or the
 * user's {@code ~/.barrage/profiles}; a script uses one with {@code phases profile('NAME')}.
 */
@Command(name = "profile", addMethodSubcommands = false,
        description = "Saved load profiles: list, show, save, delete. A script uses one with phases profile('NAME').",
        subcommands = {ProfileCommand.ListProfiles.class, ProfileCommand.Show.class, ProfileCommand.Save.class, ProfileCommand.Delete.class})
final class ProfileCommand implements Callable<Integer> {
    @Mixin HelpOption helpOption;
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return 2;
    }

    /** The folders the commands work on: the project's profiles/ (here), then the user's. */
    static List<Path> folders() {
        return List.of(Profiles.projectFolder().toAbsolutePath().normalize(), Profiles.userFolder().toAbsolutePath().normalize());
    }

    static ScenarioCompiler compiler() {
        String noCache = System.getenv("BARRAGE_NO_CACHE");
        return new ScenarioCompiler(noCache != null && !noCache.isEmpty() ? null : ScenarioCompiler.defaultCacheDir(), io.barrage.launch.Build.id());
    }

    /** The file of a profile, or a usage error naming the ones there are. */
    static Path find(String name, List<Path> folders) {
        String bad = Profiles.nameProblem(name);
        if (bad != null) throw new UsageException(bad);
        Path f = Profiles.find(name, folders);
        if (f != null) return f;
        var known = Profiles.all(folders).keySet();
        List<String> shown = new ArrayList<>();
        for (Path p : folders) shown.add(ProfilesShown.folder(p));
        String close = DidYouMean.closest(name, known);
        throw new UsageException("no profile '" + name + "'" + (close == null ? "" : "; did you mean '" + close + "'?") + " (profiles: "
                + (known.isEmpty() ? "none" : String.join(", ", known)) + "; looked in " + String.join(", ", shown) + ")");
    }

    /** What a profile's phases come to: {@code 3 phases, 30s, open model, peak 200/s}. */
    static String summary(Profile p) {
        Scenario sc = scenario(p);
        boolean open = sc.model() == io.barrage.engine.pattern.LoadModel.OPEN;
        double peak = 0;
        long total = sc.durationNanos();
        for (int i = 0; i <= 400; i++) peak = Math.max(peak, sc.valueAt(Math.min(Math.max(0, total - 1), total * i / 400)));
        int n = p.getPhaseList().size();
        return n + (n == 1 ? " phase, " : " phases, ") + Durations.format(Duration.ofNanos(total)) + ", "
                + (open ? "peak " + Fmt.num(peak) + "/s" : "peak " + Fmt.num(peak) + " users");
    }

    static Scenario scenario(Profile p) {
        return Barrage.plan(p.getName()).scenario(Barrage.scenario(p.getName()).phases(p.getPhaseList())).build().scenarios().get(0);
    }

    static Profile read(Path file) {
        return Profiles.read(file, Profiles.nameOf(file), compiler());
    }

    @Command(name = "list", description = "List the saved profiles: the project's (./profiles) and yours (~/.barrage/profiles).")
    static final class ListProfiles implements Callable<Integer> {
        @Mixin HelpOption helpOption;
        @Spec CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            List<Path> folders = folders();
            Map<String, Path> all = Profiles.all(folders);
            if (all.isEmpty()) {
                out.println("no saved profiles in " + ProfilesShown.folder(folders.get(0)) + " or " + ProfilesShown.folder(folders.get(1))
                        + " (barrage profile save NAME FILE keeps one)");
                return 0;
            }
            List<String[]> rows = new ArrayList<>();
            rows.add(new String[] {"profile", "where", "phases", "tags", "description"});
            for (var e : all.entrySet()) {
                String where = ProfilesShown.folder(e.getValue().getParent()) + e.getValue().getFileName();
                try {
                    Profile p = read(e.getValue());
                    rows.add(new String[] {e.getKey(), where, summary(p), String.join(", ", p.getTags()), p.getDescription() == null ? "" : p.getDescription()});
                } catch (ScriptException ex) {
                    ScriptProblem first = ex.getProblems().get(0);
                    rows.add(new String[] {e.getKey(), where, "✗ not valid", "", first.toString() + (ex.getProblems().size() > 1 ? " (+" + (ex.getProblems().size() - 1) + " more)" : "")});
                }
            }
            int[] w = new int[4];
            for (String[] r : rows) for (int i = 0; i < 4; i++) w[i] = Math.max(w[i], r[i].length());
            for (String[] r : rows) {
                StringBuilder b = new StringBuilder();
                for (int i = 0; i < 4; i++) b.append(Fmt.pad(r[i], w[i])).append("  ");
                b.append(r[4]);
                out.println(b.toString().stripTrailing());
            }
            return 0;
        }
    }

    @Command(name = "show", description = "Show a saved profile: where it is, its phases drawn over time, its guardrails.")
    static final class Show implements Callable<Integer> {
        @Mixin HelpOption helpOption;
        @Spec CommandSpec spec;

        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Option(names = "--width", defaultValue = "64", description = "Chart width in columns (default: ${DEFAULT-VALUE}).")
        int width;

        @Option(names = "--height", defaultValue = "8", description = "Chart height in rows (default: ${DEFAULT-VALUE}).")
        int height;

        @Override
        public Integer call() {
            if (width < 10 || width > 400 || height < 2 || height > 100) throw new UsageException("--width must be 10..400 and --height 2..100");
            PrintWriter out = spec.commandLine().getOut();
            Path file = find(name, folders());
            Profile p = read(file);
            out.println("profile " + name + " · " + ProfilesShown.folder(file.getParent()) + file.getFileName());
            if (p.getDescription() != null) out.println("  " + p.getDescription());
            if (!p.getTags().isEmpty()) out.println("  tags: " + String.join(", ", p.getTags()));
            out.println();
            out.print(PlanChart.scenario(scenario(p), width, height).replaceFirst("^scenario ", "profile "));
            Guardrails g = p.guardrailsBuilt();
            if (g != null) {
                out.println();
                out.println("guardrails");
                if (g.maxDuration() != null) out.println("  maxDuration " + Durations.format(g.maxDuration()) + "   (the run's)");
                if (g.stopFile() != null) out.println("  stopFile " + g.stopFile() + "   (the run's)");
                if (g.maxRate() > 0) out.println("  maxRate " + Fmt.num(g.maxRate()));
                if (g.maxUsers() > 0) out.println("  maxUsers " + g.maxUsers());
                for (AbortRule r : g.abortWhen()) out.println("  abortWhen " + r.text() + (r.over() != null ? ", over: " + Durations.format(r.over()) : ""));
            }
            out.println();
            out.println("use it: phases profile('" + name + "')");
            return 0;
        }
    }

    @Command(name = "save", description = "Check a profile file (Groovy or YAML) and keep it as NAME: in ~/.barrage/profiles, or ./profiles with --project.")
    static final class Save implements Callable<Integer> {
        @Mixin HelpOption helpOption;
        @Spec CommandSpec spec;

        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Parameters(index = "1", paramLabel = "FILE", description = "A profile file: NAME.groovy (description, tags, phases { }, guardrails { }) or NAME.yaml.")
        Path file;

        @Option(names = "--project", description = "Save into the project's ./profiles (to commit it beside the scripts) instead of ~/.barrage/profiles.")
        boolean project;

        @Option(names = "--force", description = "Replace a saved profile of the same name.")
        boolean force;

        @Override
        public Integer call() throws IOException {
            String bad = Profiles.nameProblem(name);
            if (bad != null) throw new UsageException(bad);
            String n = file.getFileName().toString();
            String ext = Profiles.EXTENSIONS.stream().filter(n::endsWith).findFirst()
                    .orElseThrow(() -> new UsageException(file + ": a profile file is .groovy, .yaml or .yml"));
            if (!Files.isRegularFile(file)) throw new UsageException(file + ": no such file");
            Profiles.read(file, name, compiler());   // its problems, at its lines, exit 2
            Path folder = project ? Profiles.projectFolder() : Profiles.userFolder();
            Path existing = Profiles.find(name, List.of(folder));
            if (existing != null && !force) {
                throw new UsageException("profile '" + name + "' exists: " + ProfilesShown.folder(folder) + existing.getFileName() + " (--force replaces it)");
            }
            Files.createDirectories(folder);
            Path to = folder.resolve(name + ext);
            if (existing != null && !existing.equals(to)) Files.delete(existing);
            if (!to.toAbsolutePath().normalize().equals(file.toAbsolutePath().normalize())) Files.copy(file, to, StandardCopyOption.REPLACE_EXISTING);
            spec.commandLine().getOut().println("saved profile '" + name + "': " + ProfilesShown.folder(folder) + to.getFileName()
                    + " · use it: phases profile('" + name + "')");
            return 0;
        }
    }

    @Command(name = "delete", description = "Delete a saved profile from ~/.barrage/profiles (or ./profiles with --project).")
    static final class Delete implements Callable<Integer> {
        @Mixin HelpOption helpOption;
        @Spec CommandSpec spec;

        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Option(names = "--project", description = "Delete from the project's ./profiles instead of ~/.barrage/profiles.")
        boolean project;

        @Override
        public Integer call() throws IOException {
            Path folder = (project ? Profiles.projectFolder() : Profiles.userFolder()).toAbsolutePath().normalize();
            Path file = find(name, List.of(folder));
            Files.delete(file);
            spec.commandLine().getOut().println("deleted profile '" + name + "': " + ProfilesShown.folder(folder) + file.getFileName());
            return 0;
        }
    }
}
