package io.barrage.engine.run;

import io.barrage.engine.loop.EventLoops;
import io.barrage.engine.time.Clock;
import java.util.function.Consumer;

/**
 * What carries a run's load: its event loops, or the JDK's virtual-thread scheduler (a run on a
 * test clock, loops turned off or unavailable), and the words the summary says it with.
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
