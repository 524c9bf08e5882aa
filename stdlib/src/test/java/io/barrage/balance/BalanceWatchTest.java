package io.barrage.balance;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BalanceWatchTest {
    static final long S = 1_000_000_000L;
    final Balance config = Balance.byHeader("X-Backend").withBackends(List.of("b1", "b2", "b3"), Map.of()).withThreshold(0.9, Duration.ofSeconds(3));
    final Map<String, Long> even = Map.of("b1", 100L, "b2", 100L, "b3", 100L);
    final Map<String, Long> lost = Map.of("b1", 150L, "b2", 150L);

    @Test
    void anImbalanceIsReportedOnceItLastsAndARecoveryAfterIt() {
        BalanceWatch w = new BalanceWatch(config);
        assertThat(w.step(0, S, config.backendScore(even), even)).isNull();
        assertThat(w.step(S, 2 * S, config.backendScore(lost), lost)).isNull();
        assertThat(w.step(2 * S, 3 * S, config.backendScore(lost), lost)).isNull();
        BalanceWatch.Event e = w.step(3 * S, 4 * S, config.backendScore(lost), lost);
        assertThat(e.imbalance()).isTrue();
        assertThat(e.message()).isEqualTo("imbalance: balance 29.3% under 90% for 3s: b3 got 0 of 300 calls (fair share 100)");
        assertThat(w.step(4 * S, 5 * S, config.backendScore(lost), lost)).as("said once").isNull();
        BalanceWatch.Event back = w.step(5 * S, 6 * S, config.backendScore(even), even);
        assertThat(back.message()).isEqualTo("balance recovered: 100% (threshold 90%)");
        assertThat(w.imbalances()).isEqualTo(1);
    }

    @Test
    void aShortDipIsNotAnImbalanceAndEmptyIntervalsChangeNothing() {
        BalanceWatch w = new BalanceWatch(config);
        assertThat(w.step(0, S, config.backendScore(lost), lost)).isNull();
        assertThat(w.step(S, 2 * S, Double.NaN, Map.of())).isNull();
        assertThat(w.step(2 * S, 3 * S, config.backendScore(even), even)).isNull();
        assertThat(w.step(3 * S, 4 * S, config.backendScore(lost), lost)).isNull();
        assertThat(w.imbalances()).isZero();
    }
}
