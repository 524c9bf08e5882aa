package io.barrage.engine.format;

import java.time.Duration;

/** Formats and parses durations the way barrage prints and reads them: {@code 250ms}, {@code 10s}, {@code 2m}, {@code 1h30m}. */
public final class Durations {
    private Durations() {}

    /** Short human form: 1h30m, 2m, 10s, 1.5s, 250ms, 80µs. */
    public static String format(Duration d) {
        if (d == null) return "-";
        long nanos = d.toNanos();
        String sign = nanos < 0 ? "-" : "";
        nanos = Math.abs(nanos);
        if (nanos == 0) return "0s";
        if (nanos < 1_000_000L) return sign + trim(nanos / 1e3) + "µs";
        if (nanos < 1_000_000_000L) return sign + trim(nanos / 1e6) + "ms";
        long totalSeconds = nanos / 1_000_000_000L;
        long subNanos = nanos % 1_000_000_000L;
        if (totalSeconds < 60) return sign + trim(nanos / 1e9) + "s";
        long h = totalSeconds / 3600, m = (totalSeconds % 3600) / 60, s = totalSeconds % 60;
        StringBuilder b = new StringBuilder(sign);
        if (h > 0) b.append(h).append('h');
        if (m > 0) b.append(m).append('m');
        if (s > 0 || subNanos > 0) b.append(subNanos > 0 ? trim(s + subNanos / 1e9) : Long.toString(s)).append('s');
        return b.toString();
    }

    /** Clock form for progress lines: {@code 01:05} or {@code 1:02:03}. */
    public static String clock(long nanos) {
        long s = Math.max(0, nanos) / 1_000_000_000L;
        return s >= 3600 ? String.format("%d:%02d:%02d", s / 3600, (s % 3600) / 60, s % 60)
                         : String.format("%02d:%02d", s / 60, s % 60);
    }

    /**
     * Parses {@code 250ms}, {@code 10s}, {@code 1.5s}, {@code 2m}, {@code 2min}, {@code 1h}, {@code 1h30m}, {@code 80us}.
     *
     * @throws IllegalArgumentException with a one-line message naming the text when it is not a duration
     */
    public static Duration parse(String text) {
        String s = text.trim();
        if (s.isEmpty()) throw new IllegalArgumentException("'' is not a duration (examples: 250ms, 10s, 2m, 1h30m)");
        long total = 0;
        int i = 0;
        boolean any = false;
        while (i < s.length()) {
            int start = i;
            while (i < s.length() && (Character.isDigit(s.charAt(i)) || s.charAt(i) == '.')) i++;
            if (start == i) throw bad(text);
            double value;
            try {
                value = Double.parseDouble(s.substring(start, i));
            } catch (NumberFormatException e) {
                throw bad(text);
            }
            int unitStart = i;
            while (i < s.length() && !Character.isDigit(s.charAt(i))) i++;
            String unit = s.substring(unitStart, i).trim();
            double factor = switch (unit) {
                case "ns" -> 1;
                case "us", "µs" -> 1e3;
                case "ms" -> 1e6;
                case "s", "sec" -> 1e9;
                case "m", "min" -> 60e9;
                case "h" -> 3600e9;
                default -> throw bad(text);
            };
            total += Math.round(value * factor);
            any = true;
        }
        if (!any) throw bad(text);
        return Duration.ofNanos(total);
    }

    private static IllegalArgumentException bad(String text) {
        return new IllegalArgumentException("'" + text + "' is not a duration (examples: 250ms, 10s, 2m, 1h30m)");
    }

    private static String trim(double v) {
        if (v == Math.rint(v)) return Long.toString((long) v);
        String s = String.format("%.3f", v);
        s = s.replaceAll("0+$", "");
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }
}
