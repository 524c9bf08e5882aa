package io.barrage.engine.control;

import io.barrage.engine.output.RunStatus;
import io.barrage.engine.run.RunControl;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code rate x1.5}: the current target rate of each open-model scenario (one, or all) multiplied,
 * as a rate set for the rest of its phase. Shared by the control API ({@code {"factor": 1.5}}) and
 * the REPL, so both say the same and refuse the same.
 */
public final class RateFactor {
    private RateFactor() {}

    /**
     * Multiplies the rates through {@code control}.
     *
     * @return the new rate of each scenario changed, by name
     * @throws IllegalArgumentException for a factor out of (0, 100] or no open-model scenario to change; nothing changed
     */
    public static Map<String, Double> apply(RunControl control, String scenario, double factor, String origin) {
        if (!(factor > 0) || factor > 100 || Double.isInfinite(factor)) throw new IllegalArgumentException("factor must be > 0 and ≤ 100, got " + factor);
        Map<String, Double> out = new LinkedHashMap<>();
        RunStatus status = control.status();
        for (RunStatus.ScenarioStatus s : status.scenarios()) {
            if (scenario != null && !s.name().equals(scenario)) continue;
            if (!s.model().equals("open")) continue;
            out.put(s.name(), Math.round(s.target() * factor * 100) / 100.0);
        }
        if (out.isEmpty()) throw new IllegalArgumentException(scenario == null ? "no open-model scenario to change the rate of" : "no open-model scenario named '" + scenario + "'");
        out.forEach((name, rate) -> control.setRate(name, rate, origin));
        return out;
    }
}
