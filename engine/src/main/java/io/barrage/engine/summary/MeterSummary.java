package io.barrage.engine.summary;

import io.barrage.engine.metrics.MeterValue;
import io.barrage.engine.metrics.Meters;
import java.util.List;
import java.util.Map;

/**
 * A named counter's total or a gauge's last value at the end of the run.
 *
 * @param kind  "counter" or "gauge"
 * @param value the total, or the last value; null for a gauge with no value
 */
public record MeterSummary(String name, Map<String, String> labels, String kind, Double value) {

    public static List<MeterSummary> of(List<MeterValue> values) {
        return values.stream().map(v -> new MeterSummary(v.name(), v.labels(), v.kind() == Meters.Kind.COUNTER ? "counter" : "gauge",
                Double.isFinite(v.value()) ? v.value() : null)).toList();
    }
}
