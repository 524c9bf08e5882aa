package io.barrage.cli;

import io.barrage.dsl.ScriptException;
import io.barrage.dsl.ScriptProblem;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code barrage}: the console. {@link #main} exits with {@link #execute}'s code. */
@Command(name = "barrage", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Load tests as Groovy scenarios, run on virtual threads, with true numbers.",
        subcommands = {RunCommand.class, CapacityCommand.class, ReplCommand.class, AttachCommand.class, ValidateCommand.class, PlanCommand.class, SimCommand.class, TrainCommand.class, CommandLine.HelpCommand.class},
        footer = {"", "Exit codes: 0 passed · 1 assertions failed · 2 bad script or usage · 3 aborted · 4 run error"})
public final class Main implements Runnable {
    @Spec CommandSpec spec;

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        int code = execute(args, out, err);
        out.flush();
        err.flush();
        System.exit(code);
    }

    /** Runs the command line and returns its exit code (tests call this with their own writers). */
    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        return commandLine(out, err).execute(args);
    }

    static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(new Main());
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
            e.println("barrage: " + ex.getMessage());
            CommandLine.UnmatchedArgumentException.printSuggestions(ex, e);
            e.println("see '" + c.getCommandSpec().qualifiedName() + " --help'");
            e.flush();
            return 2;
        });
        cl.setExecutionExceptionHandler((ex, c, parsed) -> {
            PrintWriter e = c.getErr();
            if (ex instanceof ScriptException se) {
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
