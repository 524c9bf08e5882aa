package io.barrage.api;

import io.barrage.engine.model.Assertion;
import io.barrage.engine.model.Phase;
import io.barrage.engine.pattern.Burst;
import io.barrage.engine.pattern.Constant;
import io.barrage.engine.pattern.Expression;
import io.barrage.engine.pattern.LoadModel;
import io.barrage.engine.pattern.Pattern;
import io.barrage.engine.pattern.Points;
import io.barrage.engine.pattern.Ramp;
import io.barrage.engine.pattern.Sine;
import io.barrage.engine.pattern.Spike;
import io.barrage.engine.pattern.Step;
import java.time.Duration;
import java.util.List;
import java.util.function.DoubleUnaryOperator;

/**
 * The plain-Java entry to barrage: {@code Barrage.plan("checkout").scenario(Barrage.scenario("browse")
 * .user((http, vu) -> http.get("/catalog")).phases(Barrage.holdRate("steady", 50, Duration.ofSeconds(30)))).build()}.
 * Everything the Groovy DSL writes, Java can write with these builders and the engine's records;
 * the DSL builds its phases through these same methods. Phases are validated with the plan (every
 * problem at once, when the run starts or {@code barrage validate} runs), not here.
 */
public final class Barrage {
    private Barrage() {}

    public static PlanBuilder plan(String name) {
        return new PlanBuilder(name);
    }

    public static ScenarioBuilder scenario(String name) {
        return new ScenarioBuilder(name);
    }

    // ---- patterns: the shape of a phase's value over time, whether it counts arrivals/s or users

    /** The same value for {@code duration}. */
    public static Pattern hold(double value, Duration duration) {
        return new Constant(value, duration);
    }

    /** From {@code from} to {@code to}, linearly, over {@code over}. */
    public static Pattern ramp(double from, double to, Duration over) {
        return new Ramp(from, to, over);
    }

    /** A wave around {@code base}: {@code base + amplitude · sin(2πt/period + phase)}, clamped at 0, for {@code duration}. */
    public static Pattern sine(double base, double amplitude, Duration period, double phase, Duration duration) {
        return new Sine(base, amplitude, period, phase, duration);
    }

    /** {@code times} bursts at {@code peak}, each {@code length} long, one every {@code every}; {@code base} between them. */
    public static Pattern burst(double peak, double base, Duration length, Duration every, int times) {
        return new Burst(peak, base, length, every, times);
    }

    /** Each of {@code levels} in turn for {@code every}, the whole staircase {@code repeat} times. */
    public static Pattern step(List<Double> levels, Duration every, int repeat) {
        return new Step(levels, every, repeat);
    }

    /**
     * A custom curve, linear between {@code points} (times from the phase's start, in order); with
     * {@code loop} it starts over after the last point until {@code duration} (null: until the last point).
     */
    public static Pattern points(List<Points.Point> points, boolean loop, Duration duration) {
        return new Points(points, loop, duration);
    }

    /** One point of a {@link #points} curve: {@code value} at {@code at} since the phase began. */
    public static Points.Point point(Duration at, double value) {
        return new Points.Point(at, value);
    }

    /** A sudden peak: from {@code base} up to {@code peak} over {@code rise}, held for {@code hold}, down over {@code fall}. */
    public static Pattern spike(double peak, double base, Duration rise, Duration hold, Duration fall) {
        return new Spike(peak, base, rise, hold, fall);
    }

    /** Any function of the seconds since the phase began ({@code t -> 100 + 10 * t}), clamped at 0, for {@code duration}. */
    public static Pattern expression(DoubleUnaryOperator valueAtSeconds, Duration duration) {
        return new Expression(valueAtSeconds, duration, null);
    }

    // ---- phases from patterns

    /** A phase whose {@code pattern} is arrivals per second (open model). */
    public static Phase rate(String name, Pattern pattern) {
        return new Phase(name, LoadModel.OPEN, pattern);
    }

    /** A phase whose {@code pattern} is concurrent users (closed model). */
    public static Phase users(String name, Pattern pattern) {
        return new Phase(name, LoadModel.CLOSED, pattern);
    }

    /** A phase of either model; a null {@code model} is a problem the plan's validation reports. */
    public static Phase phase(String name, LoadModel model, Pattern pattern) {
        return new Phase(name, model, pattern);
    }

    // ---- phases, open model (arrivals per second)

    public static Phase holdRate(String name, double rate, Duration duration) {
        return new Phase(name, LoadModel.OPEN, new Constant(rate, duration));
    }

    public static Phase rampRate(String name, double from, double to, Duration over) {
        return new Phase(name, LoadModel.OPEN, new Ramp(from, to, over));
    }

    public static Phase sineRate(String name, double base, double amplitude, Duration period, Duration duration) {
        return new Phase(name, LoadModel.OPEN, new Sine(base, amplitude, period, 0, duration));
    }

    public static Phase burstRate(String name, double rate, double base, Duration length, Duration every, int times) {
        return new Phase(name, LoadModel.OPEN, new Burst(rate, base, length, every, times));
    }

    public static Phase stepRate(String name, List<Double> levels, Duration every, int repeat) {
        return new Phase(name, LoadModel.OPEN, new Step(levels, every, repeat));
    }

    public static Phase spikeRate(String name, double rate, Duration hold) {
        return new Phase(name, LoadModel.OPEN, new Spike(rate, 0, Duration.ZERO, hold, Duration.ZERO));
    }

    /** A custom curve of arrivals per second: {@code pointsRate("day", List.of(point(ZERO, 10), point(ofSeconds(30), 100)), true, ofMinutes(5))}. */
    public static Phase pointsRate(String name, List<Points.Point> points, boolean loop, Duration duration) {
        return rate(name, points(points, loop, duration));
    }

    /** Arrivals per second as a function of the seconds since the phase began. */
    public static Phase expressionRate(String name, DoubleUnaryOperator rateAtSeconds, Duration duration) {
        return rate(name, expression(rateAtSeconds, duration));
    }

    // ---- phases, closed model (concurrent users)

    public static Phase holdUsers(String name, int users, Duration duration) {
        return new Phase(name, LoadModel.CLOSED, new Constant(users, duration));
    }

    public static Phase rampUsers(String name, int from, int to, Duration over) {
        return new Phase(name, LoadModel.CLOSED, new Ramp(from, to, over));
    }

    /** Users in a wave around {@code base}; users join and retire as it rises and falls. */
    public static Phase sineUsers(String name, double base, double amplitude, Duration period, Duration duration) {
        return users(name, sine(base, amplitude, period, 0, duration));
    }

    /** {@code times} bursts of {@code peak} users, each {@code length} long, one every {@code every}; {@code base} users between them. */
    public static Phase burstUsers(String name, double peak, double base, Duration length, Duration every, int times) {
        return users(name, burst(peak, base, length, every, times));
    }

    /** Each of {@code levels} users in turn for {@code every}, {@code repeat} times. */
    public static Phase stepUsers(String name, List<Double> levels, Duration every, int repeat) {
        return users(name, step(levels, every, repeat));
    }

    /** A sudden peak of {@code users} for {@code hold}. */
    public static Phase spikeUsers(String name, double users, Duration hold) {
        return users(name, spike(users, 0, Duration.ZERO, hold, Duration.ZERO));
    }

    /** A custom curve of users, linear between points, looped until {@code duration} with {@code loop}. */
    public static Phase pointsUsers(String name, List<Points.Point> points, boolean loop, Duration duration) {
        return users(name, points(points, loop, duration));
    }

    /** Users as a function of the seconds since the phase began. */
    public static Phase expressionUsers(String name, DoubleUnaryOperator usersAtSeconds, Duration duration) {
        return users(name, expression(usersAtSeconds, duration));
    }

    // ---- assertions

    /** A latency percentile below a limit: {@code latencyBelow(Assertion.Stat.P95, Duration.ofMillis(250))}. */
    public static Assertion latencyBelow(Assertion.Stat stat, Duration limit) {
        return new Assertion(stat, Assertion.Timing.LATENCY, Assertion.Op.LT, limit.toNanos() / 1e6, Assertion.Unit.MILLIS,
                null, null, stat.word() + " < " + io.barrage.engine.format.Durations.format(limit));
    }

    /** The error rate below a fraction: {@code errorRateBelow(0.01)} for 1 %. */
    public static Assertion errorRateBelow(double fraction) {
        return new Assertion(Assertion.Stat.ERROR_RATE, null, Assertion.Op.LT, fraction, Assertion.Unit.FRACTION,
                null, null, "errorRate < " + fraction * 100 + "%");
    }

    /** Load achieved over load planned above a fraction: {@code achievedAbove(0.99)}. */
    public static Assertion achievedAbove(double fraction) {
        return new Assertion(Assertion.Stat.ACHIEVED_RATE, null, Assertion.Op.GT, fraction, Assertion.Unit.FRACTION,
                null, null, "achievedRate > " + fraction * 100 + "%");
    }
}
