package io.barrage.engine.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.barrage.engine.model.Assertion.Op;
import io.barrage.engine.model.Assertion.Stat;
import io.barrage.engine.model.Assertion.Timing;
import io.barrage.engine.model.Assertion.Unit;
import io.barrage.engine.validation.Problem;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class AssertionTest {
    static final String SHARE_OF_CALLS = "errorRate is a share of calls, from 0% to 100%";

    static Stream<Arguments> bounds() {
        return Stream.of(
                // a share of calls: 0..1
                Arguments.of(Stat.ERROR_RATE, Timing.LATENCY, Op.LT, 1.5, Unit.FRACTION, "can never fail: " + SHARE_OF_CALLS),
                Arguments.of(Stat.ERROR_RATE, Timing.LATENCY, Op.LE, 1.0, Unit.FRACTION, "can never fail: " + SHARE_OF_CALLS),
                Arguments.of(Stat.ERROR_RATE, Timing.LATENCY, Op.GT, 1.0, Unit.FRACTION, "can never pass: " + SHARE_OF_CALLS),
                Arguments.of(Stat.ERROR_RATE, Timing.LATENCY, Op.GE, 1.01, Unit.FRACTION, "can never pass: " + SHARE_OF_CALLS),
                Arguments.of(Stat.ERROR_RATE, Timing.LATENCY, Op.LT, 0.0, Unit.FRACTION, "can never pass: " + SHARE_OF_CALLS),
                Arguments.of(Stat.ERROR_RATE, Timing.LATENCY, Op.LE, -0.01, Unit.FRACTION, "can never pass: " + SHARE_OF_CALLS),
                Arguments.of(Stat.ERROR_RATE, Timing.LATENCY, Op.GE, 0.0, Unit.FRACTION, "can never fail: " + SHARE_OF_CALLS),
                Arguments.of(Stat.ERROR_RATE, Timing.LATENCY, Op.GT, -0.5, Unit.FRACTION, "can never fail: " + SHARE_OF_CALLS),
                Arguments.of(Stat.ERROR_RATE, Timing.LATENCY, Op.EQ, 1.2, Unit.FRACTION, "can never pass: " + SHARE_OF_CALLS),
                Arguments.of(Stat.ERROR_RATE, Timing.LATENCY, Op.LT, 1.0, Unit.FRACTION, null),
                Arguments.of(Stat.ERROR_RATE, Timing.LATENCY, Op.GE, 1.0, Unit.FRACTION, null),
                Arguments.of(Stat.ERROR_RATE, Timing.LATENCY, Op.LE, 0.0, Unit.FRACTION, null),
                Arguments.of(Stat.ERROR_RATE, Timing.LATENCY, Op.GT, 0.0, Unit.FRACTION, null),
                Arguments.of(Stat.ERROR_RATE, Timing.LATENCY, Op.EQ, 0.0, Unit.FRACTION, null),
                Arguments.of(Stat.ACHIEVED_RATE, Timing.LATENCY, Op.GT, 1.0, Unit.FRACTION,
                        "can never pass: achievedRate is a share of the planned load, from 0% to 100%"),
                Arguments.of(Stat.ACHIEVED_RATE, Timing.LATENCY, Op.LE, 1.0, Unit.FRACTION,
                        "can never fail: achievedRate is a share of the planned load, from 0% to 100%"),
                Arguments.of(Stat.ACHIEVED_RATE, Timing.LATENCY, Op.GE, 0.99, Unit.FRACTION, null),
                Arguments.of(Stat.SCORE, Timing.LATENCY, Op.GT, 1.0, Unit.FRACTION, "can never pass: balance is a score from 0% to 100%"),
                Arguments.of(Stat.SCORE, Timing.LATENCY, Op.GE, 0.0, Unit.FRACTION, "can never fail: balance is a score from 0% to 100%"),
                Arguments.of(Stat.SCORE, Timing.LATENCY, Op.GT, 0.95, Unit.FRACTION, null),
                Arguments.of(Stat.DROPPED, Timing.LATENCY, Op.LT, 1.01, Unit.FRACTION,
                        "can never fail: dropped as a percentage is a share of arrivals, from 0% to 100%"),
                Arguments.of(Stat.DROPPED, Timing.LATENCY, Op.LT, 0.01, Unit.FRACTION, null),
                // counts, rates and timings: 0 and up
                Arguments.of(Stat.DROPPED, Timing.LATENCY, Op.LT, 0.0, Unit.COUNT, "can never pass: dropped is a count of arrivals, a whole number ≥ 0"),
                Arguments.of(Stat.DROPPED, Timing.LATENCY, Op.GE, 0.0, Unit.COUNT, "can never fail: dropped is a count of arrivals, a whole number ≥ 0"),
                Arguments.of(Stat.DROPPED, Timing.LATENCY, Op.EQ, 2.5, Unit.COUNT, "can never pass: dropped is a count of arrivals, a whole number ≥ 0"),
                Arguments.of(Stat.ITERATION_ERRORS, Timing.LATENCY, Op.EQ, 0.0, Unit.COUNT, null),
                Arguments.of(Stat.ITERATION_ERRORS, Timing.LATENCY, Op.LT, 0.0, Unit.COUNT, "can never pass: iterationErrors is a count of iterations, a whole number ≥ 0"),
                Arguments.of(Stat.ITERATION_ERRORS, Timing.LATENCY, Op.EQ, 0.5, Unit.COUNT, "can never pass: iterationErrors is a count of iterations, a whole number ≥ 0"),
                Arguments.of(Stat.ITERATION_ERRORS, Timing.LATENCY, Op.LT, 1.5, Unit.FRACTION, "can never fail: iterationErrors as a percentage is a share of iterations, from 0% to 100%"),
                Arguments.of(Stat.DROPPED, Timing.LATENCY, Op.EQ, 0.0, Unit.COUNT, null),
                Arguments.of(Stat.DROPPED, Timing.LATENCY, Op.LT, 10.0, Unit.COUNT, null),
                Arguments.of(Stat.RATE, Timing.LATENCY, Op.LT, 0.0, Unit.PER_SECOND, "can never pass: rate is requests per second, never negative"),
                Arguments.of(Stat.RATE, Timing.LATENCY, Op.GE, 0.0, Unit.PER_SECOND, "can never fail: rate is requests per second, never negative"),
                Arguments.of(Stat.RATE, Timing.LATENCY, Op.GT, 0.0, Unit.PER_SECOND, null),
                Arguments.of(Stat.P95, Timing.LATENCY, Op.LT, -10.0, Unit.MILLIS, "can never pass: a latency is never negative"),
                Arguments.of(Stat.P95, Timing.LATENCY, Op.LT, 0.0, Unit.MILLIS, "can never pass: a latency is never negative"),
                Arguments.of(Stat.P95, Timing.LATENCY, Op.EQ, -1.0, Unit.MILLIS, "can never pass: a latency is never negative"),
                Arguments.of(Stat.MAX, Timing.SERVICE, Op.GE, 0.0, Unit.MILLIS, "can never fail: a service time is never negative"),
                Arguments.of(Stat.MEAN, Timing.LAG, Op.GT, -1.0, Unit.MILLIS, "can never fail: a schedule lag is never negative"),
                Arguments.of(Stat.P99, Timing.LAG, Op.LE, 0.0, Unit.MILLIS, null),
                Arguments.of(Stat.P99, Timing.LATENCY, Op.LT, 250.0, Unit.MILLIS, null),
                Arguments.of(Stat.P50, Timing.LATENCY, Op.GT, 0.0, Unit.MILLIS, null));
    }

    @ParameterizedTest(name = "{0} {2} {3} {4}: {5}")
    @MethodSource("bounds")
    void aBoundThatCanNeverBeCrossedIsAProblem(Stat stat, Timing timing, Op op, double threshold, Unit unit, String expected) {
        Assertion a = new Assertion(stat, timing, op, threshold, unit, null, null, "the assertion", stat == Stat.SCORE ? "balance" : null);
        var problems = a.validate("scenario 's'");
        if (expected == null) {
            assertThat(problems).isEmpty();
        } else {
            assertThat(problems).extracting(Problem::message).containsExactly(expected);
            assertThat(problems.get(0).where()).isEqualTo("scenario 's' › assertion 'the assertion'");
        }
    }
}
