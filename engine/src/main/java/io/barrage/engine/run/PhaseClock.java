package io.barrage.engine.run;

/**
 * The timeline of one scenario's phases, which live control can bend: pause stops the clock (the
 * phase resumes where it stood), skip ends the current phase now, extend makes it longer.
 * Times are {@code Clock.nanoTime()} values. Thread-safe.
 *
 * <pre>
 * state      event           next
 * not begun  start(t)        running phase 0, begun at t
 * running    time ≥ end      running phase i+1 (or finished after the last)
 * running    pause(t)        paused at t
 * paused     resume(t)       running; phase start shifted by (t − paused at)
 * running    skip(t)         running phase i+1, begun at t (or finished)
 * any        extend(d)       current phase's end moved by d
 * </pre>
 */
final class PhaseClock {
    private final long[] durations;
    private int index = -1;
    private long phaseStart;
    private long extra;
    private long pausedAt = -1;
    private long pausedTotal;

    PhaseClock(long[] durations) {
        this.durations = durations.clone();
    }

    synchronized void start(long now) {
        index = 0;
        phaseStart = now;
        extra = 0;
        skipEmpty(now);
    }

    /** Moves past every phase that has ended by {@code now}; returns the current phase index (n when finished). */
    synchronized int advance(long now) {
        if (pausedAt >= 0 || index < 0) return index;
        while (index < durations.length && now >= phaseStart + durations[index] + extra) {
            phaseStart += durations[index] + extra;
            extra = 0;
            index++;
        }
        return index;
    }

    synchronized int index() {
        return index;
    }

    synchronized boolean finished() {
        return index >= durations.length;
    }

    synchronized boolean paused() {
        return pausedAt >= 0;
    }

    /** Time into the current phase (frozen while paused). */
    synchronized long elapsedInPhase(long now) {
        return (pausedAt >= 0 ? pausedAt : now) - phaseStart;
    }

    /** When the current phase began (shifted by pauses), so that {@code t − phaseStart()} is time into it. */
    synchronized long phaseStart() {
        return phaseStart;
    }

    /** When the current phase ends if not paused or changed meanwhile. */
    synchronized long phaseEnd() {
        if (index < 0 || index >= durations.length) return phaseStart;
        return phaseStart + durations[index] + extra;
    }

    /** How long the current phase lasts now, with any extension. */
    synchronized long currentDuration() {
        if (index < 0 || index >= durations.length) return 0;
        return durations[index] + extra;
    }

    /** Time spent paused since the start (completed pauses only). */
    synchronized long pausedTotal() {
        return pausedTotal;
    }

    synchronized boolean pause(long now) {
        if (pausedAt >= 0) return false;
        pausedAt = now;
        return true;
    }

    /** @return the nanoseconds spent paused, or -1 if not paused */
    synchronized long resume(long now) {
        if (pausedAt < 0) return -1;
        long paused = now - pausedAt;
        phaseStart += paused;
        pausedTotal += paused;
        pausedAt = -1;
        return paused;
    }

    synchronized void skip(long now) {
        if (index < 0 || index >= durations.length) return;
        index++;
        phaseStart = pausedAt >= 0 ? pausedAt : now;
        extra = 0;
        skipEmpty(now);
    }

    synchronized void extend(long nanos) {
        extra += nanos;
    }

    private void skipEmpty(long now) {
        while (index < durations.length && durations[index] <= 0) index++;
    }
}
