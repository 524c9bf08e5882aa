package io.barrage.dsl.internal

import groovy.transform.CompileStatic

/**
 * A compiled script's classes are named after a hash of its text ({@code BarrageScript_3958cb…}),
 * so their stack frames name that file. When user code throws, its frames are renamed to the
 * script's own file, so that results, warnings and {@code --verbose} traces name the script's line
 * ({@code checkout.groovy:12}). The exception itself is kept: only its trace is rewritten.
 */
@CompileStatic
final class ScriptFrames {
    private ScriptFrames() {}

    /**
     * Renames, in {@code t} and its causes, the frames of the script that {@code closure} belongs
     * to, to {@code file}'s name; returns {@code t}.
     */
    static Throwable named(Throwable t, Closure closure, String file) {
        String cls = closure.getClass().name
        int dollar = cls.indexOf('$')
        String generated = (dollar < 0 ? cls : cls.substring(0, dollar)) + '.groovy'
        String base = file.replace('\\', '/')
        base = base.substring(base.lastIndexOf('/') + 1)
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<Throwable, Boolean>())
        for (Throwable x = t; x != null && seen.add(x); x = x.cause) rename(x, generated, base)
        t
    }

    /**
     * {@code file:line} of the script's code that is running now (the innermost frame of a compiled
     * script on this thread's stack), or null; for mistakes found while a script runs.
     */
    static String here(String file) {
        if (file == null) return null
        StackTraceElement at = new Throwable().stackTrace.find { StackTraceElement e -> e.className.startsWith('BarrageScript_') && e.lineNumber > 0 }
        at == null ? null : "${file}:${at.lineNumber}".toString()
    }

    private static void rename(Throwable t, String generated, String base) {
        StackTraceElement[] trace = t.stackTrace
        boolean changed = false
        for (int i = 0; i < trace.length; i++) {
            StackTraceElement e = trace[i]
            if (generated == e.fileName) {
                trace[i] = new StackTraceElement(e.classLoaderName, e.moduleName, e.moduleVersion, e.className, e.methodName,
                        base, e.lineNumber)
                changed = true
            }
        }
        if (changed) t.stackTrace = trace
    }
}
