package io.barrage.data;

import io.barrage.engine.user.Vu;
import io.barrage.engine.user.VuStopped;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Records handed to virtual users: one {@link Records} shared by every user of the process, and a
 * strategy saying which record each draw gets.
 *
 * <p>Draws are numbered in this process (0, 1, 2…), and draw {@code d} of the process running share
 * {@code i} of {@code N} ({@code --segment i/N}) is the run's draw {@code i + N·d}: the processes of a
 * split run draw disjoint positions, and together exactly the positions one process would draw. The
 * strategy maps that position to a record: {@code circular} in order, starting again after the last;
 * {@code random} a seeded pick, records may repeat; {@code shuffle} every record once per pass in a
 * seeded order (a new order each pass, nothing held per record); {@code unique} every record once,
 * then the load ends as planned ({@code whenExhausted: stop}) or is aborted ({@code fail}).
 */
public final class Feeder implements Source {
    /** Which record a draw gets. */
    public enum Strategy { CIRCULAR, RANDOM, SHUFFLE, UNIQUE;
        public String word() { return name().toLowerCase(Locale.ROOT); }
    }

    /** What a {@link Strategy#UNIQUE} feeder does when every record has been drawn. */
    public enum WhenExhausted { STOP, FAIL;
        public String word() { return name().toLowerCase(Locale.ROOT); }
    }

    private final String name;
    private final Records records;
    private final Strategy strategy;
    private final WhenExhausted whenExhausted;
    private final long seed;
    private final AtomicLong draws = new AtomicLong();
    private final AtomicBoolean exhausted = new AtomicBoolean();

    public Feeder(String name, Records records, Strategy strategy, WhenExhausted whenExhausted, long seed) {
        this.name = name;
        this.records = records;
        this.strategy = strategy;
        this.whenExhausted = whenExhausted;
        this.seed = seed;
    }

    public String name() { return name; }

    public Strategy strategy() { return strategy; }

    public int size() { return records.size(); }

    public Records records() { return records; }

    /**
     * The next record for {@code vu}. When a unique feeder has none left, the load ends (or is
     * aborted) with the reason, and the calling user's iteration stops there: it is neither a call
     * nor an error.
     */
    @Override
    public Object next(Vu vu) {
        long at = position(Source.position(vu, draws.getAndIncrement()));
        if (at < 0) {
            if (exhausted.compareAndSet(false, true)) {
                String reason = "feeder " + name + " handed out every record of " + records.describe() + " once (strategy unique)";
                vu.endLoad(whenExhausted == WhenExhausted.FAIL ? reason + ", and the plan wanted more (whenExhausted: fail)" : reason, whenExhausted == WhenExhausted.FAIL);
            }
            throw new VuStopped();
        }
        return records.get((int) at);
    }

    /** Draws are made with {@code feed(feeder)} in user code, which knows the user. */
    public Object next() {
        throw new IllegalStateException("draw a record of feeder " + name + " with feed(" + name + ") in user code");
    }

    /** {@link #get(long)} for Groovy's {@code feeder[i]}. */
    public Object getAt(long i) {
        return get(i);
    }

    /** Record {@code i}, counting round (a user's own record: {@code accounts[user]}). */
    public Object get(long i) {
        return records.get((int) Math.floorMod(i, (long) records.size()));
    }

    /** The record for the run's draw {@code position}, or -1 when a unique feeder has none left. */
    long position(long position) {
        int n = records.size();
        return switch (strategy) {
            case CIRCULAR -> position % n;
            case UNIQUE -> position < n ? position : -1;
            case RANDOM -> Long.remainderUnsigned(mix(seed ^ (position * 0x9E3779B97F4A7C15L)), n);
            case SHUFFLE -> permute(position % n, n, mix(seed + position / n));
        };
    }

    /** SplitMix64's finaliser: a well-mixed 64-bit value from any input. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /**
     * Position {@code i} of a seeded order of {@code 0..n-1}: a four-round Feistel network over the
     * smallest even number of bits that holds {@code n}, walked until it lands below {@code n} (a
     * permutation of the wider range restricted to {@code 0..n-1} is one of {@code 0..n-1}). No table:
     * a file of a billion records shuffles in no memory.
     */
    static long permute(long i, long n, long key) {
        int bits = Math.max(2, 64 - Long.numberOfLeadingZeros(n - 1));
        if ((bits & 1) == 1) bits++;
        int half = bits / 2;
        long mask = (1L << half) - 1;
        long x = i;
        do {
            long l = x >>> half;
            long r = x & mask;
            for (int round = 0; round < 4; round++) {
                long f = mix(r ^ key ^ ((long) round << 56)) & mask;
                long t = r;
                r = l ^ f;
                l = t;
            }
            x = (l << half) | r;
        } while (x >= n);
        return x;
    }

    @Override
    public String toString() {
        return "feeder " + name + ": " + records.describe() + ", " + strategy.word();
    }
}
