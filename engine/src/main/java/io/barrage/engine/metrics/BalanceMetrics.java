package io.barrage.engine.metrics;

import io.barrage.engine.model.Balance;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Calls per backend, per phase slot of a scenario: what balance analysis reads. Recording is a map
 * lookup and an adder increment; past {@link Balance#MAX_BACKENDS} distinct names, the rest count as
 * {@code (other)} so a header that is unique per response cannot grow memory without bound.
 */
public final class BalanceMetrics {
    public static final String OTHER = "(other)";
    private final ScenarioMetrics owner;
    private final ConcurrentHashMap<String, LongAdder[]> counts = new ConcurrentHashMap<>();
    // Reporter-owned: the totals at the last tick, to take interval differences.
    private final Map<String, Long> seen = new LinkedHashMap<>();

    BalanceMetrics(ScenarioMetrics owner) {
        this.owner = owner;
    }

    /** One call answered by {@code backend}, in the scenario's current phase slot. */
    public void record(String backend) {
        LongAdder[] a = counts.get(backend);
        if (a == null) {
            String key = counts.size() >= Balance.MAX_BACKENDS ? OTHER : backend;
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

    /** Totals per backend over a slot, or over all load phases ({@code slot} −1), in first-seen order by name. */
    public Map<String, Long> totals(int slot) {
        Map<String, Long> out = new java.util.TreeMap<>();
        int from = slot >= 0 ? slot : 1, to = slot >= 0 ? slot : owner.teardownSlot() - 1;
        counts.forEach((k, a) -> {
            long n = 0;
            for (int i = from; i <= to; i++) n += a[i].sum();
            if (n > 0) out.put(k, n);
        });
        return out;
    }

    /** Per backend, the calls of load phases since the last call of this method (reporter thread only). */
    Map<String, Long> interval() {
        Map<String, Long> out = new java.util.TreeMap<>();
        for (Map.Entry<String, Long> e : totals(-1).entrySet()) {
            long before = seen.getOrDefault(e.getKey(), 0L);
            seen.put(e.getKey(), e.getValue());
            if (e.getValue() > before) out.put(e.getKey(), e.getValue() - before);
        }
        return out;
    }
}
