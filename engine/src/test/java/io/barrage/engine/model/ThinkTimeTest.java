package io.barrage.engine.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ThinkTimeTest {
    static Stream<ThinkTime> thinkTimes() {
        Duration one = Duration.ofSeconds(1), two = Duration.ofSeconds(2), minus = Duration.ofSeconds(-1);
        return Stream.of(ThinkTime.constant(one), ThinkTime.constant(minus), ThinkTime.uniform(one, two), ThinkTime.uniform(two, one),
                ThinkTime.uniform(minus, one), ThinkTime.normal(one, one), ThinkTime.normal(one, minus), ThinkTime.exponential(one),
                ThinkTime.exponential(minus), ThinkTime.constant(Duration.ZERO), ThinkTime.uniform(one, one));
    }

    @ParameterizedTest
    @MethodSource("thinkTimes")
    void validSaysWhatValidateFindsWithoutBuildingItsList(ThinkTime t) {
        assertThat(t.valid()).as(t.describe()).isEqualTo(t.validate("think").isEmpty());
    }
}
