package io.barrage.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.barrage.engine.testing.TestVus;
import io.barrage.engine.user.Vu;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import net.datafaker.Faker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Generated questions: unique, seeded, from the global index; fake values seeded per user and iteration. */
class QuestionsTest {

    @ParameterizedTest
    @EnumSource(Questions.Strategy.class)
    void tenThousandQuestionsOfEachStrategyAreAllDifferentAndTheSameForTheSameSeed(Questions.Strategy s) {
        Questions q = Questions.of(s, 42);
        List<String> first = LongStream.range(0, 10_000).mapToObj(q::get).toList();
        assertThat(new HashSet<>(first)).as("unique of 10 000").hasSize(10_000);
        assertThat(q.uniqueFor()).isGreaterThanOrEqualTo(10_000);
        assertThat(LongStream.range(0, 10_000).mapToObj(Questions.of(s, 42)::get).toList()).isEqualTo(first);
        List<String> other = LongStream.range(0, 100).mapToObj(Questions.of(s, 43)::get).toList();
        assertThat(other).isNotEqualTo(first.subList(0, 100));
        assertThat(first).allMatch(x -> !x.contains("{") && x.endsWith("?") || x.endsWith("."));
    }

    @Test
    void mixedAsksEveryKindInTurn() {
        Questions q = Questions.of(Questions.Strategy.MIXED, 1);
        List<String> ten = LongStream.range(0, 21).mapToObj(q::get).toList();
        assertThat(ten).anyMatch(x -> x.startsWith("What is the derivative")).anyMatch(x -> x.startsWith("How do I"))
                .anyMatch(x -> x.startsWith("Imagine")).anyMatch(x -> x.startsWith("Plan a"));
    }

    @Test
    void customTemplatesFillTheirVariablesFromListsRangesAndTheBuiltInOnes() {
        Questions q = Questions.custom(List.of("How does {product} handle {n} users in {city}?"),
                Map.of("product", List.of("Atlas", "Nimbus"), "n", rangeList(1, 500)), 7);
        assertThat(q.combinations()).isEqualTo(2L * 500 * 40);
        List<String> all = LongStream.range(0, 40_000).mapToObj(q::get).toList();
        assertThat(new HashSet<>(all)).hasSize(40_000);
        assertThat(all.getFirst()).matches("How does (Atlas|Nimbus) handle \\d+ users in [A-Z][a-zA-Z ]+\\?");
        assertThatThrownBy(() -> Questions.custom(List.of("Why {nope}?"), Map.of(), 1))
                .hasMessage("template 'Why {nope}?' uses {nope}, which is not a variable (give it in vars: [nope: [...]])");
        assertThatThrownBy(() -> Questions.custom(List.of("Why {x}?"), Map.of("x", List.of()), 1)).hasMessage("variable x has no values");
    }

    private static List<Integer> rangeList(int from, int to) {
        List<Integer> l = new ArrayList<>();
        for (int i = from; i <= to; i++) l.add(i);
        return l;
    }

    @Test
    void theQuestionsASplitRunAsksAreTheOnesOneProcessAsks() {
        TestVus whole = new TestVus();
        Questions one = Questions.of(Questions.Strategy.TECHNICAL, 5);
        Vu vu = whole.newVu();
        List<Object> all = new ArrayList<>();
        for (int i = 0; i < 60; i++) all.add(one.next(vu));
        List<Object> split = new ArrayList<>();
        for (int seg = 0; seg < 4; seg++) {
            TestVus part = new TestVus();
            part.segmentIndex = seg;
            part.segmentCount = 4;
            Questions q = Questions.of(Questions.Strategy.TECHNICAL, 5);
            Vu v = part.newVu();
            for (int i = 0; i < 15; i++) split.add(q.next(v));
        }
        assertThat(split).containsExactlyInAnyOrderElementsOf(all);
    }

    @Test
    void fakeValuesDependOnTheUserAndItsIterationOnly() {
        TestVus vus = new TestVus();
        Vu a = vus.newVu();
        String name = Fakes.of(a).name().fullName();
        String email = Fakes.of(a).internet().emailAddress();
        Vu again = new Vu(a.index(), vus, 1, true);
        again.beginIteration(System.nanoTime());
        assertThat(Fakes.of(again).name().fullName()).isEqualTo(name);
        assertThat(Fakes.of(again).internet().emailAddress()).isEqualTo(email);
        Vu other = vus.newVu();
        Faker f = Fakes.of(other);
        assertThat(f.name().fullName() + f.internet().emailAddress()).isNotEqualTo(name + email);
    }
}
