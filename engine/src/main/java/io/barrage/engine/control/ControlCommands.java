package io.barrage.engine.control;

import com.fasterxml.jackson.databind.JsonNode;
import io.barrage.engine.format.Durations;
import io.barrage.engine.run.FaultControl;
import io.barrage.engine.run.RunControl;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code POST /control/...} commands: each body checked whole (unknown fields, wrong types,
 * values out of range are a 400 that changes nothing), then handed to a {@link RunControl}, which
 * records it as an event with its origin.
 */
public final class ControlCommands {
    static final List<String> NAMES = List.of("pause", "resume", "rate", "users", "phase", "fault", "clear", "stop");
    private final RunControl control;

    public ControlCommands(RunControl control) {
        this.control = control;
    }

    /**
     * Runs one command.
     *
     * @throws IllegalArgumentException with a one-line message for a bad body or value; nothing changed
     */
    public Map<String, Object> run(String command, JsonNode body, String origin) {
        Map<String, Object> out = new LinkedHashMap<>();
        switch (command) {
            case "pause" -> {
                fields(body, command);
                out.put("paused", control.pause(origin));
            }
            case "resume" -> {
                fields(body, command);
                out.put("resumed", control.resume(origin));
            }
            case "rate" -> {
                fields(body, command, "rate", "factor", "scenario");
                String scenario = text(body, "scenario");
                boolean hasRate = body.has("rate"), hasFactor = body.has("factor");
                if (hasRate == hasFactor) throw new IllegalArgumentException("rate needs either \"rate\": arrivals/s or \"factor\": a multiplier of the current rate");
                if (hasRate) {
                    double rate = number(body, "rate");
                    control.setRate(scenario, rate, origin);
                    out.put("rate", rate);
                } else {
                    double f = number(body, "factor");
                    out.put("rates", RateFactor.apply(control, scenario, f, origin));
                }
            }
            case "users" -> {
                fields(body, command, "users", "scenario");
                if (!body.has("users")) throw new IllegalArgumentException("users needs \"users\": a whole number ≥ 0");
                JsonNode u = body.get("users");
                if (!u.canConvertToInt() || !u.isIntegralNumber()) throw new IllegalArgumentException("\"users\" must be a whole number ≥ 0, got " + u);
                control.setUsers(text(body, "scenario"), u.intValue(), origin);
                out.put("users", u.intValue());
            }
            case "phase" -> {
                fields(body, command, "action", "by", "scenario");
                String action = text(body, "action");
                String scenario = text(body, "scenario");
                if ("next".equals(action)) {
                    if (body.has("by")) throw new IllegalArgumentException("\"by\" is for {\"action\": \"extend\"} only");
                    control.skipPhase(scenario, origin);
                } else if ("extend".equals(action)) {
                    String by = text(body, "by");
                    if (by == null) throw new IllegalArgumentException("extend needs \"by\": a duration such as \"1m\"");
                    Duration d = Durations.parse(by);
                    control.extendPhase(scenario, d, origin);
                    out.put("extendedBy", Durations.format(d));
                } else {
                    throw new IllegalArgumentException("phase needs \"action\": \"next\" or \"extend\"");
                }
                out.put("action", action);
            }
            case "fault" -> {
                fields(body, command, "fault", "backend", "latency", "rate", "status", "target");
                Map<String, Object> spec = new LinkedHashMap<>();
                body.fields().forEachRemaining(e -> {
                    if (!e.getKey().equals("target")) spec.put(e.getKey(), e.getValue().isNumber() ? e.getValue().numberValue() : e.getValue().asText());
                });
                FaultControl.Switched on = control.injectFault(text(body, "target"), spec, origin);
                out.put("on", on.fault());
                out.put("target", on.target());
            }
            case "clear" -> {
                fields(body, command, "backend", "target");
                FaultControl.Cleared off = control.clearFaults(text(body, "target"), text(body, "backend"), origin);
                out.put("cleared", off.count());
                out.put("target", off.target());
            }
            case "stop" -> {
                fields(body, command, "reason");
                String reason = text(body, "reason");
                control.stop(reason == null ? "stopped by " + origin : reason, origin);
                out.put("stopping", true);
            }
            default -> throw new UnknownCommand("no command '" + command + "' (valid: " + String.join(", ", NAMES) + ")");
        }
        out.put("ok", true);
        return out;
    }

    private static void fields(JsonNode body, String command, String... allowed) {
        Set<String> ok = Set.of(allowed);
        for (Iterator<String> it = body.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!ok.contains(f)) {
                throw new IllegalArgumentException("'" + f + "' is not a field of " + command
                        + (allowed.length == 0 ? " (it takes none)" : " (valid: " + String.join(", ", allowed) + ")"));
            }
        }
    }

    private static String text(JsonNode body, String field) {
        JsonNode n = body.get(field);
        if (n == null || n.isNull()) return null;
        if (!n.isTextual()) throw new IllegalArgumentException("\"" + field + "\" must be a string, got " + n);
        return n.asText();
    }

    private static double number(JsonNode body, String field) {
        JsonNode n = body.get(field);
        if (n == null || !n.isNumber()) throw new IllegalArgumentException("\"" + field + "\" must be a number, got " + n);
        return n.doubleValue();
    }

    /** A command name that is not one. */
    public static final class UnknownCommand extends IllegalArgumentException {
        UnknownCommand(String message) {
            super(message);
        }
    }
}
