package io.barrage.engine.summary;

import org.HdrHistogram.Histogram;

/** Percentiles of a timing, in milliseconds (histograms hold microseconds, 3 significant digits). */
public record Percentiles(long count, double min, double mean, double p50, double p90, double p95, double p99,
                          double p999, double max) {

    /** The percentiles of a histogram of microseconds, or null if it is empty. */
    public static Percentiles of(Histogram h) {
        if (h == null || h.getTotalCount() == 0) return null;
        return new Percentiles(h.getTotalCount(), ms(h.getMinValue()), round(h.getMean() / 1000.0),
                ms(h.getValueAtPercentile(50)), ms(h.getValueAtPercentile(90)), ms(h.getValueAtPercentile(95)),
                ms(h.getValueAtPercentile(99)), ms(h.getValueAtPercentile(99.9)), ms(h.getMaxValue()));
    }

    /** The value of a stat: 50, 90, 95, 99, 99.9 as percentiles; 100 is max; -1 is the mean. */
    public double at(double percentile) {
        if (percentile == 50) return p50;
        if (percentile == 90) return p90;
        if (percentile == 95) return p95;
        if (percentile == 99) return p99;
        if (percentile == 99.9) return p999;
        if (percentile == 100) return max;
        if (percentile == -1) return mean;
        throw new IllegalArgumentException("no stored percentile " + percentile);
    }

    private static double ms(long micros) {
        return round(micros / 1000.0);
    }

    private static double round(double v) {
        return Math.round(v * 1000.0) / 1000.0;
    }
}
