package io.barrage.engine.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DurationsTest {
    @ParameterizedTest(name = "{0} = {1} ms")
    @CsvSource({"250ms, 250", "10s, 10000", "1.5s, 1500", "2m, 120000", "2min, 120000", "1h, 3600000",
            "1h30m, 5400000", "500us, 0.5", "80µs, 0.08"})
    void durationsParseFromTheirShortForm(String text, double millis) {
        assertThat(Durations.parse(text).toNanos()).isEqualTo(Math.round(millis * 1e6));
    }

    @Test
    void garbageIsRefusedWithExamples() {
        assertThatThrownBy(() -> Durations.parse("fast")).hasMessage("'fast' is not a duration (examples: 250ms, 10s, 2m, 1h30m)");
        assertThatThrownBy(() -> Durations.parse("10 parsecs")).hasMessage("'10 parsecs' is not a duration (examples: 250ms, 10s, 2m, 1h30m)");
        assertThatThrownBy(() -> Durations.parse("")).hasMessage("'' is not a duration (examples: 250ms, 10s, 2m, 1h30m)");
    }

    @Test
    void durationsPrintShort() {
        assertThat(Durations.format(Duration.ofMillis(250))).isEqualTo("250ms");
        assertThat(Durations.format(Duration.ofSeconds(90))).isEqualTo("1m30s");
        assertThat(Durations.format(Duration.ofMillis(1500))).isEqualTo("1.5s");
        assertThat(Durations.format(Duration.ofMinutes(5))).isEqualTo("5m");
        assertThat(Durations.format(Duration.ofSeconds(5400))).isEqualTo("1h30m");
        assertThat(Durations.clock(65_000_000_000L)).isEqualTo("01:05");
    }
}
