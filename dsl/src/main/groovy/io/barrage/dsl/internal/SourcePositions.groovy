package io.barrage.dsl.internal

import groovy.transform.CompileStatic

/**
 * The statement a script is executing, for messages about the records it builds. The script
 * compiler inserts a call to {@link #at} before every statement of the script's configuration
 * blocks (not of user code, which runs on the hot path).
 */
@CompileStatic
final class SourcePositions {
    private SourcePositions() {}

    private static final ThreadLocal<Pos> CURRENT = new ThreadLocal<>()

    /** Called by compiled scripts: {@code at(line, column, 'rate', line, column, ...)}. */
    static void at(int line, int column, Object... named) {
        Map<String, int[]> m = named.length == 0 ? Collections.<String, int[]>emptyMap() : new HashMap<String, int[]>()
        for (int i = 0; i + 2 < named.length; i += 3) {
            m.put((String) named[i], [(int) named[i + 1], (int) named[i + 2]] as int[])
        }
        CURRENT.set(new Pos(line, column, m))
    }

    static Pos current() {
        CURRENT.get()
    }

    static void clear() {
        CURRENT.remove()
    }
}
