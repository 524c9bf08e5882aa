package io.barrage.engine.output;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One output as the command line names it: {@code NAME} or {@code NAME:key=value,key=value}
 * (for example {@code junit:file=out/junit.xml}). A value may hold {@code =} but not a comma.
 *
 * @param name    the output's registered name
 * @param options its settings, in the order given
 */
public record OutputSpec(String name, Map<String, String> options) {

    public OutputSpec {
        if (name == null || name.isBlank()) throw new IllegalArgumentException("an output needs a name");
        options = Collections.unmodifiableMap(new LinkedHashMap<>(options == null ? Map.of() : options));
    }

    /**
     * Parses {@code NAME[:key=value,...]}.
     *
     * @throws IllegalArgumentException with a one-line reason naming the spec
     */
    public static OutputSpec parse(String spec) {
        if (spec == null || spec.isBlank()) throw new IllegalArgumentException("an output needs a name, as NAME or NAME:key=value,...");
        String s = spec.trim();
        int colon = s.indexOf(':');
        String name = colon < 0 ? s : s.substring(0, colon).trim();
        if (name.isEmpty() || !name.matches("[a-z][a-z0-9-]*")) {
            throw new IllegalArgumentException("output '" + spec + "': the name must be lower-case letters, digits and '-', as NAME or NAME:key=value,...");
        }
        Map<String, String> options = new LinkedHashMap<>();
        if (colon >= 0) {
            String rest = s.substring(colon + 1);
            if (rest.isBlank()) throw new IllegalArgumentException("output '" + spec + "': nothing after ':' (write NAME or NAME:key=value,...)");
            for (String part : rest.split(",", -1)) {
                int eq = part.indexOf('=');
                if (eq <= 0) throw new IllegalArgumentException("output '" + spec + "': '" + part + "' is not key=value");
                String key = part.substring(0, eq).trim();
                if (options.put(key, part.substring(eq + 1).trim()) != null) {
                    throw new IllegalArgumentException("output '" + spec + "': '" + key + "' is given twice");
                }
            }
        }
        return new OutputSpec(name, options);
    }

    /** A setting, or {@code fallback} when not given. */
    public String option(String key, String fallback) {
        return options.getOrDefault(key, fallback);
    }

    /**
     * Refuses settings the output does not know, with "did you mean" where one is close.
     *
     * @throws IllegalArgumentException naming the first unknown setting and the known ones
     */
    public void onlyOptions(List<String> known) {
        for (String k : options.keySet()) {
            if (known.contains(k)) continue;
            String near = null;
            for (String c : known) if (distance(k, c) <= 2 && (near == null || distance(k, c) < distance(k, near))) near = c;
            throw new IllegalArgumentException("output '" + name + "': unknown setting '" + k + "'"
                    + (near != null ? "; did you mean '" + near + "'?" : "")
                    + (known.isEmpty() ? " (it takes none)" : " (known: " + String.join(", ", known) + ")"));
        }
    }

    @Override
    public String toString() {
        if (options.isEmpty()) return name;
        StringBuilder b = new StringBuilder(name).append(':');
        options.forEach((k, v) -> b.append(k).append('=').append(v).append(','));
        return b.substring(0, b.length() - 1);
    }

    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) prev[j] = j;
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1));
            }
            int[] t = prev; prev = cur; cur = t;
        }
        return prev[b.length()];
    }
}
