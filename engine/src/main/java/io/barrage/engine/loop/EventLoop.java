package io.barrage.engine.loop;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.PriorityQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/**
 * One platform thread that carries virtual threads, waits for their sockets and keeps their
 * timers, the way wrk and Netty run an event loop per core, but with blocking code on top: a
 * virtual thread on a loop reads a {@link LoopSocket} as if it blocked, and the loop runs other
 * virtual threads meanwhile.
 *
 * <p>Why: on the JDK's scheduler every request costs hand-offs between threads (the arrival
 * timer wakes a scheduler thread, which wakes a carrier; the poller wakes another) and each
 * hand-off is a futex call and a context switch, which on these virtual machines cost more than
 * the request itself. Here a socket's readiness, a timer and the virtual threads they wake are
 * all handled by the one thread that sleeps in {@code epoll_pwait2}: a request costs a write, a
 * read and a share of one wake-up.
 *
 * <p>Rules, as for any event loop: a virtual thread on a loop runs until it parks, so code that
 * blocks its carrier (file I/O, a lookup of a host name) holds up the loop's other threads for
 * that long. Sockets of the JDK (TLS, OkHttp, Lettuce) still work from a loop's threads: the JDK
 * wakes them through {@link #execute}, only with the hand-offs this class saves elsewhere.
 *
 * <pre>
 * one turn of the loop:
 *   move tasks other threads submitted (inbox) to the run queue
 *   fire due timers        (a timer-woken thread runs first: it is late already)
 *   run up to 256 tasks    (virtual threads continue until they park again)
 *   epoll_pwait2           (no wait when tasks remain; else until the next timer)
 *   unpark the threads whose sockets became ready
 * </pre>
 */
public final class EventLoop implements Executor {
    private static final long WAKE = -1L;
    private static final int BUDGET = 256;
    private static final long CLOSE_GRACE_NANOS = 2_000_000_000L;
    private static final VarHandle SLEEPING;

    static {
        try {
            SLEEPING = MethodHandles.lookup().findVarHandle(EventLoop.class, "sleeping", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    final int id;
    final NativeIo io;
    private final EventLoops group;
    private final int epfd;
    private final int wakeFd;
    private final LoopThread thread;
    private final ThreadFactory threads;

    // the loop thread's own: no other thread touches these
    private final ArrayDeque<Runnable> tasks = new ArrayDeque<>();
    private final ArrayDeque<Runnable> urgent = new ArrayDeque<>();
    /** Threads {@link #runFirst} keeps for the next task. */
    private final IdleThreads idle = new IdleThreads(this);
    private final PriorityQueue<Timer> timers = new PriorityQueue<>();
    /** The earliest times of {@link #parkBetween}, checked whenever the loop is awake. */
    private final ArrayList<Timer> early = new ArrayList<>();
    /** While set, what this thread submits goes to {@link #urgent}: threads a timer woke, arrivals due. */
    private boolean firing;
    private long timerSeq;
    private LoopSocket[] sockets = new LoopSocket[64];
    private int[] freeSlots = new int[64];
    private int free;
    private int slotsUsed;

    private Object[] locals = new Object[4];

    private final ConcurrentLinkedQueue<Runnable> inbox = new ConcurrentLinkedQueue<>();
    @SuppressWarnings("unused") private volatile int sleeping;
    private final AtomicInteger live = new AtomicInteger();
    private volatile boolean closing;
    private volatile long closeDeadline;
    volatile boolean terminated;

    EventLoop(EventLoops group, int id, NativeIo io) {
        this.group = group;
        this.id = id;
        this.io = io;
        int ep = io.epollCreate();
        if (ep < 0) throw new IllegalStateException("epoll_create1 failed: " + Errno.describe(-ep));
        int wake = io.eventfd();
        if (wake < 0) {
            io.close(ep);
            throw new IllegalStateException("eventfd failed: " + Errno.describe(-wake));
        }
        int r = io.epollAdd(ep, wake, NativeIo.EPOLLIN | NativeIo.EPOLLET, WAKE);
        if (r < 0) {
            io.close(ep);
            io.close(wake);
            throw new IllegalStateException("epoll_ctl failed: " + Errno.describe(-r));
        }
        this.epfd = ep;
        this.wakeFd = wake;
        this.threads = Carriers.virtualThreads(this);
        this.thread = new LoopThread(this, "barrage-loop-" + id);
    }

    void start() {
        thread.start();
    }

    /** Closes the descriptors of a loop that never started (its group failed to start). */
    void discard() {
        io.close(wakeFd);
        io.close(epfd);
    }

    /** The loop whose virtual thread is running now, or null (a platform thread, or a virtual thread of the JDK's scheduler). */
    public static EventLoop current() {
        if (!EventLoops.started || !Thread.currentThread().isVirtual()) return null;
        return Carriers.currentCarrier() instanceof LoopThread t ? t.loop : null;
    }

    /** {@link #current()}, which a caller that only works on a loop must have. */
    static EventLoop requireCurrent() {
        EventLoop loop = current();
        if (loop == null) throw new IllegalStateException("not on an event loop's virtual thread");
        return loop;
    }

    /** True when the caller runs on this loop's thread (a virtual thread it carries, or a timer action). */
    public boolean inLoop() {
        return Carriers.currentCarrier() == thread;
    }

    /** This loop's index in its group. */
    public int id() {
        return id;
    }

    /**
     * A new virtual thread, not started, that this loop carries. The loop stays up while it lives
     * (when the group closes, up to a grace period).
     */
    public Thread newThread(Runnable task) {
        live.incrementAndGet();
        return threads.newThread(() -> {
            try {
                task.run();
            } finally {
                live.decrementAndGet();
            }
        });
    }

    /**
     * Runs {@code task} on a virtual thread of this loop, ahead of the work already queued (it is
     * due: an arrival), on a thread that an earlier task ended on when one is idle, else on a new
     * one ({@link IdleThreads}). The task must leave nothing behind on its thread (no thread-locals, no interrupt: one is cleared).
     * From another thread, the task is handed over and started when this loop next looks.
     */
    public void runFirst(Runnable task) {
        if (terminated) {   // the task itself, never a hand-over that would come back here
            Afterlife.INSTANCE.execute(task);
        } else if (!inLoop()) {
            handOver(new Due(() -> runFirst(task)));
        } else {
            boolean was = firing;
            firing = true;
            try {
                idle.run(task);
            } finally {
                firing = was;
            }
        }
    }

    /** Work handed over from another thread that runs ahead of this loop's queue. */
    private record Due(Runnable task) implements Runnable {
        @Override public void run() { task.run(); }
    }

    /** True once the loop was asked to end; for this package's parts of it (idle threads end). */
    boolean closing() {
        return closing;
    }

    /** Virtual threads of this loop that have not ended. */
    public int liveThreads() {
        return live.get();
    }

    /**
     * The scheduler's side: runs a task (a virtual thread's continuation, or an action) on this
     * loop. From the loop's own thread it is queued; from any other it goes to the inbox and wakes
     * the loop if it sleeps.
     */
    @Override
    public void execute(Runnable task) {
        if (terminated) {
            Afterlife.INSTANCE.execute(task);
        } else if (Carriers.currentCarrier() == thread) {
            if (firing) urgent.add(task);
            else tasks.add(task);
        } else {
            handOver(task);
        }
    }

    /** From another thread: into the inbox, waking the loop (or, once it has ended, to a platform thread). */
    private void handOver(Runnable task) {
        if (terminated) {
            Afterlife.INSTANCE.execute(task);
            return;
        }
        inbox.add(task);
        if (terminated) {   // the loop ended between the check and the add: what it left, this thread hands on
            for (Runnable r; (r = inbox.poll()) != null; ) Afterlife.INSTANCE.execute(r);
        } else {
            wake();
        }
    }

    private void wake() {
        if ((int) SLEEPING.getVolatile(this) == 1 && SLEEPING.compareAndSet(this, 1, 0)) io.signal(wakeFd);
    }

    // ---------------------------------------------------------------- loop-locals

    /**
     * A value per event loop, for state its virtual threads share without atomics (they never run
     * at the same time): a pool of buffers, say. Like a thread-local of the loop's thread.
     */
    public static final class Local<T> {
        private static final AtomicInteger NEXT = new AtomicInteger();
        private final int index = NEXT.getAndIncrement();
        private final Supplier<T> initial;

        public Local(Supplier<T> initial) {
            this.initial = initial;
        }

        /** The current loop's value (made on first use), or null when the caller is not on a loop. */
        @SuppressWarnings("unchecked")
        public T get() {
            EventLoop loop = current();
            if (loop == null || loop.terminated) return null;
            Object[] l = loop.locals;
            if (index >= l.length) loop.locals = l = Arrays.copyOf(l, Math.max(index + 1, l.length * 2));
            Object v = l[index];
            if (v == null) l[index] = v = initial.get();
            return (T) v;
        }
    }

    // ---------------------------------------------------------------- timers

    /** An action or a parked thread due at a deadline. */
    public static final class Timer implements Comparable<Timer> {
        final long deadline;
        final long seq;
        final Thread thread;
        final Runnable action;
        volatile boolean cancelled;

        Timer(long deadline, long seq, Thread thread, Runnable action) {
            this.deadline = deadline;
            this.seq = seq;
            this.thread = thread;
            this.action = action;
        }

        /** Keeps it from firing (if it has not yet). */
        public void cancel() {
            cancelled = true;
        }

        @Override
        public int compareTo(Timer o) {
            int c = Long.compare(deadline, o.deadline);
            return c != 0 ? c : Long.compare(seq, o.seq);
        }
    }

    /**
     * Runs {@code action} on the loop's thread at {@code deadline} ({@link System#nanoTime()}), or
     * at once if it passed. The action must not block: it may start virtual threads. Callable from
     * any thread.
     */
    public Timer schedule(long deadline, Runnable action) {
        if (inLoop()) {
            Timer t = new Timer(deadline, timerSeq++, null, action);
            timers.add(t);
            return t;
        }
        Timer t = new Timer(deadline, 0, null, action);
        execute(() -> timers.add(new Timer(deadline, timerSeq++, null, () -> {
            if (!t.cancelled) action.run();
        })));
        return t;
    }

    /**
     * Parks the calling virtual thread (one of this loop's) until {@code deadline}, or until it is
     * unparked or interrupted; like {@link LockSupport#parkNanos}, it may return early.
     */
    public void parkUntil(long deadline) {
        if (terminated) {
            LockSupport.parkNanos(this, deadline - System.nanoTime());
            return;
        }
        Timer t = new Timer(deadline, timerSeq++, Thread.currentThread(), null);
        timers.add(t);
        LockSupport.park(this);
        t.cancelled = true;
    }

    /**
     * Parks the calling virtual thread (one of this loop's) until {@code latest}, or until the loop
     * is awake anyway at or after {@code earliest} (it woke for a socket or another timer), or until
     * unparked; it may return early. A deadline with room costs no wake-up of its own when the loop
     * has other work then: at 20 000 arrivals/s to a 10 ms service, a wake-up in epoll_pwait2 cost
     * more than the request it served (a fifth of the CPU per request went to arrival wake-ups alone).
     */
    public void parkBetween(long earliest, long latest) {
        if (terminated) {
            LockSupport.parkNanos(this, latest - System.nanoTime());
            return;
        }
        Thread me = Thread.currentThread();
        Timer hard = new Timer(latest, timerSeq++, me, null);
        timers.add(hard);
        Timer soft = new Timer(earliest, 0, me, null);
        early.add(soft);
        LockSupport.park(this);
        hard.cancelled = true;
        soft.cancelled = true;
    }

    /** Wakes the threads of {@link #parkBetween} whose earliest time has come (the loop is awake). */
    private void fireEarly(long now) {
        ArrayList<Timer> e = early;
        if (e.isEmpty()) return;
        firing = true;
        try {
            for (int i = e.size() - 1; i >= 0; i--) {
                Timer t = e.get(i);
                boolean due = !t.cancelled && t.deadline - now <= 0;
                if (t.cancelled || due) {
                    Timer last = e.removeLast();
                    if (i < e.size()) e.set(i, last);
                }
                if (due) LockSupport.unpark(t.thread);
            }
        } finally {
            firing = false;
        }
    }

    /** Fires the timers that are due. */
    private void fireTimers(long now) {
        Timer t;
        firing = true;
        try {
            while ((t = timers.peek()) != null) {
                if (t.cancelled) {
                    timers.poll();
                    continue;
                }
                if (t.deadline - now > 0) return;
                timers.poll();
                if (t.thread != null) {
                    LockSupport.unpark(t.thread);
                } else {
                    runAction(t.action);
                }
            }
        } finally {
            firing = false;
        }
    }

    /** The earliest deadline of a timer not cancelled, or {@link Long#MAX_VALUE}. */
    private long nextDeadline() {
        Timer t;
        while ((t = timers.peek()) != null && t.cancelled) timers.poll();
        return t == null ? Long.MAX_VALUE : t.deadline;
    }

    private void runAction(Runnable action) {
        try {
            action.run();
        } catch (Throwable e) {
            group.failed(this, e);
        }
    }

    // ---------------------------------------------------------------- sockets

    /** Registers a socket for edge-triggered readiness; returns the cookie its events carry. */
    long register(LoopSocket s, int fd) {
        int slot;
        if (free > 0) {
            slot = freeSlots[--free];
        } else {
            if (slotsUsed == sockets.length) sockets = Arrays.copyOf(sockets, sockets.length * 2);
            slot = slotsUsed++;
        }
        sockets[slot] = s;
        s.slot = slot;
        s.generation++;
        long cookie = ((long) s.generation << 32) | slot;
        int r = io.epollAdd(epfd, fd, NativeIo.EPOLLIN | NativeIo.EPOLLOUT | NativeIo.EPOLLRDHUP | NativeIo.EPOLLET, cookie);
        if (r < 0) {
            release(s);
            return r;
        }
        return cookie;
    }

    /** Forgets a socket (its descriptor is closed by the caller, which removes it from epoll). */
    void release(LoopSocket s) {
        int slot = s.slot;
        if (slot < 0 || sockets[slot] != s) return;
        sockets[slot] = null;
        s.slot = -1;
        if (free == freeSlots.length) freeSlots = Arrays.copyOf(freeSlots, freeSlots.length * 2);
        freeSlots[free++] = slot;
    }

    /** Runs {@code action} on the loop's thread: now if the caller is on it (or the loop has ended), else queued. */
    void onLoop(Runnable action) {
        if (terminated || inLoop()) action.run();
        else execute(action);
    }

    // ---------------------------------------------------------------- the loop

    private void loop() {
        io.timerSlack(1_000);
        try {
            while (true) {
                Runnable r;
                lookAround();
                int ran = 0;
                while (ran < BUDGET && ((r = urgent.poll()) != null || (r = tasks.poll()) != null)) {
                    runTask(r);
                    if ((++ran & (CHECK_EVERY - 1)) == 0) lookAround();
                }
                if (closing && ((live.get() == 0 && tasks.isEmpty() && urgent.isEmpty()) || System.nanoTime() - closeDeadline > 0)) break;
                long wait;
                if (!tasks.isEmpty() || !urgent.isEmpty()) {
                    wait = 0;
                } else {
                    long next = nextDeadline();   // after the tasks: they may have added timers
                    wait = next == Long.MAX_VALUE ? -1 : Math.max(0, next - System.nanoTime());
                    if (closing) wait = wait < 0 ? 10_000_000L : Math.min(wait, 10_000_000L);
                }
                if (wait != 0) {
                    SLEEPING.setVolatile(this, 1);
                    if (!inbox.isEmpty()) {
                        SLEEPING.setVolatile(this, 0);
                        continue;
                    }
                }
                poll(wait);
                if (wait != 0) SLEEPING.setVolatile(this, 0);
            }
        } catch (Throwable e) {
            group.failed(this, e);
        } finally {
            terminate();
        }
    }

    /**
     * Before a batch of tasks and every {@value #CHECK_EVERY} tasks in it: work handed over from
     * other threads joins the queues, and timers that came due (an arrival's time, a think time
     * ending, an early deadline of {@link #parkBetween}) wake their threads ahead of the queue. A
     * long batch (a burst of connects and first requests at a run's start: 256 tasks of 20-40 µs)
     * had kept the arrivals due meanwhile waiting for all of it, up to 8 ms.
     */
    private void lookAround() {
        Runnable r;
        while ((r = inbox.poll()) != null) (r instanceof Due ? urgent : tasks).add(r);
        long now = System.nanoTime();
        fireTimers(now);
        fireEarly(now);
    }

    /** Tasks run between two looks at the timers; a power of two. */
    private static final int CHECK_EVERY = 16;

    private void runTask(Runnable r) {
        try {
            r.run();
        } catch (Throwable e) {
            group.failed(this, e);
        }
    }

    private void poll(long wait) {
        int n = io.epollWait(epfd, wait);
        if (n < 0) {
            if (n == -NativeIo.EINTR) return;
            throw new IllegalStateException("epoll_pwait2 failed: " + Errno.describe(-n));
        }
        for (int i = 0; i < n; i++) {
            long cookie = io.eventData(i);
            if (cookie == WAKE) {
                io.drain(wakeFd);
                continue;
            }
            int slot = (int) cookie;
            LoopSocket s = slot < slotsUsed ? sockets[slot] : null;
            if (s != null && s.generation == (int) (cookie >>> 32)) s.ready(io.eventMask(i));
        }
    }

    /** Asks the loop to end once its virtual threads have, or after the grace period. */
    void close() {
        closeDeadline = System.nanoTime() + CLOSE_GRACE_NANOS;
        closing = true;
        execute(idle::dismiss);
    }

    boolean awaitTermination(long millis) throws InterruptedException {
        thread.join(millis);
        return !thread.isAlive();
    }

    /**
     * The loop has ended: sockets still open are closed (their threads wake and fail), pending
     * timers fire, and whatever is still submitted runs on a platform thread of its own.
     */
    private void terminate() {
        terminated = true;
        for (int i = 0; i < slotsUsed; i++) {
            LoopSocket s = sockets[i];
            if (s != null) s.abandon();
        }
        for (Timer t; (t = timers.poll()) != null; ) {
            if (t.cancelled) continue;
            if (t.thread != null) LockSupport.unpark(t.thread);
            else Afterlife.INSTANCE.execute(t.action);
        }
        for (Runnable r; (r = urgent.poll()) != null || (r = tasks.poll()) != null || (r = inbox.poll()) != null; ) {
            Afterlife.INSTANCE.execute(r);
        }
        io.close(wakeFd);
        io.close(epfd);
    }

    /** The loop's platform thread; a virtual thread finds its loop through its carrier. */
    static final class LoopThread extends Thread {
        final EventLoop loop;

        LoopThread(EventLoop loop, String name) {
            super(null, null, name, 0, false);
            this.loop = loop;
            setDaemon(true);
        }

        @Override
        public void run() {
            loop.loop();
        }
    }

    /** Carries what is submitted to a loop after it ended (stragglers of a closed run): one daemon thread, started when needed. */
    private static final class Afterlife {
        static final Executor INSTANCE = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "barrage-loop-afterlife");
            t.setDaemon(true);
            return t;
        });
    }
}
