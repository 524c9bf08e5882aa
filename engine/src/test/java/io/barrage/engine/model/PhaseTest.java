package io.barrage.engine.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.barrage.engine.pattern.Constant;
import io.barrage.engine.pattern.LoadModel;
import io.barrage.engine.run.TestPlan;
import io.barrage.engine.pattern.Ramp;
import io.barrage.engine.pattern.Sine;
import io.barrage.engine.validation.Problem;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class PhaseTest {

    @Test
    void aPhaseWithoutAModelIsOneProblemNotOnePerValue() {
        Phase p = new Phase("h", null, new Constant(Double.NaN, Duration.ofSeconds(5)));
        assertThat(p.validate("scenario 's' › phase 'h'")).extracting(Problem::message)
                .containsExactly("a phase needs rate: (open model) or users: (closed model)");
        Phase r = new Phase("r", null, new Ramp(Double.NaN, Double.NaN, null));
        assertThat(r.validate("scenario 's' › phase 'r'")).extracting(Problem::message)
                .containsExactly("a phase needs rate: (open model) or users: (closed model)", "over is required");
    }

    @Test
    void aSineClampedAtZeroIsAWarningWithWhatTheClampDoes() {
        Phase open = new Phase("waves", LoadModel.OPEN, new Sine(10, 50, Duration.ofSeconds(10), 0, Duration.ofSeconds(30)));
        List<Problem> warnings = open.warnings("scenario 's' › phase 'waves'");
        assertThat(warnings).extracting(Problem::message).containsExactly(
                "amplitude 50 is larger than rate 10, so the load is clamped at 0 for 44% of each period: about 637 arrivals "
                        + "(21.2/s on average) instead of the 300 (10/s) of the whole wave; make amplitude ≤ rate for a wave that is never clamped");
        assertThat(warnings.get(0).field()).isEqualTo("amplitude");
        assertThat(warnings.get(0).subject()).isSameAs(open);

        Phase closed = new Phase("crowd", LoadModel.CLOSED, new Sine(4, 8, Duration.ofMinutes(1), 0, Duration.ofMinutes(2)));
        assertThat(closed.warnings("w")).extracting(Problem::message).containsExactly(
                "amplitude 8 is larger than users 4, so the load is clamped at 0 for 33% of each period: 4.9 users on average instead of 4; "
                        + "make amplitude ≤ users for a wave that is never clamped");

        assertThat(new Phase("full", LoadModel.OPEN, new Sine(50, 50, Duration.ofSeconds(10), 0, Duration.ofSeconds(30))).warnings("w")).isEmpty();
        assertThat(new Phase("flat", LoadModel.OPEN, new Constant(5, Duration.ofSeconds(30))).warnings("w")).isEmpty();
    }

    @Test
    void aTestPlanListsTheWarningsOfItsPhases() {
        Phase waves = new Phase("waves", LoadModel.OPEN, new Sine(10, 50, Duration.ofSeconds(10), 0, Duration.ofSeconds(30)));
        Scenario s = new Scenario("s", List.of(waves), null, 1, null, 1, List.of(), java.util.Map.of());
        assertThat(new TestPlan("t", List.of(s), java.util.Map.of()).warnings()).extracting(Problem::where, Problem::field)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("scenario 's' › phase 'waves'", "amplitude"));
    }
}
