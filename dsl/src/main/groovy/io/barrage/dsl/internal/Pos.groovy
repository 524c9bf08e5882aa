package io.barrage.dsl.internal

import groovy.transform.CompileStatic

/** A place in a script: the statement's line and column, and where each of its named arguments begins. */
@CompileStatic
final class Pos {
    final int line
    final int column
    final Map<String, int[]> named

    Pos(int line, int column, Map<String, int[]> named) {
        this.line = line
        this.column = column
        this.named = named
    }

    /** The position of a named argument if known, else of the statement. */
    int[] of(String field) {
        int[] p = field == null ? null : named[field]
        p != null ? p : [line, column] as int[]
    }
}
