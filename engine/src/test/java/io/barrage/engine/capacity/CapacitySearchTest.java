package io.barrage.engine.capacity;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CapacitySearchTest {

    /** A service that holds up to {@code capacity}: p99 flat below it, then climbing. */
    static final class Service implements CapacitySearch.Prober {
        final double capacity;
        final List<Double> tried = new ArrayList<>();
        int budget;

        Service(double capacity, int budget) {
            this.capacity = capacity;
            this.budget = budget;
        }

        @Override
        public StepResult probe(double load) {
            tried.add(load);
            budget--;
            double p99 = load <= capacity ? 20 + load / capacity * 5 : 25 + (load - capacity) * 10;
            boolean held = p99 < 100;
            return new StepResult(load, held, held ? List.of() : List.of("p99 < 100ms: " + p99 + "ms"), 10, p99, load, 0);
        }

        @Override
        public boolean timeLeft() {
            return budget > 0;
        }
    }

    final CapacitySettings settings = CapacitySettings.defaults().withRange(50, 10_000);

    @Test
    void aMaximumAboveTheScenariosGuardrailIsAProblemBeforeTheSearch() {
        io.barrage.engine.model.Scenario sc = io.barrage.engine.testing.Plans.withAssertions(
                io.barrage.engine.testing.Plans.scenario("s", vu -> { }, io.barrage.engine.testing.Plans.holdRate("h", 10, Duration.ofSeconds(1))),
                new io.barrage.engine.model.Assertion(io.barrage.engine.model.Assertion.Stat.P99, null, io.barrage.engine.model.Assertion.Op.LT,
                        100, io.barrage.engine.model.Assertion.Unit.MILLIS, null, null, "p99 < 100.ms")).scenario();
        CapacitySettings s = CapacitySettings.defaults().withRange(10, 400);
        io.barrage.engine.model.Guardrails caps = new io.barrage.engine.model.Guardrails(null, 40, 0, null);
        assertThat(CapacityRun.problems(sc, s, caps)).extracting(io.barrage.engine.validation.Problem::message)
                .containsExactly("capacity search's max 400/s is above the guardrail maxRate 40/s: lower max (--max 40) or raise the guardrail");
        assertThat(CapacityRun.problems(sc, s.withRange(10, 40), caps)).isEmpty();
    }

    @Test
    void growsThenNarrowsDownToWithinThePrecision() throws Exception {
        Service s = new Service(1234, 100);
        CapacityResult r = new CapacitySearch(settings, false).run(s, "/s");
        // the failing threshold is 1234 + 7.5 = 1241.5/s
        assertThat(r.highestHeld()).isBetween(1241.5 / 1.05, 1241.5);
        assertThat(r.lowestFailed()).isGreaterThan(1241.5);
        assertThat((r.lowestFailed() - r.highestHeld()) / r.highestHeld()).isLessThanOrEqualTo(0.05);
        assertThat(s.tried.subList(0, 6)).containsExactly(50.0, 100.0, 200.0, 400.0, 800.0, 1600.0);
        assertThat(r.firstFailure()).singleElement().asString().startsWith("p99 < 100ms");
        assertThat(r.stopped()).isEqualTo("narrowed to within 5%");
        assertThat(r.found()).isTrue();
        assertThat(r.knee()).isNotNull().isBetween(800.0, 1600.0);
    }

    @Test
    void stopsAtTheMaximumWhenEverythingHolds() throws Exception {
        Service s = new Service(1e9, 100);
        CapacityResult r = new CapacitySearch(settings.withRange(50, 300), false).run(s, "/s");
        assertThat(s.tried).containsExactly(50.0, 100.0, 200.0, 300.0);
        assertThat(r.highestHeld()).isEqualTo(300);
        assertThat(r.lowestFailed()).isNull();
        assertThat(r.stopped()).isEqualTo("held at the maximum load 300/s");
    }

    @Test
    void searchesBelowTheStartWhenTheFirstStepFails() throws Exception {
        Service s = new Service(10, 100);
        CapacityResult r = new CapacitySearch(settings.withRange(100, 1000), false).run(s, "/s");
        assertThat(s.tried.get(0)).isEqualTo(100);
        assertThat(r.highestHeld()).isNotNull().isLessThanOrEqualTo(17.5);
        assertThat(r.lowestFailed()).isGreaterThan(17.5);
    }

    @Test
    void usersAreWholeAndTheTimeLimitEndsTheSearch() throws Exception {
        Service s = new Service(37, 5);
        CapacityResult r = new CapacitySearch(settings.withRange(5, 1000), true).run(s, " users");
        assertThat(s.tried).allSatisfy(v -> assertThat(v % 1).isZero());
        assertThat(s.tried).hasSize(5);
        assertThat(r.stopped()).isEqualTo("time limit reached while narrowing down");
        assertThat(r.highestHeld()).isNotNull();
    }

    @Test
    void settingsAreChecked() {
        CapacitySettings bad = new CapacitySettings(0, -1, 1, Duration.ofMillis(100), Duration.ofSeconds(1), 2, Duration.ofMillis(10), List.of());
        assertThat(bad.validate("scenario 's'")).extracting(io.barrage.engine.validation.Problem::field)
                .containsExactly("from", "max", "growth", "hold", "settle", "precision", "maxDuration");
    }
}
