package io.barrage.balance;

import io.barrage.engine.analysis.Analysis;
import io.barrage.engine.format.Durations;
import io.barrage.engine.format.Numbers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Watches one scenario's balance score interval by interval: a score under the threshold for the
 * configured time is an imbalance event (once, naming the backend that gets least); going back over
 * the threshold is a recovery event. Reporter thread only.
 */
final class BalanceWatch implements Analysis.Watch {
    private final Balance config;
    private long belowSince = Long.MIN_VALUE;
    private boolean reported;
    private int imbalances;

    /** An event to emit. */
    record Event(String message, Map<String, Object> data, boolean imbalance) {}

    BalanceWatch(Balance config) {
        this.config = config;
    }

    int imbalances() {
        return imbalances;
    }

    @Override
    public Analysis.Finding observe(long from, long to, double score, Map<String, Map<String, Long>> interval) {
        Event e = step(from, to, score, interval.getOrDefault(Balance.TALLY, Map.of()));
        return e == null ? null : new Analysis.Finding(e.message(), e.data());
    }

    /**
     * One interval, from {@code from} to {@code to} (nanoTime), with its score and counts.
     *
     * @return the event this interval causes, or null
     */
    Event step(long from, long to, double score, Map<String, Long> counts) {
        if (Double.isNaN(score)) return null;
        if (score < config.threshold()) {
            if (belowSince == Long.MIN_VALUE) belowSince = from;
            if (!reported && to - belowSince >= config.sustain().toNanos()) {
                reported = true;
                imbalances++;
                Map<String, Object> data = new LinkedHashMap<>();
                data.put("score", Math.round(score * 10000) / 10000.0);
                data.put("threshold", config.threshold());
                data.put("backends", Map.copyOf(counts));
                return new Event("imbalance: balance " + pct(score) + " under " + pct(config.threshold()) + " for "
                        + Durations.format(Duration.ofNanos(to - belowSince)) + least(counts), data, true);
            }
        } else {
            belowSince = Long.MIN_VALUE;
            if (reported) {
                reported = false;
                return new Event("balance recovered: " + pct(score) + " (threshold " + pct(config.threshold()) + ")",
                        Map.of("score", Math.round(score * 10000) / 10000.0), false);
            }
        }
        return null;
    }

    /** ": b3 got 0 of 1200 calls (fair share 300)". */
    private String least(Map<String, Long> counts) {
        List<String> keys = new ArrayList<>(config.withExpected(counts).keySet());
        long total = 0;
        double weights = 0;
        for (String k : keys) {
            total += counts.getOrDefault(k, 0L);
            weights += config.weights().getOrDefault(k, 1.0);
        }
        String worst = null;
        double worstRatio = Double.MAX_VALUE;
        for (String k : keys) {
            double ratio = counts.getOrDefault(k, 0L) / config.weights().getOrDefault(k, 1.0);
            if (ratio < worstRatio) {
                worstRatio = ratio;
                worst = k;
            }
        }
        if (worst == null || total == 0) return "";
        double fair = total * config.weights().getOrDefault(worst, 1.0) / weights;
        return ": " + worst + " got " + counts.getOrDefault(worst, 0L) + " of " + total + " calls (fair share " + Math.round(fair) + ")";
    }

    private static String pct(double v) {
        return Numbers.format(Math.round(v * 1000) / 10.0) + "%";
    }
}
