package io.barrage.launch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** How many event loops a launch gets. */
class LoopsTest {
    @Test
    void autoLoopsLeaveHalfTheCoresToATargetOnThisMachine() {
        int cores = Runtime.getRuntime().availableProcessors();
        java.util.function.Function<String, io.barrage.engine.run.TestPlan> planFor = target -> io.barrage.api.Barrage.plan("p")
                .scenario(io.barrage.api.Barrage.scenario("s").target(target).user((http, vu) -> http.get("/"))
                        .phases(io.barrage.api.Barrage.holdRate("h", 1, java.time.Duration.ofSeconds(1))))
                .build();
        assertThat(Loops.of("auto", planFor.apply("http://127.0.0.1:8080"))).isEqualTo(Math.max(1, cores / 2));
        assertThat(Loops.of("auto", planFor.apply("http://localhost:8080"))).isEqualTo(Math.max(1, cores / 2));
        assertThat(Loops.of("auto", planFor.apply("http://[::1]:8080"))).isEqualTo(Math.max(1, cores / 2));
        assertThat(Loops.of("auto", planFor.apply("http://10.1.2.3:8080"))).isEqualTo(cores);
        assertThat(Loops.of("auto", planFor.apply("https://shop.example"))).isEqualTo(cores);
        assertThat(Loops.of("3", planFor.apply("http://127.0.0.1:8080"))).isEqualTo(3);
        assertThat(Loops.of("off", planFor.apply("http://127.0.0.1:8080"))).isZero();
    }

    @Test
    void aTypedCountOrOffIsTakenAsGivenAndAutoIsResolvedForThePlan() {
        var plan = io.barrage.api.Barrage.plan("p")
                .scenario(io.barrage.api.Barrage.scenario("s").target("http://127.0.0.1:8080").user((http, vu) -> http.get("/"))
                        .phases(io.barrage.api.Barrage.holdRate("h", 1, java.time.Duration.ofSeconds(1))))
                .build();
        assertThat(Loops.count(7, plan)).isEqualTo(7);
        assertThat(Loops.count(LaunchOptions.NO_LOOPS, plan)).isZero();
        assertThat(Loops.count(LaunchOptions.AUTO_LOOPS, plan)).isEqualTo(Math.max(1, Runtime.getRuntime().availableProcessors() / 2));
        assertThat(LaunchOptions.parseLoops("auto")).isEqualTo(LaunchOptions.AUTO_LOOPS);
        assertThatThrownBy(() -> LaunchOptions.parseLoops("0")).hasMessage("--loops must be auto, off or a number from 1 to 1024, not '0'");
        assertThatThrownBy(() -> LaunchOptions.of(java.nio.file.Path.of("x.groovy")).withLoops(1025))
                .hasMessage("event loops: AUTO_LOOPS, NO_LOOPS or a count from 1 to 1024, not 1025");
    }
}
