package io.barrage.engine.model;

import io.barrage.engine.format.Durations;
import io.barrage.engine.format.Numbers;
import io.barrage.engine.validation.Problem;
import io.barrage.engine.validation.Validatable;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Safety limits of a run. A run past {@code maxDuration} or one whose {@code stopFile} appears is
 * stopped cleanly (exit 3, aborted); rates above {@code maxRate} and users above {@code maxUsers}
 * are capped, with a warning event. A plan has guardrails; a scenario may have its own caps
 * (maxRate, maxUsers) on top of the plan's.
 *
 * @param maxDuration the longest the load may run, or null for no limit beyond the plan
 * @param maxRate     the highest arrival rate per scenario (arrivals/s), or 0 for no cap
 * @param maxUsers    the most concurrent virtual users per scenario, or 0 for no cap
 * @param stopFile    a file whose appearance stops the run, or null
 * @param abortWhen   rules that abort the run when a figure passes a bound
 * @param maxIterations the most iterations (arrivals, or closed users' rounds) the run starts in
 *                    all (a plan's: every scenario together; a scenario's: its own), or 0 for no
 *                    limit: the next one is not started and the run stops (exit 3)
 */
public record Guardrails(Duration maxDuration, double maxRate, int maxUsers, Path stopFile, List<AbortRule> abortWhen, long maxIterations)
        implements Validatable {

    public static final Guardrails NONE = new Guardrails(null, 0, 0, null);

    public Guardrails {
        abortWhen = abortWhen == null ? List.of() : List.copyOf(abortWhen);
    }

    /** Guardrails without {@link AbortRule}s. */
    public Guardrails(Duration maxDuration, double maxRate, int maxUsers, Path stopFile) {
        this(maxDuration, maxRate, maxUsers, stopFile, List.of(), 0);
    }

    /** Guardrails without a limit on iterations. */
    public Guardrails(Duration maxDuration, double maxRate, int maxUsers, Path stopFile, List<AbortRule> abortWhen) {
        this(maxDuration, maxRate, maxUsers, stopFile, abortWhen, 0);
    }

    @Override
    public List<Problem> validate(String where) {
        List<Problem> out = new ArrayList<>();
        String w = where + " › guardrails";
        if (maxDuration != null && (maxDuration.isNegative() || maxDuration.isZero())) {
            out.add(Problem.of(w, this, "maxDuration", "maxDuration must be > 0, got " + Durations.format(maxDuration)));
        }
        if (Double.isNaN(maxRate) || maxRate < 0) out.add(Problem.of(w, this, "maxRate", "maxRate must be ≥ 0 (0 = no cap), got " + Numbers.format(maxRate)));
        if (maxUsers < 0) out.add(Problem.of(w, this, "maxUsers", "maxUsers must be ≥ 0 (0 = no cap), got " + maxUsers));
        if (maxIterations < 0) out.add(Problem.of(w, this, "maxIterations", "maxIterations must be ≥ 0 (0 = no limit), got " + maxIterations));
        for (AbortRule r : abortWhen) out.addAll(r.validate(where));
        return out;
    }

    /**
     * A rate asked for while a test runs: refused with a one-line reason if it is not a number ≥ 0 or
     * is above {@link #maxRate}.
     */
    public void checkRate(double rate) {
        if (!(rate >= 0) || Double.isInfinite(rate)) throw new IllegalArgumentException("rate must be a number ≥ 0, got " + rate);
        if (maxRate > 0 && rate > maxRate) {
            throw new IllegalArgumentException("rate " + Numbers.format(rate) + "/s is above the guardrail maxRate " + Numbers.format(maxRate) + "/s");
        }
    }

    /** A user count asked for while a test runs: refused if negative or above {@link #maxUsers}. */
    public void checkUsers(int users) {
        if (users < 0) throw new IllegalArgumentException("users must be ≥ 0, got " + users);
        if (maxUsers > 0 && users > maxUsers) throw new IllegalArgumentException(users + " users is above the guardrail maxUsers " + maxUsers);
    }

    /**
     * The run's guardrails with a scenario's own on top: for each cap the tighter of the two (0 is
     * no cap); the run-wide ones (maxDuration, stopFile) stay the run's. {@code maxIterations} is
     * the scenario's own (the run's is one budget for every scenario, kept by the run).
     */
    public Guardrails within(Guardrails scenario) {
        if (scenario == null || scenario.equals(NONE)) return this;
        List<AbortRule> rules = new ArrayList<>(abortWhen);
        rules.addAll(scenario.abortWhen);
        return new Guardrails(maxDuration, tighter(maxRate, scenario.maxRate), (int) tighter(maxUsers, scenario.maxUsers), stopFile, rules,
                scenario.maxIterations);
    }

    private static double tighter(double a, double b) {
        return a > 0 && b > 0 ? Math.min(a, b) : Math.max(a, b);
    }

    /** A rate capped by {@link #maxRate}. */
    public double capRate(double rate) {
        return maxRate > 0 ? Math.min(rate, maxRate) : rate;
    }

    /** A user count capped by {@link #maxUsers}. */
    public int capUsers(int users) {
        return maxUsers > 0 ? Math.min(users, maxUsers) : users;
    }
}
