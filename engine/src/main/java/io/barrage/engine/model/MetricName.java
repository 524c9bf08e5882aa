package io.barrage.engine.model;

import java.util.regex.Pattern;

/** The rule for the names of a protocol's timings and counters ({@code ttft}, {@code tokens}), checked where they are recorded and where they are judged. */
public final class MetricName {
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,63}");

    private MetricName() {}

    /** Why {@code name} cannot name a timing or counter ({@code what}), or null when it can. */
    public static String problem(String name, String what) {
        if (name == null || !NAME.matcher(name).matches()) {
            return "'" + name + "' is not a " + what + " name (lower-case letters, digits and '_', starting with a letter)";
        }
        if (name.equals("latency") || name.equals("service") || name.equals("lag")) {
            return "'" + name + "' is one of the three timings every call has; name a " + what + " of your own";
        }
        return null;
    }
}
