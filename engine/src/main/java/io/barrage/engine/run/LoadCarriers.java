package io.barrage.engine.run;

import io.barrage.engine.loop.EventLoops;
import io.barrage.engine.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * What carries a run's load: its event loops, or the JDK's virtual-thread scheduler (a run on a
 * test clock, loops turned off or unavailable), and the words the summary says it with; and what
 * each carrier makes ready before the load's clock starts.
 */
final class LoadCarriers implements AutoCloseable {
    private final EventLoops loops;
    private final String description;

    private LoadCarriers(EventLoops loops, String description) {
        this.loops = loops;
        this.description = description;
    }

    /** Nothing yet: before a run's load starts, and for a run whose load never started (a failed setup). */
    static LoadCarriers none() {
        return new LoadCarriers(null, "no load ran");
    }

    /**
     * Starts the loops {@code options} ask for where they can run.
     *
     * @param problems told of a failure inside a loop
     */
    static LoadCarriers start(RunOptions options, Clock clock, Consumer<String> problems) {
        int n = options.loops() == RunOptions.AUTO_LOOPS ? EventLoops.configuredCount() : options.loops();
        if (n == 0) return new LoadCarriers(null, "the JDK's virtual-thread scheduler (event loops turned off)");
        if (clock != Clock.system()) {   // loops keep real time; a test clock keeps its own
            return new LoadCarriers(null, "the JDK's virtual-thread scheduler (a test clock)");
        }
        String why = EventLoops.unavailable();
        if (why != null) return new LoadCarriers(null, "the JDK's virtual-thread scheduler (event loops unavailable: " + why + ")");
        return new LoadCarriers(EventLoops.start(n, problems), n + (n == 1 ? " event loop" : " event loops"));
    }

    /**
     * The longest a run's scenarios take to prepare (connections opened before the load's clock
     * starts): what is not open by then opens on demand while the load runs, as without preparing.
     */
    static final Duration PREPARE_LIMIT = Duration.ofSeconds(1);

    /**
     * Before the load's clock starts: each scenario prepares for the calls it will have in flight as
     * the load starts ({@link io.barrage.engine.user.UserFactory#prepare}), on every carrier with its
     * share (arrivals are spread over the event loops by index), for at most {@link #PREPARE_LIMIT};
     * {@code stop} turning true ends the wait. Measured at 10 000 arrivals/s to a 10 ms service: an
     * empty pool had made 154–821 of the first second's calls wait for a connection; 0–60 did in 8
     * of 9 rounds with the connections prepared.
     */
    void prepare(List<ScenarioRunner> runners, BooleanSupplier stop) throws InterruptedException {
        List<Thread> threads = new ArrayList<>();
        int lanes = loops == null ? 1 : loops.size();
        for (ScenarioRunner r : runners) {
            int n = r.prepareConcurrency();
            if (n <= 0 || r.code.users() == null) continue;
            for (int i = 0; i < lanes; i++) {
                int share = (n + lanes - 1 - i) / lanes;
                if (share == 0) continue;
                Runnable task = () -> {
                    try {
                        r.code.users().prepare(share, PREPARE_LIMIT);
                    } catch (Throwable ignored) {
                        // nothing is recorded before the load: the first calls meet the same trouble and report it
                    }
                };
                Thread t = loops == null ? Thread.ofVirtual().unstarted(task) : loops.get(i).newThread(task);
                t.start();
                threads.add(t);
            }
        }
        // real time, not the run's clock: sockets connect in real time whatever clock the load keeps
        long deadline = System.nanoTime() + PREPARE_LIMIT.toNanos();
        for (Thread t : threads) {
            while (t.isAlive() && !stop.getAsBoolean() && deadline - System.nanoTime() > 0) t.join(Duration.ofMillis(20));
        }
    }

    /** The loops, or null on the JDK's scheduler. */
    EventLoops loops() {
        return loops;
    }

    String describe() {
        return description;
    }

    /**
     * A thread, not started, for scenario {@code index}'s own loop (arrival timing, the users'
     * controller): a virtual thread of an event loop, whose timers and the arrivals it starts there
     * then need no hand-off; else a platform thread.
     */
    Thread scenarioThread(int index, String name, Runnable body) {
        if (loops != null) return loops.get(index).newThread(body);
        Thread t = new Thread(body, name);
        t.setDaemon(true);
        return t;
    }

    @Override
    public void close() {
        if (loops != null) loops.close();
    }
}
