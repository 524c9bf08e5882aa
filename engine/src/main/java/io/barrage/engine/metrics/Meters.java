package io.barrage.engine.metrics;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.DoubleSupplier;
import java.util.regex.Pattern;

/**
 * A run's named counters and gauges with labels, beside its latency histograms: what a protocol, a
 * resource or user code counts or measures that is not a call's timing (queue depth, a proxy's
 * state, tokens, simulated processes' series). Each reporter interval reads them all into its
 * {@link Tick}, so they reach every output and the summary with no change per kind.
 *
 * <p>Names and labels follow Prometheus' rules, so every output can carry them unchanged. A
 * counter only grows; a gauge is set, or read from a supplier at each interval. Recording never
 * blocks and never throws on a value: a negative count is ignored.
 */
public final class Meters {
    private static final Pattern NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Pattern LABEL = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");

    /** A counter or a gauge. */
    public enum Kind { COUNTER, GAUGE }

    private record Key(String name, Map<String, String> labels) {}

    private final Map<Key, Object> meters = new ConcurrentHashMap<>();
    private final Map<String, Kind> kinds = new ConcurrentHashMap<>();

    /** A count that only grows. */
    public static final class Counter {
        private final LongAdder count = new LongAdder();
        private long seen;

        private Counter() {}

        public void increment() {
            count.increment();
        }

        /** Adds {@code n}; a negative {@code n} is ignored (a counter never goes down). */
        public void add(long n) {
            if (n > 0) count.add(n);
        }

        public long value() {
            return count.sum();
        }
    }

    /** A value that goes up and down; NaN means unknown for now. */
    public static final class Gauge {
        private volatile double value = Double.NaN;
        private final DoubleSupplier read;

        private Gauge(DoubleSupplier read) {
            this.read = read;
        }

        public void set(double v) {
            value = v;
        }

        public double value() {
            if (read == null) return value;
            try {
                return read.getAsDouble();
            } catch (RuntimeException e) {
                return Double.NaN;
            }
        }
    }

    /**
     * The counter of this name and labels, made on first use.
     *
     * @throws IllegalArgumentException for a name or label that Prometheus would refuse, or a name in use as a gauge
     */
    public Counter counter(String name, Map<String, String> labels) {
        return (Counter) meters.computeIfAbsent(key(name, labels, Kind.COUNTER), k -> new Counter());
    }

    /** The gauge of this name and labels, made on first use; set it with {@link Gauge#set}. */
    public Gauge gauge(String name, Map<String, String> labels) {
        return (Gauge) meters.computeIfAbsent(key(name, labels, Kind.GAUGE), k -> new Gauge(null));
    }

    /** A gauge read from {@code read} at each interval (replacing one of the same name and labels). */
    public void gauge(String name, Map<String, String> labels, DoubleSupplier read) {
        meters.put(key(name, labels, Kind.GAUGE), new Gauge(read));
    }

    /**
     * Removes a series (a simulated process that ended, a queue that was dropped): from the next
     * interval on, no output shows it.
     *
     * @return true if it existed
     */
    public boolean remove(String name, Map<String, String> labels) {
        return meters.remove(new Key(name, sorted(labels))) != null;
    }

    /**
     * Every meter's value now, sorted by name then labels; for counters also the increase since
     * the previous snapshot (so call it from one place: the reporter).
     */
    public synchronized List<MeterValue> snapshot() {
        List<MeterValue> out = new ArrayList<>(meters.size());
        for (Map.Entry<Key, Object> e : meters.entrySet()) {
            Key k = e.getKey();
            if (e.getValue() instanceof Counter c) {
                long now = c.value();
                out.add(new MeterValue(k.name(), k.labels(), Kind.COUNTER, now, now - c.seen));
                c.seen = now;
            } else {
                out.add(new MeterValue(k.name(), k.labels(), Kind.GAUGE, ((Gauge) e.getValue()).value(), 0));
            }
        }
        out.sort(MeterValue.ORDER);
        return out;
    }

    /** True when nothing is registered. */
    public boolean isEmpty() {
        return meters.isEmpty();
    }

    private Key key(String name, Map<String, String> labels, Kind kind) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("'" + name + "' is not a metric name (letters, digits, '_' and ':', not starting with a digit)");
        }
        Kind before = kinds.putIfAbsent(name, kind);
        if (before != null && before != kind) {
            throw new IllegalArgumentException("'" + name + "' is a " + before.name().toLowerCase() + " already, not a " + kind.name().toLowerCase());
        }
        Map<String, String> l = sorted(labels);
        for (Map.Entry<String, String> e : l.entrySet()) {
            if (!LABEL.matcher(e.getKey()).matches() || e.getKey().startsWith("__")) {
                throw new IllegalArgumentException("metric '" + name + "': '" + e.getKey() + "' is not a label name (letters, digits and '_', not starting with a digit or '__')");
            }
            if (e.getValue() == null) throw new IllegalArgumentException("metric '" + name + "': label '" + e.getKey() + "' has no value");
        }
        return new Key(name, l);
    }

    private static Map<String, String> sorted(Map<String, String> labels) {
        return labels == null || labels.isEmpty() ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(labels));
    }
}
