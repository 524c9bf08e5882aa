package io.barrage.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The REPL's commands, as a picocli tree: completion, {@code help} and "did you mean" come from it.
 * Each command acts on the {@link Repl}'s session; a refused command prints one line and the REPL
 * goes on.
 */
@Command(name = "", description = "Steer a test: load, start, status, watch, rate, users, pause, resume, phase, stop, summary, groovy.",
        subcommands = {ReplCommands.Load.class, ReplCommands.Start.class, ReplCommands.StatusCmd.class, ReplCommands.Watch.class,
                ReplCommands.Rate.class, ReplCommands.Users.class, ReplCommands.Pause.class, ReplCommands.Resume.class,
                ReplCommands.PhaseCmd.class, ReplCommands.FaultCmd.class, ReplCommands.Stop.class, ReplCommands.Summary.class, ReplCommands.GroovyCmd.class,
                ReplCommands.Quit.class, CommandLine.HelpCommand.class})
final class ReplCommands implements Runnable {
    @Override
    public void run() {}

    /** Creates each command with the REPL it acts on. */
    static CommandLine.IFactory factory(Repl repl) {
        return new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> cls) throws Exception {
                if (Base.class.isAssignableFrom(cls)) {
                    K k = CommandLine.defaultFactory().create(cls);
                    ((Base) k).repl = repl;
                    return k;
                }
                return CommandLine.defaultFactory().create(cls);
            }
        };
    }

    abstract static class Base implements Callable<Integer> {
        Repl repl;

        @Override
        public Integer call() throws Exception {
            act();
            return 0;
        }

        abstract void act() throws Exception;
    }

    @Command(name = "load", description = "Load a scenario script (this process only).")
    static final class Load extends Base {
        @Parameters(paramLabel = "SCRIPT") Path script;
        @Option(names = {"-p", "--param"}, paramLabel = "NAME=VALUE") List<String> params = new java.util.ArrayList<>();

        void act() { repl.load(script, Common.params(params)); }
    }

    @Command(name = "start", description = "Start the loaded script's run (this process only).")
    static final class Start extends Base {
        void act() throws Exception { repl.start(); }
    }

    @Command(name = "status", description = "One line per scenario: phase, target → achieved, req/s, in flight, p50/p95/p99, errors.")
    static final class StatusCmd extends Base {
        void act() throws Exception { repl.printStatus(); }
    }

    @Command(name = "watch", description = "A live table, refreshed every second until a key is pressed.")
    static final class Watch extends Base {
        void act() throws Exception { repl.watch(); }
    }

    @Command(name = "rate", description = "Set the arrival rate (rate 300) or multiply it (rate x1.5).")
    static final class Rate extends Base {
        @Parameters(paramLabel = "N|xF") String value;
        @Option(names = {"-s", "--scenario"}) String scenario;

        void act() throws Exception {
            Map<String, Object> body = new LinkedHashMap<>();
            String v = value.trim();
            try {
                if (v.startsWith("x") || v.startsWith("*")) body.put("factor", Double.parseDouble(v.substring(1)));
                else body.put("rate", Double.parseDouble(v.endsWith("/s") ? v.substring(0, v.length() - 2) : v));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("rate takes a number (rate 300) or a factor (rate x1.5), not '" + value + "'");
            }
            if (scenario != null) body.put("scenario", scenario);
            repl.command("rate", body);
        }
    }

    @Command(name = "users", description = "Set the number of closed-model users.")
    static final class Users extends Base {
        @Parameters(paramLabel = "N") int users;
        @Option(names = {"-s", "--scenario"}) String scenario;

        void act() throws Exception {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("users", users);
            if (scenario != null) body.put("scenario", scenario);
            repl.command("users", body);
        }
    }

    @Command(name = "pause", description = "Pause: no new arrivals or iterations; the phase clock stops.")
    static final class Pause extends Base {
        void act() throws Exception { repl.command("pause", Map.of()); }
    }

    @Command(name = "resume", description = "Resume a paused run.")
    static final class Resume extends Base {
        void act() throws Exception { repl.command("resume", Map.of()); }
    }

    @Command(name = "phase", description = "phase next: end the current phase; phase extend 1m: make it longer.")
    static final class PhaseCmd extends Base {
        @Parameters(index = "0", paramLabel = "next|extend") String action;
        @Parameters(index = "1", arity = "0..1", paramLabel = "DURATION") String by;
        @Option(names = {"-s", "--scenario"}) String scenario;

        void act() throws Exception {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("action", action);
            if (by != null) body.put("by", by);
            if (scenario != null) body.put("scenario", scenario);
            repl.command("phase", body);
        }
    }

    @Command(name = "fault", description = "A simulated service's faults: fault down b3 · fault hang b3 · fault partition b3 · "
            + "fault slow b2 200ms · fault errors b1 20% 503 (all for every backend) · fault clear [b3].")
    static final class FaultCmd extends Base {
        @Parameters(index = "0", paramLabel = "down|hang|partition|slow|errors|clear") String kind;
        @Parameters(index = "1", arity = "0..1", paramLabel = "BACKEND") String backend;
        @Parameters(index = "2", arity = "0..1", paramLabel = "LATENCY|SHARE") String arg;
        @Parameters(index = "3", arity = "0..1", paramLabel = "STATUS") Integer status;
        @Option(names = {"-t", "--target"}, description = "Which simulated service, when the run has several (sim:NAME).") String target;

        void act() throws Exception {
            Map<String, Object> body = new LinkedHashMap<>();
            if (target != null) body.put("target", target);
            if (kind.equals("clear")) {
                if (backend != null && !backend.equals("all")) body.put("backend", backend);
                repl.command("clear", body);
                return;
            }
            body.put("fault", kind);
            if (backend != null) body.put("backend", backend);
            if (arg != null) {
                if (kind.equals("slow")) body.put("latency", arg);
                else if (kind.equals("errors")) body.put("rate", arg.endsWith("%") ? arg : arg + "%");
                else throw new IllegalArgumentException("fault " + kind + " takes a backend only");
            }
            if (status != null) body.put("status", status);
            repl.command("fault", body);
        }
    }

    @Command(name = "stop", description = "Stop the run: in-flight calls finish, the summary and results are written.")
    static final class Stop extends Base {
        void act() throws Exception { repl.command("stop", Map.of("reason", "stopped from the REPL")); }
    }

    @Command(name = "summary", description = "The end-of-run table for the run so far.")
    static final class Summary extends Base {
        void act() throws Exception { repl.printSummary(); }
    }

    @Command(name = "groovy", description = "Groovy mode: expressions with the running test bound as `run` (:exit to leave).")
    static final class GroovyCmd extends Base {
        void act() { repl.groovyMode(true); }
    }

    @Command(name = "quit", aliases = "exit", description = "Leave the REPL (asks before stopping a running test).")
    static final class Quit extends Base {
        void act() { repl.quit(); }
    }

    /** The JSON answer of a command, as the one line the REPL prints. */
    static String describe(String name, JsonNode answer) {
        List<String> parts = new java.util.ArrayList<>();
        answer.fields().forEachRemaining(e -> {
            if (!e.getKey().equals("ok")) parts.add(e.getKey() + " " + (e.getValue().isTextual() ? e.getValue().asText() : e.getValue().toString()));
        });
        return "ok: " + name + (parts.isEmpty() ? "" : " (" + String.join(", ", parts) + ")");
    }
}
