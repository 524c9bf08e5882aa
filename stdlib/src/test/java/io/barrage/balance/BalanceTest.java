package io.barrage.balance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.barrage.engine.validation.Problem;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BalanceTest {
    final Balance four = Balance.byHeader("X-Backend").withBackends(List.of("b1", "b2", "b3", "b4"), Map.of());

    @Test
    void anEvenSpreadScoresOne() {
        assertThat(four.backendScore(Map.of("b1", 100L, "b2", 100L, "b3", 100L, "b4", 100L))).isEqualTo(1.0);
    }

    @Test
    void scoreIsOneMinusTheCoefficientOfVariation() {
        // counts 150, 50, 100, 100: mean 100, population σ = √((2500+2500+0+0)/4) = 35.36 → 1 − 0.3536
        assertThat(four.backendScore(Map.of("b1", 150L, "b2", 50L, "b3", 100L, "b4", 100L))).isCloseTo(1 - Math.sqrt(1250) / 100, within(1e-9));
    }

    @Test
    void anExpectedBackendThatGetsNothingCountsAsZero() {
        // 0, 100, 100, 100: mean 75, σ = √((5625 + 3·625)/4) = 43.3 → 0.4226
        assertThat(four.backendScore(Map.of("b2", 100L, "b3", 100L, "b4", 100L))).isCloseTo(1 - Math.sqrt(7500.0 / 4) / 75, within(1e-9));
        // without the list of backends, only those seen count
        assertThat(Balance.byHeader("X-Backend").backendScore(Map.of("b2", 100L, "b3", 100L))).isEqualTo(1.0);
    }

    @Test
    void weightsSetEachBackendsFairShare() {
        Balance weighted = Balance.byHeader("X-Backend").withBackends(List.of("a", "b"), Map.of("a", 3.0, "b", 1.0));
        assertThat(weighted.backendScore(Map.of("a", 300L, "b", 100L))).isEqualTo(1.0);
        assertThat(weighted.backendScore(Map.of("a", 200L, "b", 200L))).isLessThan(0.6);
    }

    @Test
    void noCallsIsNoScoreAndAWildSpreadIsNeverBelowZero() {
        assertThat(four.backendScore(Map.of())).isNaN();
        assertThat(four.backendScore(Map.of("b1", 1000L))).isEqualTo(0.0);
    }

    @Test
    void badSettingsAreProblems() {
        Balance b = new Balance("X Backend", false, List.of(), Map.of("a", -1.0), 1.5, Duration.ofSeconds(5));
        assertThat(b.validate("scenario 's'")).extracting(Problem::message).containsExactlyInAnyOrder(
                "balance header 'X Backend' is not a header name", "balance threshold must be between 0% and 100%", "weight of a must be > 0");
    }
}
