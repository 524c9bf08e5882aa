package io.barrage.cli;

import io.barrage.dsl.ScriptException;
import io.barrage.engine.control.ControlServer;
import io.barrage.engine.control.ControlledRun;
import io.barrage.engine.control.Status;
import io.barrage.engine.output.RunStatus;
import io.barrage.engine.run.Run;
import io.barrage.engine.summary.RunSummary;
import io.barrage.launch.LaunchException;
import io.barrage.launch.LaunchOptions;
import io.barrage.launch.Launcher;
import io.barrage.launch.LoadedLaunch;
import io.barrage.launch.PreparedLaunch;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jline.reader.Completer;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.reader.impl.DefaultParser;
import org.jline.terminal.Terminal;
import picocli.CommandLine;
import picocli.shell.jline3.PicocliCommands;

/**
 * barrage's REPL: reads a line, runs it as a command of {@link ReplCommands} (or as Groovy in Groovy
 * mode), prints one answer. Steers a run of this process ({@code load}, {@code start}) or, attached,
 * one in another process through its control API. Ctrl-C interrupts the command, not the REPL;
 * Ctrl-D leaves, asking first if a test of this process is running. History is kept across sessions.
 */
final class Repl {
    static final Path HISTORY = Path.of(System.getProperty("user.home"), ".barrage", "history");

    private final Terminal terminal;
    private final PrintWriter out;
    private final CommandLine commands;
    private final LineReader reader;
    private final boolean attached;
    private final Map<String, String> defaultParams;
    private Steering steering;
    private LoadedLaunch loaded;
    /** Whether {@link #loaded} went to a run (or a start that failed): a new start loads the script again. */
    private boolean loadedSpent;
    private Path script;
    private Run run;
    private ControlServer api;
    private ControlledRun.Subscription events;
    private boolean quit;
    private boolean groovy;
    private GroovyMode groovyMode;
    private volatile Thread working;
    private Path resultsDir = Path.of("results");
    /** The script named on {@code barrage repl}'s command line: the -p there are for it, and only defaults for other scripts. */
    private Path commandLineScript;
    private Map<String, String> loadedParams = Map.of();
    private java.util.Set<String> loadedLenient = java.util.Set.of();

    Repl(Terminal terminal, Steering attachedTo, Map<String, String> params) {
        this(terminal, attachedTo, params, HISTORY);
    }

    /** @param history where history is kept across sessions, or null for none */
    Repl(Terminal terminal, Steering attachedTo, Map<String, String> params, Path history) {
        this(terminal, attachedTo, params, history, List.of());
    }

    /** @param extra commands beside the built-in ones ({@link ReplCommands#BUILT_IN}): an extension's, a test's */
    Repl(Terminal terminal, Steering attachedTo, Map<String, String> params, Path history, List<Class<? extends ReplCommands.Base>> extra) {
        this.terminal = terminal;
        this.out = terminal.writer();
        this.attached = attachedTo != null;
        this.steering = attachedTo;
        this.defaultParams = params;
        this.commands = ReplCommands.tree(this, extra);
        commands.setOut(out).setErr(out);
        commands.setExecutionExceptionHandler((e, cl, parsed) -> {
            out.println(describe(e));
            return 1;
        });
        commands.setParameterExceptionHandler((e, args) -> {
            // picocli's message, with its "did you mean", on one line; no usage dump
            StringBuilder b = new StringBuilder("error: ").append(oneLine(e.getMessage()));
            if (e instanceof CommandLine.UnmatchedArgumentException u && !u.getSuggestions().isEmpty()) {
                b.append(" — did you mean ").append(String.join(" or ", u.getSuggestions())).append('?');
            }
            b.append(" (help ").append(e.getCommandLine().getCommandName().isEmpty() ? "" : e.getCommandLine().getCommandName()).append(")");
            out.println(b.toString().replace("(help )", "(help lists the commands)"));
            return 2;
        });
        org.jline.reader.impl.completer.SystemCompleter commandCompleter = new PicocliCommands(commands).compileCompleters();
        commandCompleter.compile();
        Completer completer = (r, line, candidates) -> {
            if (groovy && groovyMode != null) groovyMode.complete(line, candidates);
            else commandCompleter.complete(r, line, candidates);
        };
        DefaultParser parser = new DefaultParser();
        parser.setEofOnUnclosedQuote(true);
        LineReaderBuilder b = LineReaderBuilder.builder().terminal(terminal).completer(completer).parser(parser)
                .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true);
        if (history != null) {
            b.variable(LineReader.HISTORY_FILE, history);
            try {
                Files.createDirectories(history.getParent());
            } catch (IOException ignored) {
                // no history file then
            }
        }
        this.reader = b.build();
        terminal.handle(Terminal.Signal.INT, s -> {
            Thread t = working;
            if (t != null) t.interrupt();
        });
    }

    /** Reads and runs lines until quit or Ctrl-D. */
    void loop() {
        out.println(attached ? "attached to " + steering.where() + " · help lists the commands · Ctrl-D leaves (the test goes on)"
                : "barrage REPL · load SCRIPT, start, watch, rate 300, pause, stop · help lists the commands · Ctrl-D leaves");
        out.flush();
        if (attached) events = subscribe(steering.run());
        while (!quit) {
            String line;
            try {
                line = reader.readLine(prompt());
            } catch (UserInterruptException e) {
                continue;                                   // Ctrl-C at the prompt: a fresh line
            } catch (EndOfFileException e) {
                if (groovy) {
                    groovyMode(false);
                    continue;
                }
                quit();
                continue;
            }
            if (line != null) accept(line);
        }
        save();
    }

    /** One line as typed: Groovy in Groovy mode, else a command. */
    void accept(String line) {
        if (groovy) groovyLine(line);
        else if (!line.isBlank()) execute(line);
    }

    private String prompt() {
        if (groovy) return groovyMode != null && groovyMode.pending() ? "....... " : "groovy> ";
        return "barrage> ";
    }

    /** Runs one command line; its failure is one printed line. */
    void execute(String line) {
        List<String> words;
        try {
            words = new ArrayList<>(reader.getParser().parse(line, line.length()).words());
        } catch (RuntimeException e) {
            out.println("error: " + e.getMessage());
            return;
        }
        words.removeIf(String::isEmpty);
        if (words.isEmpty()) return;
        java.util.Set<String> names = commands.getSubcommands().keySet();
        if (!names.contains(words.get(0))) {
            out.println("error: '" + words.get(0) + "' is not a command" + io.barrage.dsl.internal.DidYouMean.suggestion(words.get(0), new java.util.TreeSet<>(names)));
            return;
        }
        working = Thread.currentThread();
        try {
            commands.execute(words.toArray(String[]::new));
        } finally {
            working = null;
            Thread.interrupted();
            out.flush();
        }
    }

    /** A failed command as the one line the REPL prints. */
    static String describe(Exception e) {
        if (e instanceof InterruptedException || e instanceof UncheckedIOException u && u.getCause() instanceof InterruptedIOException) return "interrupted";
        if (e instanceof IllegalArgumentException || e instanceof UsageException || e instanceof ScriptException || e instanceof LaunchException
                || e instanceof IOException || e instanceof UncheckedIOException) {
            return "error: " + oneLine(e.getMessage());
        }
        return "error: " + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + oneLine(e.getMessage()));
    }

    private static String oneLine(String s) {
        return s == null ? "" : s.replace("\n", "; ");
    }

    // ---- actions of the commands

    void load(Path file, Map<String, String> params) {
        if (attached) throw new IllegalArgumentException("attached to " + steering.where() + ": load and start belong to a REPL of its own");
        if (run != null && !run.finished()) throw new IllegalArgumentException("a test is running: stop it first");
        Map<String, String> all = new java.util.LinkedHashMap<>(defaultParams);
        all.putAll(params);
        // the -p of barrage repl are defaults for a script loaded later: one it does not take is left out, with a warning
        java.util.Set<String> lenient = new java.util.LinkedHashSet<>(defaultParams.keySet());
        lenient.removeAll(params.keySet());
        if (file.equals(commandLineScript)) lenient.clear();
        LoadedLaunch l = new Launcher().load(launchOptions(file, all, lenient));
        if (loaded != null) loaded.close();
        for (String w : l.warnings()) out.println("! " + w);
        for (String k : lenient) {
            boolean said = l.warnings().stream().anyMatch(w -> w.startsWith("-p " + k + "="));
            if (l.paramsRead() != null && !l.paramsRead().contains(k) && !said) {
                out.println("! -p " + k + "=" + all.get(k) + " (barrage repl's command line) is not read by " + file);
            }
        }
        loaded = l;
        loadedSpent = false;
        script = file;
        loadedParams = all;
        loadedLenient = lenient;
        out.println("loaded " + file + ": " + String.join(", ", l.plan().scenarios().stream()
                .map(s -> s.name() + " (" + s.phases().size() + (s.phases().size() == 1 ? " phase, " : " phases, ")
                        + io.barrage.engine.format.Durations.format(java.time.Duration.ofNanos(s.durationNanos())) + ")").toList())
                + " · start runs it");
    }

    void start() throws IOException {
        if (attached) throw new IllegalArgumentException("attached to " + steering.where() + ": the test is already running there");
        if (run != null && !run.finished()) throw new IllegalArgumentException("a test is already running: stop it first");
        if (loaded == null) throw new IllegalArgumentException("nothing loaded: load SCRIPT first");
        // a plan runs once: load it again for a new run
        if (run != null || loadedSpent) loaded = new Launcher().load(launchOptions(script, loadedParams, loadedLenient));
        loadedSpent = false;
        loaded = loaded.withResultsDir(resultsDir, "the results directory");
        loadedSpent = true;
        PreparedLaunch launch;
        try {
            launch = loaded.prepare();   // no warm-up here: nothing to wait for
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted");
        }
        launch.start();
        run = launch.run();
        steering = Steering.local(run);
        // back at the prompt once the load runs (after setup), so the next command finds it running
        try {
            while (!run.finished() && !"running".equals(run.state())) Thread.sleep(10);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        out.println("started " + loaded.plan().name() + (run.resultsDir() == null ? "" : " · results in " + run.resultsDir())
                + " · status, watch, rate, pause, stop");
    }

    /** A run of the REPL: no warm-up (it is steered by hand), its events printed above the prompt. */
    private LaunchOptions launchOptions(Path file, Map<String, String> params, java.util.Set<String> lenient) {
        return LaunchOptions.of(file).withParams(params).withOptionalParams(lenient).withWarmup(java.time.Duration.ZERO)
                .withVersion(Version.get()).withExtraOutputs(List.of(new ReplEvents(this::printAbove)));
    }

    /** Prints a command's answer. */
    void say(String line) {
        out.println(line);
    }

    void printStatus() {
        ControlledRun r = steering().run();
        RunStatus s = r.status();
        out.print(StatusTable.render(r.name(), s, r.summarySoFar()));
    }

    void printSummary() {
        RunSummary s = steering().run().summarySoFar();
        if (s == null) {
            out.println("no summary yet: the load has not run a full second");
            return;
        }
        out.print(SummaryPrinter.render(s, run == null ? null : run.resultsDir()));
    }

    /** Redraws the status every second until a key is pressed, Ctrl-C, or the run ends. */
    void watch() throws IOException, InterruptedException {
        ControlledRun r = steering().run();
        boolean ansi = !Terminal.TYPE_DUMB.equals(terminal.getType()) && !Terminal.TYPE_DUMB_COLOR.equals(terminal.getType());
        out.println("watching · any key stops");
        int drawn = 0;
        org.jline.terminal.Attributes saved = ansi ? terminal.enterRawMode() : null;
        try {
            while (true) {
                RunStatus status;
                RunSummary so;
                try {
                    status = r.status();
                    so = r.summarySoFar();
                } catch (UncheckedIOException e) {
                    if (e.getCause() instanceof InterruptedIOException) throw new InterruptedException();
                    out.println("the run has ended (" + e.getMessage() + ")");
                    return;
                }
                String table = StatusTable.render(r.name(), status, so);
                if (ansi && drawn > 0) out.print("\033[" + drawn + "A\033[J");
                out.print(table);
                out.flush();
                drawn = (int) table.chars().filter(c -> c == '\n').count();
                if (Status.finished(status)) {
                    out.println("the run has ended: " + (so != null ? so.status() : "finished"));
                    return;
                }
                int c = terminal.reader().peek(1000);
                if (c >= 0) {
                    terminal.reader().read();
                    return;
                }
                if (c == -1) return;                     // end of input
                if (Thread.currentThread().isInterrupted()) throw new InterruptedException();
            }
        } finally {
            if (saved != null) terminal.setAttributes(saved);
            out.flush();
        }
    }

    void groovyMode(boolean on) {
        if (on && groovyMode == null) groovyMode = new GroovyMode(this::steeringForGroovy, out);
        groovy = on;
        out.println(on ? "Groovy mode: `run` is the test (run.phase, run.status, run.metrics.p99('GET /items'), run.rate(300)) · :exit leaves"
                : "command mode");
    }

    private void groovyLine(String line) {
        if (line.trim().equals(":exit") || line.trim().equals(":quit")) {
            groovyMode.reset();
            groovyMode(false);
            return;
        }
        working = Thread.currentThread();
        try {
            groovyMode.line(line);
        } finally {
            working = null;
            Thread.interrupted();
            out.flush();
        }
    }

    private Steering steeringForGroovy() {
        return steering();
    }

    /** Leaves; asks before stopping a test of this process that is still running. */
    void quit() {
        if (run != null && !run.finished()) {
            String answer;
            reader.setVariable(LineReader.DISABLE_HISTORY, true);
            try {
                answer = reader.readLine("a test is running: stop it and leave? [y/N] ");
            } catch (UserInterruptException e) {
                answer = "n";
            } catch (EndOfFileException e) {
                out.println("input ended: stopping the test");      // nothing more can be asked or typed
                answer = "y";
            } finally {
                reader.setVariable(LineReader.DISABLE_HISTORY, false);
            }
            if (!answer.trim().toLowerCase().startsWith("y")) {
                out.println("staying: the test goes on");
                return;
            }
            run.stop("the REPL was left", "repl");
            try {
                RunSummary s = run.await();
                out.print(SummaryPrinter.render(s, run.resultsDir()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        quit = true;
    }

    /** What the commands act on. */
    Steering steering() {
        if (steering == null) throw new IllegalArgumentException("no test yet: load SCRIPT, then start");
        return steering;
    }

    private void save() {
        out.flush();
        try {
            if (reader.getVariable(LineReader.HISTORY_FILE) != null) reader.getHistory().save();
        } catch (IOException ignored) {
            // history is a convenience
        }
        if (api != null) api.close();
        if (events != null) events.close();
    }

    /** The run's events as lines above the prompt, as a run of this process prints them (its {@link ReplEvents}). */
    private ControlledRun.Subscription subscribe(ControlledRun r) {
        ReplEvents lines = new ReplEvents(this::printAbove);
        try {
            return r.events(lines::onEvent);
        } catch (RuntimeException e) {
            return null;                     // status and commands say what is wrong, if anything is
        }
    }

    /** Prints a line above the prompt (events while the person types). */
    void printAbove(String line) {
        if (reader.isReading()) reader.printAbove(line);
        else {
            out.println(line);
            out.flush();
        }
    }

    /** The script named on the command line ({@code barrage repl SCRIPT -p …}), which its -p are given for. */
    Repl commandLineScript(Path file) {
        this.commandLineScript = file;
        return this;
    }

    /** Where runs started here write their results (default: ./results). */
    Repl resultsDir(Path dir) {
        this.resultsDir = dir;
        return this;
    }

    void flush() {
        out.flush();
    }

    /** The run in this process, if any (tests). */
    Run run() {
        return run;
    }
}
