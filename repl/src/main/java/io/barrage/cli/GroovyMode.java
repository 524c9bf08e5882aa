package io.barrage.cli;

import groovy.lang.Binding;
import groovy.lang.GroovyShell;
import java.io.PrintWriter;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.List;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.codehaus.groovy.control.CompilationFailedException;
import org.jline.reader.Candidate;
import org.jline.reader.ParsedLine;

/**
 * Groovy mode of the REPL: each complete expression is evaluated with the test bound as {@code run}
 * ({@link RunView}); variables persist between lines. A line with open brackets, braces or a
 * trailing operator waits for more (multi-line input). Completion offers the bound names, the
 * members of {@code run} and of {@code run.metrics}, and Groovy's keywords.
 */
final class GroovyMode {
    private static final List<String> KEYWORDS = List.of("def", "if", "else", "for", "while", "return", "true", "false", "null", "new", "in", "println");
    private final Binding binding = new Binding();
    private final GroovyShell shell = new GroovyShell(binding);
    private final PrintWriter out;
    private final StringBuilder pending = new StringBuilder();

    GroovyMode(Supplier<Steering> steering, PrintWriter out) {
        this.out = out;
        binding.setVariable("run", new RunView(steering));
        binding.setVariable("out", out);
    }

    boolean pending() {
        return !pending.isEmpty();
    }

    void reset() {
        pending.setLength(0);
    }

    void line(String line) {
        pending.append(line).append('\n');
        String code = pending.toString();
        if (open(code)) return;
        pending.setLength(0);
        if (code.isBlank()) return;
        // `def x = ...` at the start of a line would be local to this evaluation: make it a variable that stays
        code = code.replaceAll("(?m)^(\\s*)def\\s+([A-Za-z_][A-Za-z0-9_]*)\\s*=", "$1$2 =");
        try {
            Object v = shell.evaluate(code, "repl.groovy");
            if (v != null) out.println("=> " + v);
        } catch (CompilationFailedException e) {
            String m = e.getMessage();
            int i = m.indexOf("repl.groovy: ");
            out.println("error: " + (i >= 0 ? m.substring(i + "repl.groovy: ".length()) : m).lines().findFirst().orElse(m));
        } catch (Throwable t) {
            Throwable c = t instanceof java.lang.reflect.UndeclaredThrowableException u && u.getCause() != null ? u.getCause() : t;
            // an attached run out of reach says so as it always did: an IOException
            String kind = c instanceof java.io.UncheckedIOException ? "IOException" : c.getClass().getSimpleName();
            out.println("error: " + kind + (c.getMessage() == null ? "" : ": " + c.getMessage().lines().findFirst().orElse("")));
        }
    }

    /** True while brackets are open or the code ends with an operator or a backslash: more lines will come. */
    static boolean open(String code) {
        int depth = 0;
        char quote = 0;
        for (int i = 0; i < code.length(); i++) {
            char c = code.charAt(i);
            if (quote != 0) {
                if (c == '\\') i++;
                else if (c == quote) quote = 0;
                continue;
            }
            switch (c) {
                case '\'', '"' -> quote = c;
                case '(', '[', '{' -> depth++;
                case ')', ']', '}' -> depth--;
                default -> { }
            }
        }
        String t = code.strip();
        return depth > 0 || quote != 0 || t.endsWith("\\") || t.endsWith("+") || t.endsWith("-") || t.endsWith("*")
                || t.endsWith("&&") || t.endsWith("||") || t.endsWith(".") || t.endsWith(",") || t.endsWith("=");
    }

    void complete(ParsedLine line, List<Candidate> candidates) {
        String word = line.word().substring(0, Math.min(line.wordCursor(), line.word().length()));
        TreeSet<String> names = new TreeSet<>();
        if (word.startsWith("run.metrics.")) {
            members(RunView.Metrics.class, "run.metrics.", names);
        } else if (word.startsWith("run.")) {
            members(RunView.class, "run.", names);
        } else {
            for (Object k : binding.getVariables().keySet()) names.add(k.toString());
            names.addAll(KEYWORDS);
        }
        for (String n : names) if (n.startsWith(word)) candidates.add(new Candidate(n, n, null, null, null, null, !n.endsWith("(")));
    }

    private static void members(Class<?> type, String prefix, TreeSet<String> out) {
        for (Method m : type.getDeclaredMethods()) {
            if (!Modifier.isPublic(m.getModifiers()) || Modifier.isStatic(m.getModifiers()) || m.getName().equals("toString")) continue;
            String n = m.getName();
            if (n.startsWith("get") && n.length() > 3 && m.getParameterCount() == 0) {
                out.add(prefix + Character.toLowerCase(n.charAt(3)) + n.substring(4));
            } else {
                out.add(prefix + n + "(");
            }
        }
    }
}
