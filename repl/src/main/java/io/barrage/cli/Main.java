package io.barrage.cli;

import io.barrage.dsl.ScriptException;
import io.barrage.dsl.ScriptProblem;
import io.barrage.launch.LaunchException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code barrage}: the console. {@link #main} exits with {@link #execute}'s code. */
@Command(name = "barrage", addMethodSubcommands = false, mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Load tests as Groovy scenarios, run on virtual threads, with true numbers.",
        footer = {"", "Exit codes: 0 passed · 1 assertions failed · 2 bad script or usage · 3 aborted · 4 run error"})
public final class Main implements Runnable {
    /**
     * The commands, in the order help lists them. Only the one a command line names is built (picocli
     * reads each command's annotations through reflection, and its own classes cannot be in the JDK's
     * start-up cache: building all of them cost about 0.1 s of every start).
     */
    static final java.util.LinkedHashMap<String, Class<?>> COMMANDS = new java.util.LinkedHashMap<>();

    static {
        COMMANDS.put("run", RunCommand.class);
        COMMANDS.put("capacity", CapacityCommand.class);
        COMMANDS.put("repl", ReplCommand.class);
        COMMANDS.put("attach", AttachCommand.class);
        COMMANDS.put("validate", ValidateCommand.class);
        COMMANDS.put("plan", PlanCommand.class);
        COMMANDS.put("profile", ProfileCommand.class);
        COMMANDS.put("report", ReportCommand.class);
        COMMANDS.put("compare", CompareCommand.class);
        COMMANDS.put("sim", SimCommand.class);
        COMMANDS.put("train", TrainCommand.class);
        COMMANDS.put("help", CommandLine.HelpCommand.class);
    }

    @Spec CommandSpec spec;

    /** The commands that load scripts: they prepare the Groovy runtime while the command line is parsed. */
    private static final java.util.Set<String> SCRIPTED = java.util.Set.of("run", "validate", "plan", "capacity", "repl", "train");

    public static void main(String[] args) {
        // picocli's default factory would load groovy.lang.Closure to look for closures in annotations
        // (barrage has none), which initialises the whole Groovy runtime on this thread
        System.setProperty("picocli.disable.closures", "true");
        if (args.length > 0 && SCRIPTED.contains(args[0])) {
            Thread.ofPlatform().daemon().name("barrage-prepare").start(() -> prepare(args));
        }
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        int code = execute(args, out, err);
        out.flush();
        err.flush();
        System.exit(code);
    }

    /**
     * What every script command needs before its first request, done on a thread of its own while the
     * command line is parsed and the script read: the compiler, on a third thread, when the script is
     * not in the cache; the Groovy runtime; the event loops' native calls; the JVM's management beans the generator probe reads; the
     * JDK's socket classes and record methods the first request uses (measured: script → first request
     * 1.0 s before, 0.6–0.7 s with this).
     */
    private static void prepare(String[] args) {
        try {
            Path script = scriptArgument(args);
            if (script != null && script.toString().endsWith(".groovy") && !new io.barrage.launch.Launcher().compiled(script)) {
                Thread.ofPlatform().daemon().name("barrage-prepare-compiler").start(io.barrage.dsl.ScenarioCompiler::prepareCompiler);
            }
            io.barrage.dsl.ScenarioCompiler.prepareRuntime();
            io.barrage.engine.loop.EventLoops.unavailable();   // links the loops' native calls
            io.barrage.engine.run.GeneratorProbe.jvm();
            io.barrage.http.HttpConfig.of("http://127.0.0.1").hashCode();   // a record's hashCode bootstraps on first use
            try (java.net.Socket s = new java.net.Socket(java.net.Proxy.NO_PROXY)) {
                s.setTcpNoDelay(true);   // creates the socket: the JDK's network setup runs here, not before the first request
            } catch (java.io.IOException ignored) {
                // the run reports network trouble where it matters
            }
        } catch (Throwable t) {
            // only a head start: whatever failed here fails again, and is reported, where it is needed
        }
    }

    /** The script a command line names, as far as a glance tells (the first existing file argument), or null. */
    private static Path scriptArgument(String[] args) {
        for (int i = 1; i < args.length; i++) {
            if (args[i].startsWith("-")) continue;
            try {
                Path p = Path.of(args[i]);
                if (Files.isRegularFile(p)) return p;
            } catch (java.nio.file.InvalidPathException notAPath) {
                // an option's value: picocli reads the command line properly
            }
        }
        return null;
    }

    /** Runs the command line and returns its exit code (tests call this with their own writers). */
    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        return commandLine(out, err, args.length == 0 ? null : args[0]).execute(args);
    }

    static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        return commandLine(out, err, null);
    }

    /** @param first the command line's first word: only that command is built when it names one (else all are, for help and suggestions) */
    static CommandLine commandLine(PrintWriter out, PrintWriter err, String first) {
        CommandLine cl = new CommandLine(new Main());
        // help lists them all; train builds them all, so the start-up cache holds what each one loads
        boolean one = first != null && COMMANDS.containsKey(first) && !first.equals("help") && !first.equals("train");
        for (var e : COMMANDS.entrySet()) {
            if (one && !e.getKey().equals(first)) continue;
            if (first != null && (first.equals("--version") || first.equals("-V"))) break;
            cl.addSubcommand(e.getKey(), e.getValue());
        }
        cl.setOut(out);
        cl.setErr(err);
        cl.setParameterExceptionHandler((ex, args) -> {
            CommandLine c = ex.getCommandLine();
            PrintWriter e = c.getErr();
            if (ex instanceof CommandLine.UnmatchedArgumentException u && c.getSubcommands().size() > 0
                    && !u.getUnmatched().isEmpty() && !u.getUnmatched().get(0).startsWith("-")) {
                String word = u.getUnmatched().get(0);
                var names = c.getSubcommands().keySet().stream().filter(n -> !c.getSubcommands().get(n).getCommandSpec().usageMessage().hidden()).toList();
                e.println("barrage: '" + word + "' is not a command" + io.barrage.dsl.internal.DidYouMean.suggestion(word, names));
                e.println("see 'barrage --help'");
                e.flush();
                return 2;
            }
            if (ex instanceof CommandLine.MissingParameterException m && m.getMissing().stream()
                    .anyMatch(a -> a instanceof CommandLine.Model.OptionSpec o && o.longestName().equals("--param"))) {
                e.println("barrage: -p needs a parameter: -p NAME=VALUE");
                e.flush();
                return 2;
            }
            e.println("barrage: " + ex.getMessage());
            CommandLine.UnmatchedArgumentException.printSuggestions(ex, e);
            e.println("see '" + c.getCommandSpec().qualifiedName() + " --help'");
            e.flush();
            return 2;
        });
        cl.setExecutionExceptionHandler((ex, c, parsed) -> {
            PrintWriter e = c.getErr();
            if (ex instanceof LaunchException le) {
                if (le.problems().isEmpty()) e.println("barrage: " + le.getMessage());
                for (ScriptProblem p : le.problems()) e.println(p);
                e.flush();
                return le.exitCode();
            } else if (ex instanceof ScriptException se) {
                for (ScriptProblem p : se.getProblems()) e.println(p);
            } else if (ex instanceof UsageException) {
                e.println("barrage: " + ex.getMessage());
            } else {
                e.println("barrage: error: " + (ex.getMessage() == null ? ex.toString() : ex.getMessage()));
                if (parsed.hasMatchedOption("--verbose") || hasVerbose(parsed)) ex.printStackTrace(e);
                else e.println("(run with --verbose for the stack trace)");
                e.flush();
                return 4;
            }
            e.flush();
            return 2;
        });
        return cl;
    }

    private static boolean hasVerbose(CommandLine.ParseResult parsed) {
        for (CommandLine.ParseResult p = parsed; p != null; p = p.subcommand()) {
            if (p.hasMatchedOption("--verbose")) return true;
        }
        return false;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
