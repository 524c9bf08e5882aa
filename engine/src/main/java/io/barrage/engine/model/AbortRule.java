package io.barrage.engine.model;

import io.barrage.engine.format.Durations;
import io.barrage.engine.validation.Problem;
import io.barrage.engine.validation.Validatable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A guardrail that aborts the run (exit 3) when a figure passes a bound: the error rate over a
 * sliding window ({@code abortWhen errorRate > 10.percent, over: 30.s}), a named counter's total
 * ({@code abortWhen counter('cost') > 1000}, a budget that user code spends with {@code count}) or
 * a gauge of the run's meters ({@code abortWhen queueDepth('emails') > 5000}: a Redis queue's depth).
 *
 * @param metric   {@link #ERROR_RATE}, {@link #COUNTER} or {@link #GAUGE}
 * @param counter  the counter's or the gauge's name (for {@link #COUNTER} and {@link #GAUGE})
 * @param labels   the gauge's labels (every series whose labels include these; the highest value counts), empty otherwise
 * @param scenario the scenario it watches, or null for every scenario together
 * @param op       {@code >} or {@code >=}
 * @param limit    the bound (a share from 0 to 1 for the error rate)
 * @param over     the error rate's window (null for a counter, whose total counts from the start)
 * @param text     the rule as written, for messages
 */
public record AbortRule(String metric, String counter, Map<String, String> labels, String scenario, String op, double limit, Duration over, String text)
        implements Validatable {
    public static final String ERROR_RATE = "errorRate";
    public static final String COUNTER = "counter";
    public static final String GAUGE = "gauge";
    /** The fewest calls in the window before the error rate is judged: one failed call of one is not a rate. */
    public static final int MIN_CALLS = 20;

    public AbortRule {
        labels = labels == null ? Map.of() : Map.copyOf(labels);
    }

    /** True when {@code value} passes the bound. */
    public boolean trips(double value) {
        return ">=".equals(op) ? value >= limit : value > limit;
    }

    @Override
    public List<Problem> validate(String where) {
        List<Problem> out = new ArrayList<>();
        String w = where + " › guardrails";
        if (!">".equals(op) && !">=".equals(op)) out.add(Problem.of(w, this, "op", "abortWhen " + text + ": a guardrail trips when a figure passes a bound: write > or >="));
        if (ERROR_RATE.equals(metric)) {
            if (!(limit >= 0 && limit < 1)) out.add(Problem.of(w, this, "limit", "abortWhen " + text + ": an error rate's bound is from 0% to under 100%"));
            if (over == null || over.isNegative() || over.isZero()) out.add(Problem.of(w, this, "over", "abortWhen " + text + ": over: must be a duration > 0, got " + (over == null ? "none" : Durations.format(over))));
        } else if (COUNTER.equals(metric) || GAUGE.equals(metric)) {
            if (counter == null || counter.isBlank()) out.add(Problem.of(w, this, "counter", "abortWhen " + text + ": a " + metric + " needs a name"));
            if (Double.isNaN(limit)) out.add(Problem.of(w, this, "limit", "abortWhen " + text + ": the bound is not a number"));
        } else {
            out.add(Problem.of(w, this, "metric", "abortWhen " + text + ": errorRate, counter('name') or a gauge only"));
        }
        return out;
    }
}
