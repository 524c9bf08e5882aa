package io.barrage.engine.pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.barrage.engine.validation.Problem;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PatternsTest {
    static final long S = 1_000_000_000L;

    static Duration s(double seconds) {
        return Duration.ofNanos((long) (seconds * S));
    }

    static Stream<Arguments> values() {
        Pattern sine = new Sine(100, 50, s(4), 0, s(8));
        Pattern burst = new Burst(800, 50, s(5), s(20), 3);
        Pattern step = new Step(List.of(10.0, 20.0, 30.0), s(10), 2);
        Pattern points = new Points(List.of(new Points.Point(s(0), 0), new Points.Point(s(10), 100), new Points.Point(s(20), 50)), false, s(30));
        Pattern looped = new Points(List.of(new Points.Point(s(0), 0), new Points.Point(s(10), 100)), true, s(40));
        Pattern spike = new Spike(1000, 100, s(2), s(10), s(2));
        Pattern expr = new Expression(t -> 10 * t, s(10), "10 * t");
        return Stream.of(
                Arguments.of("hold is flat", new Constant(200, s(60)), 30.0, 200.0),
                Arguments.of("ramp starts at from", new Ramp(10, 200, s(60)), 0.0, 10.0),
                Arguments.of("ramp is linear", new Ramp(10, 200, s(60)), 30.0, 105.0),
                Arguments.of("ramp ends at to", new Ramp(10, 200, s(60)), 60.0, 200.0),
                Arguments.of("ramp down", new Ramp(100, 0, s(10)), 5.0, 50.0),
                Arguments.of("sine at base", sine, 0.0, 100.0),
                Arguments.of("sine at crest", sine, 1.0, 150.0),
                Arguments.of("sine at trough", sine, 3.0, 50.0),
                Arguments.of("sine below zero is clamped", new Sine(10, 50, s(4), 0, s(8)), 3.0, 0.0),
                Arguments.of("sine phase shift", new Sine(100, 50, s(4), Math.PI / 2, s(8)), 0.0, 150.0),
                Arguments.of("burst on", burst, 2.0, 800.0),
                Arguments.of("burst off", burst, 7.0, 50.0),
                Arguments.of("second burst", burst, 21.0, 800.0),
                Arguments.of("step first level", step, 5.0, 10.0),
                Arguments.of("step third level", step, 25.0, 30.0),
                Arguments.of("step repeats", step, 35.0, 10.0),
                Arguments.of("points interpolate", points, 5.0, 50.0),
                Arguments.of("points descend", points, 15.0, 75.0),
                Arguments.of("points hold the last value", points, 25.0, 50.0),
                Arguments.of("points loop", looped, 15.0, 50.0),
                Arguments.of("spike rises", spike, 1.0, 550.0),
                Arguments.of("spike holds", spike, 7.0, 1000.0),
                Arguments.of("spike falls", spike, 13.0, 550.0),
                Arguments.of("expression of t in seconds", expr, 2.5, 25.0),
                Arguments.of("expression that throws gives 0", new Expression(t -> { throw new IllegalStateException(); }, s(1), "boom"), 0.5, 0.0),
                Arguments.of("expression NaN gives 0", new Expression(t -> Double.NaN, s(1), "nan"), 0.5, 0.0));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("values")
    void patternsGiveTheirValueAtATime(String name, Pattern pattern, double atSeconds, double expected) {
        assertThat(pattern.valueAt((long) (atSeconds * S))).isCloseTo(expected, within(1e-6));
    }

    @Test
    void durationsFollowFromTheParameters() {
        assertThat(new Burst(800, 50, s(5), s(20), 3).durationNanos()).isEqualTo(60 * S);
        assertThat(new Step(List.of(1.0, 2.0), s(10), 3).durationNanos()).isEqualTo(60 * S);
        assertThat(new Spike(10, 0, s(1), s(5), s(2)).durationNanos()).isEqualTo(8 * S);
        assertThat(new Points(List.of(new Points.Point(s(0), 1), new Points.Point(s(12), 2)), false, null).durationNanos())
                .isEqualTo(12 * S);
    }

    @Test
    void maxValuesAreExactForSimplePatterns() {
        assertThat(new Ramp(10, 200, s(60)).maxValue()).isEqualTo(200);
        assertThat(new Sine(100, 50, s(4), 0, s(8)).maxValue()).isEqualTo(150);
        assertThat(new Burst(800, 50, s(5), s(20), 3).maxValue()).isEqualTo(800);
        assertThat(new Expression(t -> t * 2, s(10), "").maxValue()).isCloseTo(20, within(0.01));
    }

    @Test
    void validationListsEveryProblemAtOnce() {
        List<Problem> problems = new Burst(-5, -1, s(30), s(20), 0).validate("phase 'b'");
        assertThat(problems).extracting(Problem::message).containsExactly(
                "value must be ≥ 0, got -5",
                "base must be ≥ 0, got -1",
                "times must be ≥ 1, got 0",
                "length (30s) must not be longer than every (20s)");
    }

    @Test
    void validationDoesNotChangeTheRecord() {
        Ramp ramp = new Ramp(-1, 5, Duration.ZERO);
        ramp.validate("x");
        assertThat(ramp).isEqualTo(new Ramp(-1, 5, Duration.ZERO));
        assertThat(ramp.validate("x")).extracting(Problem::field).containsExactly("from", "over");
    }

    @Test
    void pointsMustNotGoBackInTime() {
        Points p = new Points(List.of(new Points.Point(s(10), 1), new Points.Point(s(5), 2)), false, s(20));
        assertThat(p.validate("p")).extracting(Problem::message)
                .containsExactly("points[1] at 5s comes before the point ahead of it (10s): times must not go back");
    }

    @Test
    void descriptionsAreReadable() {
        assertThat(new Ramp(10, 200, s(60)).describe()).isEqualTo("ramp 10 → 200 over 1m");
        assertThat(new Constant(200, s(300)).describe()).isEqualTo("hold 200 for 5m");
        assertThat(new Burst(800, 50, s(5), s(20), 3).describe()).isEqualTo("burst 800 for 5s every 20s ×3 (base 50)");
    }
}
