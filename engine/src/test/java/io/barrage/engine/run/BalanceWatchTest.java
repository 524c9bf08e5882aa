package io.barrage.engine.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.barrage.engine.model.Balance;
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
        assertThat(w.observe(0, S, config.score(even), even)).isNull();
        assertThat(w.observe(S, 2 * S, config.score(lost), lost)).isNull();
        assertThat(w.observe(2 * S, 3 * S, config.score(lost), lost)).isNull();
        BalanceWatch.Event e = w.observe(3 * S, 4 * S, config.score(lost), lost);
        assertThat(e.imbalance()).isTrue();
        assertThat(e.message()).isEqualTo("imbalance: balance 29.3% under 90% for 3s: b3 got 0 of 300 calls (fair share 100)");
        assertThat(w.observe(4 * S, 5 * S, config.score(lost), lost)).as("said once").isNull();
        BalanceWatch.Event back = w.observe(5 * S, 6 * S, config.score(even), even);
        assertThat(back.message()).isEqualTo("balance recovered: 100% (threshold 90%)");
        assertThat(w.imbalances()).isEqualTo(1);
    }

    @Test
    void aShortDipIsNotAnImbalanceAndEmptyIntervalsChangeNothing() {
        BalanceWatch w = new BalanceWatch(config);
        assertThat(w.observe(0, S, config.score(lost), lost)).isNull();
        assertThat(w.observe(S, 2 * S, Double.NaN, Map.of())).isNull();
        assertThat(w.observe(2 * S, 3 * S, config.score(even), even)).isNull();
        assertThat(w.observe(3 * S, 4 * S, config.score(lost), lost)).isNull();
        assertThat(w.imbalances()).isZero();
    }
}
