package io.barrage.engine.user;

import io.barrage.engine.metrics.StepMetrics;
import io.barrage.engine.model.ThinkTime;
import io.barrage.engine.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/**
 * One virtual user, as its own code and the protocol clients see it: its global index, its
 * iteration count, its per-user state (cookies, connections), think time, and the intended start
 * of its next call, from which latency is measured.
 *
 * <p>A Vu is used by one thread at a time and is not thread-safe.
 */
public final class Vu {
    static final long NONE = Long.MIN_VALUE;

    private final long index;
    private final long seed;
    private final VuHost host;
    private final SplittableRandom random;
    private final boolean persistent;
    private final Map<Object, Object> state = new HashMap<>(4);
    /** How many protocol clients this user opened (kept in {@link #state} under their protocol). */
    private int clients;
    private long iteration = -1;
    private long pendingIntended = NONE;
    private volatile boolean retired;
    private volatile Thread thread;

    public Vu(long index, VuHost host, long seed) {
        this(index, host, seed, false);
    }

    /** @param persistent the user loops over iterations (closed model), rather than making one (an open-model arrival) */
    public Vu(long index, VuHost host, long seed, boolean persistent) {
        this.persistent = persistent;
        this.index = index;
        this.host = host;
        this.seed = seed;
        this.random = new SplittableRandom(seed ^ (index * 0x9E3779B97F4A7C15L));
    }

    /** The user's index in the scenario's global sequence (arrival k or user j). */
    public long index() { return index; }

    /** The scenario's seed (its {@code seed} setting, or one from its name). */
    public long seed() { return seed; }

    /** This process's share of the scenario: {@link VuHost#segmentIndex}. */
    public int segmentIndex() { return host.segmentIndex(); }

    /** {@link VuHost#segmentCount}. */
    public int segmentCount() { return host.segmentCount(); }

    /** Ends the run's load: {@link VuHost#endLoad}. */
    public void endLoad(String reason, boolean abort) { host.endLoad(reason, abort); }

    /** True for a closed-model user, which loops over iterations and keeps its connections between them. */
    public boolean persistent() { return persistent; }

    /** How many iterations this user has started, minus one (0 during the first). */
    public long iteration() { return iteration; }

    public String scenario() { return host.metrics().name(); }

    public Clock clock() { return host.clock(); }

    /** A random generator of this user's own, seeded from the scenario seed and the user's index. */
    public RandomGenerator random() { return random; }

    /** The value the scenario's setup returned, or null. */
    public Object shared() { return host.shared(); }

    /** The metrics of a step of this user's scenario. */
    public StepMetrics step(String name) { return host.metrics().step(name); }

    /**
     * The scenario's tally named {@code name}: calls counted by a label (the backend that answered,
     * say), which the scenario's analyses read. Look it up once per user and keep it.
     */
    public io.barrage.engine.metrics.Tally tally(String name) { return host.metrics().tally(name); }

    /** True when the user should leave: retired by a ramp-down or the run is stopping. */
    public boolean stopping() { return retired || host.stopping(); }

    /** Reports a problem as a warning event of the run. */
    public void warn(String message) { host.warn(message); }

    /**
     * The intended start of a call that actually starts at {@code actualStart}: the iteration's
     * scheduled start for its first call, the end of a think for the call after it, otherwise the
     * actual start. Reading it consumes it.
     */
    public long intendedStart(long actualStart) {
        long i = pendingIntended;
        pendingIntended = NONE;
        return i == NONE ? actualStart : Math.min(i, actualStart);
    }

    /** Pauses for a think time drawn from {@code think}. */
    public void think(ThinkTime think) {
        sleep(think.sampleNanos(random));
    }

    /**
     * Pauses inside a call (a retry's backoff): unlike {@link #sleep}, it does not move where the
     * next call's latency counts from. Throws {@link VuStopped} if the user is told to stop meanwhile.
     */
    public void backoff(long nanos) {
        Clock clock = host.clock();
        try {
            if (!clock.sleepUntil(clock.nanoTime() + Math.max(0, nanos), this::stopping)) throw new VuStopped();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new VuStopped();
        }
    }

    /**
     * Pauses for {@code nanos}; the next call's latency is measured from the end of the pause as
     * planned, so oversleeping shows. Throws {@link VuStopped} if the user is told to stop meanwhile.
     */
    public void sleep(long nanos) {
        Clock clock = host.clock();
        long deadline = clock.nanoTime() + Math.max(0, nanos);
        try {
            if (!clock.sleepUntil(deadline, this::stopping)) throw new VuStopped();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new VuStopped();
        }
        pendingIntended = deadline;
    }

    /** Per-user state of a protocol or helper, created on first use. */
    @SuppressWarnings("unchecked")
    public <T> T state(Object key, Supplier<T> create) {
        return (T) state.computeIfAbsent(key, k -> create.get());
    }

    /**
     * This user's client of the scenario's protocol module {@code name}, opened on first use.
     *
     * @throws IllegalArgumentException when the scenario has no protocol of that name
     */
    public Object client(String name) {
        Protocol<?> p = host.protocol(name);
        if (p == null) {
            throw new IllegalArgumentException("scenario '" + scenario() + "' has no protocol '" + name + "' (its protocols: "
                    + String.join(", ", host.protocolNames()) + ")");
        }
        Object c = state.get(p);
        if (c == null) {
            try {
                c = p.open(this);
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException("protocol '" + name + "' could not open a client: " + e.getMessage(), e);
            }
            if (c == null) throw new IllegalStateException("protocol '" + name + "' gave no client");
            state.put(p, c);
            clients++;
        }
        return c;
    }

    /** True when the scenario has the protocol module {@code name}. */
    public boolean hasProtocol(String name) {
        return host.protocol(name) != null;
    }

    /** {@link #client(String)}, typed for Java: {@code vu.client("redis", RedisClient.class)}. */
    public <C> C client(String name, Class<C> type) {
        Object c = client(name);
        if (!type.isInstance(c)) {
            throw new IllegalArgumentException("protocol '" + name + "' gives a " + c.getClass().getSimpleName() + ", not a " + type.getSimpleName());
        }
        return type.cast(c);
    }

    // ---- executor side

    /** Closes the clients this user opened ({@link #client}); the executor calls it when the user is done. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public void closeClients() {
        if (clients == 0) return;
        clients = 0;
        for (java.util.Iterator<Map.Entry<Object, Object>> i = state.entrySet().iterator(); i.hasNext(); ) {
            Map.Entry<Object, Object> e = i.next();
            if (!(e.getKey() instanceof Protocol p)) continue;
            i.remove();
            try {
                p.close(e.getValue());
            } catch (RuntimeException ex) {
                host.warn("protocol '" + p.name() + "' failed to close a client: " + ex);
            }
        }
    }

    /** Starts an iteration that was meant to start at {@code intended}. */
    public void beginIteration(long intended) {
        iteration++;
        pendingIntended = intended;
    }

    public void retire() {
        retired = true;
        Thread t = thread;
        if (t != null) host.clock().wake(t);
    }

    public boolean retired() { return retired; }

    public void attach(Thread t) { this.thread = t; }

    /** Wakes the user if it is thinking, so it sees that the run is stopping. */
    public void nudge() {
        Thread t = thread;
        if (t != null) host.clock().wake(t);
    }
}
