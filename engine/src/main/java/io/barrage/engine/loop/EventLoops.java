package io.barrage.engine.loop;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * A run's event loops, one per core by default: each carries its share of the virtual users and
 * their connections ({@link EventLoop}). Where loops cannot run (not Linux, a JDK before 24,
 * {@code java.lang} not open to barrage, native access not enabled) {@link #unavailable()} says
 * why, and the run uses the JDK's virtual-thread scheduler instead, with the same results at a
 * higher CPU cost per request.
 */
public final class EventLoops implements AutoCloseable {
    /** Set once any group started: until then {@link EventLoop#current()} answers without looking. */
    static volatile boolean started;

    private static final Constructor<?> NATIVE;
    private static final String UNAVAILABLE;
    /** Native calls for threads that are not a loop's (calls that keep no per-instance state). */
    private static final NativeIo BACKGROUND;

    static {
        Constructor<?> ctor = null;
        NativeIo io = null;
        String why = check();
        if (why == null) {
            try {
                ctor = Class.forName("io.barrage.engine.loop.FfmNativeIo").getDeclaredConstructor();
                io = (NativeIo) ctor.newInstance();   // checks native access and the kernel
            } catch (InvocationTargetException e) {
                Throwable c = e.getCause();
                why = c instanceof UnsupportedOperationException ? c.getMessage() : String.valueOf(c);
                ctor = null;
                io = null;
            } catch (ReflectiveOperationException | LinkageError e) {
                why = "the native calls cannot load on this JDK (" + e + ")";
                ctor = null;
                io = null;
            }
        }
        NATIVE = ctor;
        UNAVAILABLE = why;
        BACKGROUND = io;
    }

    private static String check() {
        if (!System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("linux")) return "not Linux";
        if (Runtime.version().feature() < 24) {
            return "Java " + Runtime.version().feature() + " (loops need 24+, where virtual threads no longer pin their carrier in synchronized code)";
        }
        return Carriers.unavailable();
    }

    private final EventLoop[] loops;
    private final Consumer<String> problems;
    private volatile boolean closed;

    private EventLoops(int count, Consumer<String> problems) {
        this.problems = problems;
        this.loops = new EventLoop[count];
        try {
            for (int i = 0; i < count; i++) loops[i] = new EventLoop(this, i, newNativeIo());
        } catch (RuntimeException e) {
            for (EventLoop l : loops) if (l != null) l.discard();
            throw e;
        }
        started = true;
        for (EventLoop l : loops) l.start();
    }

    /**
     * How many loops a run starts by default: the {@code barrage.loops} system property (a count,
     * or {@code off}), else one per core.
     */
    public static int configuredCount() {
        String p = System.getProperty("barrage.loops", "").trim();
        if (p.isEmpty() || p.equalsIgnoreCase("auto")) return Runtime.getRuntime().availableProcessors();
        if (p.equalsIgnoreCase("off")) return 0;
        try {
            int n = Integer.parseInt(p);
            if (n >= 0 && n <= 1024) return n;
        } catch (NumberFormatException ignored) {
            // falls through to the message below
        }
        throw new IllegalArgumentException("barrage.loops must be a count from 0 to 1024, 'auto' or 'off', not '" + p + "'");
    }

    /** Why event loops cannot run in this process, or null if they can. */
    public static String unavailable() {
        return UNAVAILABLE;
    }

    /**
     * Starts {@code count} loops.
     *
     * @param problems told of a failure inside a loop (a task that threw), once per failure
     * @throws UnsupportedOperationException when loops cannot run here ({@link #unavailable()})
     */
    public static EventLoops start(int count, Consumer<String> problems) {
        if (UNAVAILABLE != null) throw new UnsupportedOperationException(UNAVAILABLE);
        if (count < 1) throw new IllegalArgumentException("at least one event loop, not " + count);
        return new EventLoops(count, problems);
    }

    private static NativeIo newNativeIo() {
        try {
            return (NativeIo) NATIVE.newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot open native calls", e);
        }
    }

    /**
     * Lowers the calling platform thread's CPU priority (nice {@value #BACKGROUND_NICE}) where
     * loops can run; elsewhere does nothing. For the run's housekeeping threads (the reporter, the
     * timeout watchdog), whose work is not the load's: on a machine whose cores the loops and the
     * target share, a reporter woken once a second preempted the loop for a few milliseconds, and
     * the arrivals due meanwhile started that late (seen: a cluster of 50-200 arrivals 2-6 ms late
     * at every second at 20 000/s, a third of the run's late arrivals).
     */
    public static void background() {
        if (BACKGROUND == null || Thread.currentThread().isVirtual()) return;
        BACKGROUND.nice(BACKGROUND_NICE);
    }

    static final int BACKGROUND_NICE = 10;

    /** The loop for the thing numbered {@code index} (a user, an arrival): index mod size. */
    public EventLoop get(long index) {
        return loops[(int) Math.floorMod(index, (long) loops.length)];
    }

    public int size() {
        return loops.length;
    }

    /** Virtual threads of all loops that have not ended. */
    public int liveThreads() {
        int n = 0;
        for (EventLoop l : loops) n += l.liveThreads();
        return n;
    }

    void failed(EventLoop loop, Throwable t) {
        problems.accept("event loop " + loop.id + ": " + t);
    }

    /**
     * Ends the loops once their virtual threads have ended, waiting up to two seconds for them;
     * what still runs then fails on its next socket call.
     */
    @Override
    public void close() {
        if (closed) return;
        closed = true;
        for (EventLoop l : loops) l.close();
        try {
            for (EventLoop l : loops) l.awaitTermination(3_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
