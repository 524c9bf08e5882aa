package io.barrage.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.barrage.engine.control.RateFactor;
import io.barrage.engine.format.Durations;
import io.barrage.engine.results.Json;
import io.barrage.engine.run.FaultControl;
import java.nio.file.Path;
import java.time.Duration;
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
 *
 * <p>A new command is one class — a picocli {@code @Command} extending {@link Base}, whose
 * {@link Base#act()} uses the session ({@code repl.steering().run()} is the {@code RunControl} of
 * the run in this process or attached) — plus its line in {@link #BUILT_IN} (or, for an
 * extension or a test, in the list given to the REPL).
 */
@Command(name = "", description = "Steer a test: load, start, status, watch, rate, users, pause, resume, phase, stop, summary, groovy.")
final class ReplCommands implements Runnable {
    @Override
    public void run() {}

    /** The built-in commands, in the order {@code help} lists them. */
    static final List<Class<? extends Base>> BUILT_IN = List.of(Load.class, Start.class, StatusCmd.class, Watch.class,
            Rate.class, Users.class, Pause.class, Resume.class, PhaseCmd.class, FaultCmd.class, Stop.class, Summary.class, GroovyCmd.class,
            Quit.class);

    /** The REPL's command tree: the built-in commands, then {@code extra}, then {@code help}. */
    static CommandLine tree(Repl repl, List<Class<? extends Base>> extra) {
        CommandLine.IFactory factory = factory(repl);
        CommandLine cl = new CommandLine(new ReplCommands(), factory);
        List<Class<? extends Base>> all = new java.util.ArrayList<>(BUILT_IN);
        all.addAll(extra);
        try {
            for (Class<? extends Base> c : all) cl.addSubcommand(new CommandLine(factory.create(c), factory));
        } catch (Exception e) {
            throw new IllegalStateException("a REPL command could not be made: " + e, e);
        }
        cl.addSubcommand(new CommandLine(new CommandLine.HelpCommand(), factory));
        return cl;
    }

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

        void act() {
            String v = value.trim();
            boolean factor = v.startsWith("x") || v.startsWith("*");
            double n;
            try {
                n = Double.parseDouble(factor ? v.substring(1) : v.endsWith("/s") ? v.substring(0, v.length() - 2) : v);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("rate takes a number (rate 300) or a factor (rate x1.5), not '" + value + "'");
            }
            Steering s = repl.steering();
            if (factor) {
                repl.say(describe("rate", Map.of("rates", RateFactor.apply(s.run(), scenario, n, s.origin()))));
            } else {
                s.run().setRate(scenario, n, s.origin());
                repl.say(describe("rate", Map.of("rate", n)));
            }
        }
    }

    @Command(name = "users", description = "Set the number of closed-model users.")
    static final class Users extends Base {
        @Parameters(paramLabel = "N") int users;
        @Option(names = {"-s", "--scenario"}) String scenario;

        void act() {
            Steering s = repl.steering();
            s.run().setUsers(scenario, users, s.origin());
            repl.say(describe("users", Map.of("users", users)));
        }
    }

    @Command(name = "pause", description = "Pause: no new arrivals or iterations; the phase clock stops.")
    static final class Pause extends Base {
        void act() {
            Steering s = repl.steering();
            repl.say(describe("pause", Map.of("paused", s.run().pause(s.origin()))));
        }
    }

    @Command(name = "resume", description = "Resume a paused run.")
    static final class Resume extends Base {
        void act() {
            Steering s = repl.steering();
            repl.say(describe("resume", Map.of("resumed", s.run().resume(s.origin()))));
        }
    }

    @Command(name = "phase", description = "phase next: end the current phase; phase extend 1m: make it longer.")
    static final class PhaseCmd extends Base {
        @Parameters(index = "0", paramLabel = "next|extend") String action;
        @Parameters(index = "1", arity = "0..1", paramLabel = "DURATION") String by;
        @Option(names = {"-s", "--scenario"}) String scenario;

        void act() {
            Steering s = repl.steering();
            Map<String, Object> answer = new LinkedHashMap<>();
            if (action.equals("next")) {
                if (by != null) throw new IllegalArgumentException("\"by\" is for {\"action\": \"extend\"} only");
                s.run().skipPhase(scenario, s.origin());
            } else if (action.equals("extend")) {
                if (by == null) throw new IllegalArgumentException("extend needs \"by\": a duration such as \"1m\"");
                Duration d = Durations.parse(by);
                s.run().extendPhase(scenario, d, s.origin());
                answer.put("extendedBy", Durations.format(d));
            } else {
                throw new IllegalArgumentException("phase needs \"action\": \"next\" or \"extend\"");
            }
            answer.put("action", action);
            repl.say(describe("phase", answer));
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

        void act() {
            Steering s = repl.steering();
            Map<String, Object> answer = new LinkedHashMap<>();
            if (kind.equals("clear")) {
                FaultControl.Cleared off = s.run().clearFaults(target, backend != null && !backend.equals("all") ? backend : null, s.origin());
                answer.put("cleared", off.count());
                answer.put("target", off.target());
                repl.say(describe("clear", answer));
                return;
            }
            Map<String, Object> spec = new LinkedHashMap<>();
            spec.put("fault", kind);
            if (backend != null) spec.put("backend", backend);
            if (arg != null) {
                if (kind.equals("slow")) spec.put("latency", arg);
                else if (kind.equals("errors")) spec.put("rate", arg.endsWith("%") ? arg : arg + "%");
                else throw new IllegalArgumentException("fault " + kind + " takes a backend only");
            }
            if (status != null) spec.put("status", status);
            FaultControl.Switched on = s.run().injectFault(target, spec, s.origin());
            answer.put("on", on.fault());
            answer.put("target", on.target());
            repl.say(describe("fault", answer));
        }
    }

    @Command(name = "stop", description = "Stop the run: in-flight calls finish, the summary and results are written.")
    static final class Stop extends Base {
        void act() {
            Steering s = repl.steering();
            s.run().stop("stopped from the REPL", s.origin());
            repl.say(describe("stop", Map.of("stopping", true)));
        }
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

    /**
     * A command's answer as the one line the REPL prints, its values as the control API's JSON has
     * them: {@code ok: rate (rates {"steady":90.0})}.
     */
    static String describe(String name, Map<String, ?> answer) {
        List<String> parts = new java.util.ArrayList<>();
        answer.forEach((k, v) -> parts.add(k + " " + (v instanceof String t ? t : json(v))));
        return "ok: " + name + (parts.isEmpty() ? "" : " (" + String.join(", ", parts) + ")");
    }

    private static String json(Object v) {
        try {
            return Json.MAPPER.writeValueAsString(v);
        } catch (JsonProcessingException e) {
            return String.valueOf(v);
        }
    }
}
