package io.barrage.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A request body with variables: {@code {{name}}} is replaced by a value given when the template is
 * rendered, {@code {{user.email}}} by a map's entry within a map. Values from feeders, generators,
 * {@code shared} and the session are passed in one map. In a JSON template ({@code .json}) each value
 * is written JSON-escaped (quotes, backslashes, control characters), so a name holding a quote keeps
 * the body valid; the template says where the quotes go. Parsed once, when the script loads.
 */
public final class Template {
    private final String name;
    private final boolean json;
    /** Literal, variable, literal, … literal. */
    private final String[] literals;
    private final String[][] paths;
    private final int[] lines;

    private Template(String name, boolean json, List<String> literals, List<String[]> paths, List<Integer> lines) {
        this.name = name;
        this.json = json;
        this.literals = literals.toArray(String[]::new);
        this.paths = paths.toArray(String[][]::new);
        this.lines = lines.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * Parses {@code text}; {@code name} names it in messages (its file). A {@code {{} with no {@code
     * }}} or an empty name is a {@link DataFileException} at its line and column.
     */
    public static Template parse(String name, String text, boolean json) {
        List<String> literals = new ArrayList<>();
        List<String[]> paths = new ArrayList<>();
        List<Integer> lines = new ArrayList<>();
        int at = 0;
        while (true) {
            int open = text.indexOf("{{", at);
            if (open < 0) break;
            int close = text.indexOf("}}", open + 2);
            int line = 1 + (int) text.substring(0, open).chars().filter(c -> c == '\n').count();
            int column = open - text.lastIndexOf('\n', open - 1);
            if (close < 0) throw new DataFileException(name, line, column, "{{ with no }}");
            String var = text.substring(open + 2, close).strip();
            if (var.isEmpty() || !var.matches("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)*")) {
                throw new DataFileException(name, line, column, "{{" + var + "}}: a variable is a name, or names joined by dots ({{user.email}})");
            }
            literals.add(text.substring(at, open));
            paths.add(var.split("\\."));
            lines.add(line);
            at = close + 2;
        }
        literals.add(text.substring(at));
        return new Template(name, json, literals, paths, lines);
    }

    /** The variables the template uses, in order ({@code user.email} as written). */
    public List<String> variables() {
        List<String> out = new ArrayList<>();
        for (String[] p : paths) out.add(String.join(".", p));
        return out;
    }

    /** The body with each variable replaced from {@code values}; one missing is an {@link IllegalArgumentException} naming it and its line. */
    public String render(Map<?, ?> values) {
        StringBuilder b = new StringBuilder(literals[0].length() * 2 + 64);
        for (int i = 0; i < paths.length; i++) {
            b.append(literals[i]);
            Object v = values;
            for (String key : paths[i]) {
                if (!(v instanceof Map<?, ?> m) || !m.containsKey(key)) {
                    throw new IllegalArgumentException(name + ":" + lines[i] + ": {{" + String.join(".", paths[i]) + "}} has no value (given: "
                            + (v instanceof Map<?, ?> m2 ? String.join(", ", m2.keySet().stream().map(String::valueOf).sorted().toList()) : String.valueOf(v)) + ")");
                }
                v = m.get(key);
            }
            String s = String.valueOf(v);
            if (json) escape(s, b);
            else b.append(s);
        }
        return b.append(literals[paths.length]).toString();
    }

    private static void escape(String s, StringBuilder b) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) b.append(String.format("\\u%04x", (int) c));
                    else b.append(c);
                }
            }
        }
    }

    @Override
    public String toString() {
        return "template " + name;
    }
}
