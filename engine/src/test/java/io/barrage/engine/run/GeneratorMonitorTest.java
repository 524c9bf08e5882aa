package io.barrage.engine.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.barrage.engine.metrics.Tick;
import io.barrage.engine.summary.GeneratorSummary;
import java.util.List;
import org.junit.jupiter.api.Test;

class GeneratorMonitorTest {
    static final long MS = 1_000_000L;

    /** A probe whose CPU and GC time the test advances. */
    static final class Probe implements GeneratorProbe {
        long cpu;
        long gcMillis;

        public long cpuNanos() { return cpu; }
        public long gcPauseMillis() { return gcMillis; }
        public int cores() { return 2; }
    }

    final Probe probe = new Probe();
    final GeneratorMonitor monitor = new GeneratorMonitor(probe);
    long now;

    private List<String> interval(long lengthMs, long cpuMs, long gcMs, boolean last) {
        probe.cpu += cpuMs * MS;
        probe.gcMillis += gcMs;
        Tick tick = new Tick(now, now + lengthMs * MS, now + lengthMs * MS, 0, List.of(), List.of(), last);
        now += lengthMs * MS;
        return monitor.sample(tick);
    }

    @Test
    void anIntervalIsSaturatedWhenCpuOrGcPausesTakeTooMuchOfIt() {
        monitor.loadStarted();
        assertThat(interval(1000, 1000, 50, false)).isEmpty();
        assertThat(interval(1000, 1000, 150, false)).containsExactly("GC pauses 15% of the time");
        assertThat(interval(1000, 1900, 0, false)).containsExactly("CPU 1.9 of 2 cores");
        GeneratorSummary s = monitor.summary("2 event loops");
        assertThat(s.saturatedIntervals()).isEqualTo(2);
        assertThat(s.lastSaturated()).isEqualTo(3);
        assertThat(s.cpuMax()).isEqualTo(1.9);
    }

    @Test
    void aShortClosingIntervalIsCountedButNotJudged() {
        monitor.loadStarted();
        assertThat(interval(1000, 500, 0, false)).isEmpty();
        assertThat(interval(20, 20, 5, true)).as("5 ms of GC in a 20 ms tail").isEmpty();
        GeneratorSummary s = monitor.summary("2 event loops");
        assertThat(s.saturatedIntervals()).isZero();
        assertThat(s.intervals()).isEqualTo(2);
        assertThat(s.gcPauseSeconds()).isEqualTo(0.005);
        assertThat(s.cpuMax()).as("the tail's 1 core of 20 ms is noise").isEqualTo(0.5);
    }

    @Test
    void aRunShorterThanATickTakesItsMaxFromItsOnlyInterval() {
        monitor.loadStarted();
        assertThat(interval(200, 100, 0, true)).isEmpty();
        assertThat(monitor.summary("2 event loops").cpuMax()).isEqualTo(0.5);
    }

    @Test
    void aLongClosingIntervalIsJudgedLikeAnyOther() {
        monitor.loadStarted();
        assertThat(interval(600, 100, 100, true)).containsExactly("GC pauses 17% of the time");
    }
}
