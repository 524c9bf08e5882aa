package io.barrage.engine.pattern;

import io.barrage.engine.format.Durations;
import io.barrage.engine.format.Numbers;
import io.barrage.engine.validation.Problem;
import java.time.Duration;
import java.util.List;

/** Validation and formatting helpers for patterns. */
final class Num {
    private Num() {}

    static String fmt(double v) {
        return Numbers.format(v);
    }

    static void nonNegative(List<Problem> out, String where, Object subject, String field, double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            out.add(Problem.of(where, subject, field, field + " must be a finite number, got " + v));
        } else if (v < 0) {
            out.add(Problem.of(where, subject, field, field + " must be ≥ 0, got " + fmt(v)));
        }
    }

    static void positive(List<Problem> out, String where, Object subject, String field, Duration d) {
        if (d == null) {
            out.add(Problem.of(where, subject, field, field + " is required"));
        } else if (d.isNegative() || d.isZero()) {
            out.add(Problem.of(where, subject, field, field + " must be > 0, got " + Durations.format(d)));
        }
    }

    static void nonNegative(List<Problem> out, String where, Object subject, String field, Duration d) {
        if (d == null) {
            out.add(Problem.of(where, subject, field, field + " is required"));
        } else if (d.isNegative()) {
            out.add(Problem.of(where, subject, field, field + " must be ≥ 0, got " + Durations.format(d)));
        }
    }

    static long nanos(Duration d) {
        return d == null ? 0 : d.toNanos();
    }
}
