package io.barrage.engine.capacity;

import io.barrage.engine.model.Assertion;
import io.barrage.engine.format.Durations;
import io.barrage.engine.validation.Problem;
import io.barrage.engine.validation.Validatable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * How a capacity search steps the load: start at {@code from}, multiply by {@code growth} while the
 * criteria hold, then halve the gap between the highest load that held and the lowest that failed
 * until it is within {@code precision}. Each step holds its load for {@code hold}; the first
 * {@code settle} of it is not judged. Never above {@code max}, never longer than {@code maxDuration}.
 *
 * @param criteria what must hold at each step; empty: the scenario's own assertions
 */
public record CapacitySettings(double from, double max, double growth, Duration hold, Duration settle,
                               double precision, Duration maxDuration, List<Assertion> criteria) implements Validatable {

    public CapacitySettings {
        if (hold == null) hold = Duration.ofSeconds(10);
        if (settle == null) settle = Duration.ofSeconds(2);
        if (maxDuration == null) maxDuration = Duration.ofMinutes(10);
        criteria = criteria == null ? List.of() : List.copyOf(criteria);
    }

    public static CapacitySettings defaults() {
        return new CapacitySettings(10, 10_000, 2, Duration.ofSeconds(10), Duration.ofSeconds(2), 0.05, Duration.ofMinutes(10), List.of());
    }

    public CapacitySettings withRange(double f, double m) { return new CapacitySettings(f, m, growth, hold, settle, precision, maxDuration, criteria); }
    public CapacitySettings withGrowth(double g) { return new CapacitySettings(from, max, g, hold, settle, precision, maxDuration, criteria); }
    public CapacitySettings withHold(Duration h, Duration s) { return new CapacitySettings(from, max, growth, h, s, precision, maxDuration, criteria); }
    public CapacitySettings withPrecision(double p) { return new CapacitySettings(from, max, growth, hold, settle, p, maxDuration, criteria); }
    public CapacitySettings withMaxDuration(Duration d) { return new CapacitySettings(from, max, growth, hold, settle, precision, d, criteria); }
    public CapacitySettings withCriteria(List<Assertion> c) { return new CapacitySettings(from, max, growth, hold, settle, precision, maxDuration, c); }

    @Override
    public List<Problem> validate(String where) {
        List<Problem> out = new ArrayList<>();
        String w = where + " › capacity";
        if (!(from > 0) || Double.isInfinite(from)) out.add(Problem.of(w, this, "from", "capacity search must start above 0, got " + from));
        if (!(max >= from) || Double.isInfinite(max)) out.add(Problem.of(w, this, "max", "capacity search's max must be ≥ its start (" + from + "), got " + max));
        if (!(growth > 1.05 && growth <= 10)) out.add(Problem.of(w, this, "growth", "capacity search grows the load ×1.05..×10 per step, got ×" + growth));
        if (hold.compareTo(Duration.ofSeconds(1)) < 0) out.add(Problem.of(w, this, "hold", "each step must hold at least 1s, got " + Durations.format(hold)));
        // settle against a negative hold would be a second message for that one mistake
        if (settle.isNegative() || (!hold.isNegative() && settle.compareTo(hold) >= 0)) out.add(Problem.of(w, this, "settle", "settle must be ≥ 0 and shorter than hold"));
        if (!(precision >= 0.005 && precision <= 0.5)) out.add(Problem.of(w, this, "precision", "precision must be between 0.5% and 50%, got " + precision));
        if (maxDuration.compareTo(hold) < 0) out.add(Problem.of(w, this, "maxDuration", "the search's time limit must be at least one step (" + Durations.format(hold) + ")"));
        for (Assertion a : criteria) out.addAll(a.validate(w));
        return out;
    }
}
