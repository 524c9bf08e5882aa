package io.barrage.cli;

import java.io.Console;

/** Whether standard output is a real terminal (where a progress line can be redrawn in place). */
final class Terminals {
    private Terminals() {}

    static boolean interactive() {
        if ("dumb".equals(System.getenv("TERM")) || System.getenv("CI") != null) return false;
        Console c = System.console();
        if (c == null) return false;
        try {
            // Console.isTerminal() exists from JDK 22; on 21 a non-null console means a terminal.
            return (Boolean) Console.class.getMethod("isTerminal").invoke(c);
        } catch (ReflectiveOperationException e) {
            return true;
        }
    }
}
