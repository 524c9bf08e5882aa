package io.barrage.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Group sizes follow the distribution asked for (10 000 groups each, seeded, so the figures are fixed). */
class GroupSizesTest {

    @Test
    void fixedGivesEveryGroupTheSame() {
        assertThat(GroupSizes.draw(5, new GroupSizes.Fixed(7), 1)).containsExactly(7, 7, 7, 7, 7);
    }

    @Test
    void betweenDrawsEveryWholeNumberOfTheRangeAboutAsOften() {
        List<Integer> s = GroupSizes.draw(11_000, new GroupSizes.Between(5, 15), 42);
        Map<Integer, Long> counts = s.stream().collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        assertThat(counts.keySet()).containsExactlyInAnyOrder(5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15);
        // 1 000 expected each; a chi-square of 10 degrees of freedom under 23.2 (p = 0.01)
        double chi = counts.values().stream().mapToDouble(c -> (c - 1000.0) * (c - 1000.0) / 1000.0).sum();
        assertThat(chi).isLessThan(23.2);
    }

    @Test
    void gaussianHasTheMeanAndSpreadAskedForAndStaysAtItsFloor() {
        List<Integer> s = GroupSizes.draw(10_000, new GroupSizes.Gaussian(50, 10, 1), 7);
        double mean = s.stream().mapToInt(Integer::intValue).average().orElseThrow();
        double sd = Math.sqrt(s.stream().mapToDouble(x -> (x - mean) * (x - mean)).sum() / (s.size() - 1));
        assertThat(mean).isBetween(49.6, 50.4);      // 4 standard errors (0.1)
        assertThat(sd).isBetween(9.7, 10.3);
        long within = s.stream().filter(x -> x >= 40 && x <= 60).count();
        assertThat(within / 10_000.0).isBetween(0.68, 0.72);   // ±1 sd, rounded to whole users: 70 %
        assertThat(GroupSizes.draw(1_000, new GroupSizes.Gaussian(2, 5, 1), 3)).allMatch(x -> x >= 1);
        assertThat(GroupSizes.draw(3, new GroupSizes.Gaussian(50, 10, 1), 7)).isEqualTo(GroupSizes.draw(3, new GroupSizes.Gaussian(50, 10, 1), 7));
    }

    @Test
    void impossibleDistributionsSaySo() {
        assertThatThrownBy(() -> new GroupSizes.Between(9, 3)).hasMessage("between(9, 3): 0 ≤ min ≤ max");
        assertThatThrownBy(() -> GroupSizes.draw(0, new GroupSizes.Fixed(1), 1)).hasMessage("groupSizes: at least 1 group, got 0");
    }
}
