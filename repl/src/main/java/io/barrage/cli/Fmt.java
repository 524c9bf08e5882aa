package io.barrage.cli;

import io.barrage.engine.format.Durations;
import java.time.Duration;
import java.util.Locale;

/** Number formatting for the console: three significant digits, units that read at a glance. */
final class Fmt {
    private Fmt() {}

    /** Milliseconds as {@code 0.412ms}, {@code 8.13ms}, {@code 81.3ms}, {@code 812ms}, {@code 1.82s}; {@code -} for none. */
    static String ms(Double ms) {
        if (ms == null || ms.isNaN()) return "-";
        double v = ms;
        if (v < 1) return String.format(Locale.ROOT, "%.3fms", v);
        if (v < 10) return String.format(Locale.ROOT, "%.2fms", v);
        if (v < 100) return String.format(Locale.ROOT, "%.1fms", v);
        if (v < 1000) return String.format(Locale.ROOT, "%.0fms", v);
        if (v < 10_000) return String.format(Locale.ROOT, "%.2fs", v / 1000);
        return String.format(Locale.ROOT, "%.1fs", v / 1000);
    }

    /** A rate or count with up to one decimal: {@code 199.8}, {@code 2000}, {@code 12.5k} above 100 000. */
    static String num(double v) {
        if (Double.isNaN(v)) return "-";
        if (Math.abs(v) >= 100_000) return String.format(Locale.ROOT, "%.1fk", v / 1000);
        if (v == Math.rint(v)) return String.format(Locale.ROOT, "%d", (long) v);
        if (Math.abs(v) >= 100) return String.format(Locale.ROOT, "%.0f", v);
        String s = String.format(Locale.ROOT, "%.1f", v);
        return s.endsWith(".0") ? s.substring(0, s.length() - 2) : s;   // 19.99 reads 20, as 20 does
    }

    static String count(long v) {
        return String.format(Locale.ROOT, "%,d", v).replace(',', ' ');
    }

    /** A fraction as a percentage: {@code 0.0%}, {@code 1.25%}. */
    static String pct(double fraction) {
        double p = fraction * 100;
        if (p == 0) return "0%";
        if (p < 0.01) return "<0.01%";
        if (p < 10) return String.format(Locale.ROOT, "%.2f%%", p);
        return String.format(Locale.ROOT, "%.1f%%", p);
    }

    /** Seconds to a tenth: {@code 15s}, {@code 2.5s}, {@code 1m30s}. */
    static String seconds(double s) {
        return Durations.format(Duration.ofMillis(Math.round(s * 10) * 100));
    }

    static String pad(String s, int width) {
        if (s.length() >= width) return s;
        return s + " ".repeat(width - s.length());
    }

    static String padLeft(String s, int width) {
        if (s.length() >= width) return s;
        return " ".repeat(width - s.length()) + s;
    }
}
