package io.barrage.api;

import io.barrage.engine.model.Assertion;
import io.barrage.engine.pattern.LoadModel;
import io.barrage.engine.model.Phase;
import io.barrage.engine.pattern.Burst;
import io.barrage.engine.pattern.Constant;
import io.barrage.engine.pattern.Ramp;
import io.barrage.engine.pattern.Sine;
import io.barrage.engine.pattern.Spike;
import io.barrage.engine.pattern.Step;
import java.time.Duration;
import java.util.List;

/**
 * The plain-Java entry to barrage: {@code Barrage.plan("checkout").scenario(Barrage.scenario("browse")
 * .user((http, vu) -> http.get("/catalog")).phases(Barrage.holdRate("steady", 50, Duration.ofSeconds(30)))).build()}.
 * Everything the Groovy DSL writes, Java can write with these builders and the engine's records.
 */
public final class Barrage {
    private Barrage() {}

    public static PlanBuilder plan(String name) {
        return new PlanBuilder(name);
    }

    public static ScenarioBuilder scenario(String name) {
        return new ScenarioBuilder(name);
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

    // ---- phases, closed model (concurrent users)

    public static Phase holdUsers(String name, int users, Duration duration) {
        return new Phase(name, LoadModel.CLOSED, new Constant(users, duration));
    }

    public static Phase rampUsers(String name, int from, int to, Duration over) {
        return new Phase(name, LoadModel.CLOSED, new Ramp(from, to, over));
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
