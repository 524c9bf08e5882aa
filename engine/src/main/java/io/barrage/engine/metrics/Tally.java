package io.barrage.engine.metrics;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Calls of a scenario counted by a label, per phase slot — which backend answered each call, say —
 * what an {@link io.barrage.engine.analysis.Analysis} reads. Recording is a map lookup and an adder
 * increment; past {@link #MAX_LABELS} distinct labels the rest count as {@link #OTHER}, so a label
 * that is unique per call cannot grow memory without bound.
 */
public final class Tally {
    /** At most this many distinct labels are told apart. */
    public static final int MAX_LABELS = 1000;
    /** The label of everything past {@link #MAX_LABELS}. */
    public static final String OTHER = "(other)";

    private final String name;
    private final ScenarioMetrics owner;
    private final ConcurrentHashMap<String, LongAdder[]> counts = new ConcurrentHashMap<>();
    // Reporter-owned: the totals at the last tick, to take interval differences.
    private final Map<String, Long> seen = new LinkedHashMap<>();

    Tally(String name, ScenarioMetrics owner) {
        this.name = name;
        this.owner = owner;
    }

    public String name() {
        return name;
    }

    /** One call labelled {@code label}, in the scenario's current phase slot. */
    public void record(String label) {
        LongAdder[] a = counts.get(label);
        if (a == null) {
            String key = counts.size() >= MAX_LABELS ? OTHER : label;
            a = counts.computeIfAbsent(key, k -> newSlots());
        }
        a[owner.slot()].increment();
    }

    private LongAdder[] newSlots() {
        LongAdder[] a = new LongAdder[owner.slotCount()];
        for (int i = 0; i < a.length; i++) a[i] = new LongAdder();
        return a;
    }

    public boolean isEmpty() {
        return counts.isEmpty();
    }

    /** Counts by label over a slot, or over all load phases ({@code slot} −1), labels in order. */
    public Map<String, Long> totals(int slot) {
        Map<String, Long> out = new TreeMap<>();
        int from = slot >= 0 ? slot : 1, to = slot >= 0 ? slot : owner.teardownSlot() - 1;
        counts.forEach((k, a) -> {
            long n = 0;
            for (int i = from; i <= to; i++) n += a[i].sum();
            if (n > 0) out.put(k, n);
        });
        return out;
    }

    /** By label, the counts of load phases since the last call of this method (reporter thread only). */
    Map<String, Long> interval() {
        Map<String, Long> out = new TreeMap<>();
        for (Map.Entry<String, Long> e : totals(-1).entrySet()) {
            long before = seen.getOrDefault(e.getKey(), 0L);
            seen.put(e.getKey(), e.getValue());
            if (e.getValue() > before) out.put(e.getKey(), e.getValue() - before);
        }
        return out;
    }
}
