package io.barrage.engine.compare;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How much a delta may move before it counts: percentiles and throughput relative (0.10 = 10 %),
 * the error rate in percentage points (0.005 = 0.5 points).
 */
public record Tolerances(double p50, double p95, double p99, double throughput, double errorRate) {
    public static final Tolerances DEFAULTS = new Tolerances(0.10, 0.10, 0.20, 0.05, 0.005);

    private static final List<String> NAMES = List.of("p50", "p95", "p99", "throughput", "errors");

    /**
     * These with {@code spec}'s changes: {@code p95=10%,p99=20%,throughput=5%,errors=0.5%} (a comma
     * list, or one per line in a file).
     *
     * @throws IllegalArgumentException naming the part that is wrong
     */
    public Tolerances with(String spec, String where) {
        Map<String, Double> v = new LinkedHashMap<>(Map.of("p50", p50, "p95", p95, "p99", p99, "throughput", throughput, "errors", errorRate));
        for (String part : spec.split("[,\\n]")) {
            String p = part.strip();
            if (p.isEmpty() || p.startsWith("#")) continue;
            int eq = p.indexOf('=');
            if (eq <= 0) throw new IllegalArgumentException(where + ": '" + p + "' is not NAME=PERCENT (such as p95=10%)");
            String name = p.substring(0, eq).strip();
            if (!NAMES.contains(name)) throw new IllegalArgumentException(where + ": unknown tolerance '" + name + "' (known: " + String.join(", ", NAMES) + ")");
            String value = p.substring(eq + 1).strip();
            if (!value.endsWith("%")) throw new IllegalArgumentException(where + ": " + name + "=" + value + " needs a percentage, such as 10%");
            try {
                double d = Double.parseDouble(value.substring(0, value.length() - 1)) / 100;
                if (d < 0 || Double.isNaN(d)) throw new NumberFormatException();
                v.put(name, d);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(where + ": " + name + "=" + value + " is not a percentage");
            }
        }
        return new Tolerances(v.get("p50"), v.get("p95"), v.get("p99"), v.get("throughput"), v.get("errors"));
    }

    /** These with a file's changes (NAME=PERCENT per line, # comments). */
    public Tolerances withFile(Path file) throws IOException {
        return with(Files.readString(file), file.toString());
    }
}
