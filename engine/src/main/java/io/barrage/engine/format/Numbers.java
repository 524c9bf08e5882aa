package io.barrage.engine.format;

import java.util.Locale;

/** How the engine prints a number in messages: whole numbers as such, others to at most 3 decimals. */
public final class Numbers {
    private Numbers() {}

    public static String format(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) return Long.toString((long) v);
        String s = String.format(Locale.ROOT, "%.3f", v).replaceAll("0+$", "");
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }
}
