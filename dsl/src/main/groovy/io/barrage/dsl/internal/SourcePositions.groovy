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
    private static final ThreadLocal<List<Call>> CALLS = new ThreadLocal<>()

    /** An HTTP call written in the script with a relative path: {@code http.get('/x')} and its place. */
    static final class Call {
        final String text
        final int line
        final int column

        Call(String text, int line, int column) {
            this.text = text
            this.line = line
            this.column = column
        }
    }

    /** Called by compiled scripts: {@code at(line, column, 'rate', line, column, ...)}. */
    static void at(int line, int column, Object... named) {
        Map<String, int[]> m = named.length == 0 ? Collections.<String, int[]>emptyMap() : new HashMap<String, int[]>()
        for (int i = 0; i + 2 < named.length; i += 3) {
            m.put((String) named[i], [(int) named[i + 1], (int) named[i + 2]] as int[])
        }
        CURRENT.set(new Pos(line, column, m))
        CALLS.remove()
    }

    /** Called by compiled scripts after {@link #at}, before a user block: {@code calls('http.get(\'/x\')', line, column, ...)}. */
    static void calls(Object... triples) {
        List<Call> list = []
        for (int i = 0; i + 2 < triples.length; i += 3) list << new Call((String) triples[i], (int) triples[i + 1], (int) triples[i + 2])
        CALLS.set(list)
    }

    /** The HTTP calls with a relative path of the user block at the current statement. */
    static List<Call> relativeCalls() {
        List<Call> list = CALLS.get()
        list == null ? Collections.<Call>emptyList() : list
    }

    static Pos current() {
        CURRENT.get()
    }

    static void clear() {
        CURRENT.remove()
        CALLS.remove()
    }
}
