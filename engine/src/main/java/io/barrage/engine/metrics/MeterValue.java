package io.barrage.engine.metrics;

import java.util.Comparator;
import java.util.Iterator;
import java.util.Map;

/**
 * One named counter or gauge as of an interval's end.
 *
 * @param name     its name (Prometheus' rules)
 * @param labels   its labels, sorted by name
 * @param kind     counter or gauge
 * @param value    a counter's total since the run started, or a gauge's value (NaN: unknown)
 * @param increase a counter's increase over the interval (0 for a gauge)
 */
public record MeterValue(String name, Map<String, String> labels, Meters.Kind kind, double value, double increase) {

    static final Comparator<MeterValue> ORDER = Comparator.comparing(MeterValue::name).thenComparing(MeterValue::labels, MeterValue::compareLabels);

    private static int compareLabels(Map<String, String> a, Map<String, String> b) {
        Iterator<Map.Entry<String, String>> i = a.entrySet().iterator(), j = b.entrySet().iterator();
        while (i.hasNext() && j.hasNext()) {
            Map.Entry<String, String> x = i.next(), y = j.next();
            int c = x.getKey().compareTo(y.getKey());
            if (c == 0) c = x.getValue().compareTo(y.getValue());
            if (c != 0) return c;
        }
        return Boolean.compare(i.hasNext(), j.hasNext());
    }
}
