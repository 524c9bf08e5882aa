package io.barrage.dsl.testing

import io.barrage.engine.metrics.StepMetrics
import io.barrage.engine.user.Protocol
import io.barrage.engine.user.Vu
import java.util.concurrent.atomic.AtomicInteger
import groovy.transform.CompileStatic

/**
 * A protocol of a test's own, in one file: a "ticker" whose call {@code tick(n)} is recorded as a
 * call of step {@code TICK} (2 ms), a named timing {@code ttft} (1 ms) and a counter {@code tokens}
 * (+n). It counts the clients it opened and closed, so a test can see each user's lifetime.
 */
@CompileStatic
final class TickerProtocol implements Protocol<TickerProtocol.Ticker> {
    public final AtomicInteger opened = new AtomicInteger()
    public final AtomicInteger closed = new AtomicInteger()

    /** One user's client. */
    static final class Ticker {
        private final Vu vu

        Ticker(Vu vu) {
            this.vu = vu
        }

        /** One call: a step, its time to first token and its tokens. */
        public void tick(int tokens) {
            long start = vu.clock().nanoTime()
            StepMetrics step = vu.step("TICK")
            step.timing("ttft").record(1_000_000)
            step.counter("tokens").add(tokens)
            step.record(vu.intendedStart(start), start, start + 2_000_000, null)
        }
    }

    public String name() {
        return "ticker"
    }

    public Ticker open(Vu vu) {
        opened.incrementAndGet()
        return new Ticker(vu)
    }

    public void close(Ticker client) {
        closed.incrementAndGet()
    }
}
