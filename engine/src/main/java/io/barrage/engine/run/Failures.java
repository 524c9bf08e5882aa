package io.barrage.engine.run;

import java.util.Set;

/**
 * What user code that threw is called in results: its kind (the exception's simple class name),
 * one line of message, and the place in the user's own code that threw ({@code file:line}) — the
 * first stack frame in the script, not in barrage, Groovy or the JDK.
 */
final class Failures {
    private Failures() {}

    /** Frames of these packages are never the user's code. */
    private static final Set<String> FRAMEWORK = Set.of("java.", "javax.", "jdk.", "sun.", "com.sun.", "groovy.",
            "org.codehaus.groovy.", "org.apache.groovy.", "io.barrage.", "okhttp3.", "okio.", "kotlin.",
            "com.fasterxml.", "org.HdrHistogram.");

    /** The exception the user's code threw, out of the wrappers reflection and Groovy put around it. */
    static Throwable unwrap(Throwable t) {
        Throwable out = t;
        for (int i = 0; i < 5 && out.getCause() != null; i++) {
            String n = out.getClass().getName();
            boolean wrapper = n.equals("java.lang.reflect.InvocationTargetException")
                    || n.equals("java.lang.reflect.UndeclaredThrowableException")
                    || n.endsWith(".InvokerInvocationException");
            if (!wrapper) break;
            out = out.getCause();
        }
        return out;
    }

    /** The exception's simple class name. */
    static String kind(Throwable t) {
        return t.getClass().getSimpleName();
    }

    /** The first line of the exception's message, or null. */
    static String message(Throwable t) {
        String m = t.getMessage();
        return m == null || m.isBlank() ? null : m.lines().findFirst().orElse("").strip();
    }

    /** {@code Kind: message}. */
    static String describe(Throwable t) {
        String m = message(t);
        return kind(t) + (m == null ? "" : ": " + m);
    }

    /**
     * The place in the user's code that threw, as {@code file:line}: the first frame in
     * {@code script} (a path; frames carry its file name) when given, else the first frame outside
     * barrage, Groovy and the JDK; null when no frame has a line.
     */
    static String where(Throwable t, String script) {
        String base = script == null ? null : baseName(script);
        for (StackTraceElement e : t.getStackTrace()) {
            if (base != null && base.equals(e.getFileName()) && e.getLineNumber() > 0) return script + ":" + e.getLineNumber();
        }
        for (StackTraceElement e : t.getStackTrace()) {
            if (e.getFileName() == null || e.getLineNumber() <= 0 || framework(e.getClassName())) continue;
            return e.getFileName() + ":" + e.getLineNumber();
        }
        return null;
    }

    private static boolean framework(String className) {
        for (String p : FRAMEWORK) if (className.startsWith(p)) return true;
        return false;
    }

    private static String baseName(String path) {
        String n = path.replace('\\', '/');
        return n.substring(n.lastIndexOf('/') + 1);
    }
}
