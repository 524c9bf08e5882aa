package io.barrage.engine.metrics;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Iterations whose user code threw, by kind (the exception's class) and place (the script line that
 * threw): counted apart from calls, so a failed iteration is never a request, a rate or a latency.
 * Recording threads never block; distinct kinds and places are kept up to {@link #MAX_KINDS}, more
 * are counted under one entry.
 */
public final class IterationErrors {
    /** Distinct (kind, place) entries kept; further ones are counted under {@link #OTHER}. */
    public static final int MAX_KINDS = 50;
    /** The kind of the entry that counts what exceeds {@link #MAX_KINDS}. */
    public static final String OTHER = "other";

    /** One kind of failure at one place: how often, and the first message seen. */
    public record Entry(String kind, String where, String message, long count) {}

    private static final class Counter {
        final String kind, where, message;
        final LongAdder count = new LongAdder();

        Counter(String kind, String where, String message) {
            this.kind = kind;
            this.where = where;
            this.message = message;
        }
    }

    private final ConcurrentHashMap<String, Counter> byPlace = new ConcurrentHashMap<>();

    /**
     * Counts one failed iteration.
     *
     * @param kind    what failed, such as the exception's simple class name
     * @param where   {@code file:line} of the user's code that threw, or null if unknown
     * @param message the failure in one line, or null
     */
    public void record(String kind, String where, String message) {
        String key = kind + '\u0000' + where;
        Counter c = byPlace.get(key);
        if (c == null) {
            if (byPlace.size() >= MAX_KINDS) {
                c = byPlace.computeIfAbsent(OTHER, k -> new Counter(OTHER, null, "more than " + MAX_KINDS + " kinds and places"));
            } else {
                c = byPlace.computeIfAbsent(key, k -> new Counter(kind, where, message));
            }
        }
        c.count.increment();
    }

    /** Every entry so far, the most frequent first. */
    public List<Entry> entries() {
        List<Entry> out = new ArrayList<>();
        for (Counter c : byPlace.values()) out.add(new Entry(c.kind, c.where, c.message, c.count.sum()));
        out.sort(Comparator.comparingLong(Entry::count).reversed().thenComparing(Entry::kind));
        return out;
    }
}
