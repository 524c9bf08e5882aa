package io.barrage.engine.pattern;

import io.barrage.engine.format.Durations;
import io.barrage.engine.validation.Problem;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** A staircase: each of {@code levels} held for {@code every}, the whole list played {@code repeat} times. */
public record Step(List<Double> levels, Duration every, int repeat) implements Pattern {

    public Step {
        levels = levels == null ? List.of() : List.copyOf(levels);
    }

    @Override
    public double valueAt(long t) {
        long e = Num.nanos(every);
        if (levels.isEmpty() || e <= 0) return 0;
        long idx = Math.max(0, t) / e;
        long last = (long) levels.size() * Math.max(repeat, 1) - 1;
        idx = Math.min(idx, last);
        return Pattern.clamp(levels.get((int) (idx % levels.size())));
    }

    @Override public long durationNanos() { return Num.nanos(every) * levels.size() * Math.max(repeat, 0); }
    @Override public String kind() { return "step"; }

    @Override
    public double maxValue() {
        return levels.stream().mapToDouble(Pattern::clamp).max().orElse(0);
    }

    @Override
    public String describe() {
        return "step " + levels.stream().map(Num::fmt).collect(Collectors.joining(" → ")) + " every "
                + Durations.format(every) + (repeat > 1 ? " ×" + repeat : "");
    }

    @Override
    public List<Problem> validate(String where) {
        List<Problem> out = new ArrayList<>();
        if (levels.isEmpty()) out.add(Problem.of(where, this, "levels", "levels must hold at least one value"));
        for (int i = 0; i < levels.size(); i++) {
            Double v = levels.get(i);
            if (v == null || v.isNaN() || v < 0) {
                out.add(Problem.of(where, this, "levels", "levels[" + i + "] must be ≥ 0, got " + v));
            }
        }
        Num.positive(out, where, this, "every", every);
        if (repeat < 1) out.add(Problem.of(where, this, "repeat", "repeat must be ≥ 1, got " + repeat));
        return out;
    }
}
