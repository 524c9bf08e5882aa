package io.barrage.engine.testing;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * What reaches the console while it is open: everything printed to System.out and System.err, and
 * every log record of the JDK's HTTP server that reaches the root logger's handlers (the console
 * handler among them, which may hold the System.err of before).
 */
public final class Console implements AutoCloseable {
    private final PrintStream out = System.out;
    private final PrintStream err = System.err;
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final List<String> logged = new CopyOnWriteArrayList<>();
    private final Logger root = Logger.getLogger("");
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord r) {
            if (r.getLoggerName() != null && r.getLoggerName().startsWith("com.sun.net.httpserver")) logged.add(r.getLevel() + ": " + r.getMessage());
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    };

    private Console() {
        PrintStream capture = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        root.addHandler(handler);
        System.setOut(capture);
        System.setErr(capture);
    }

    public static Console capture() {
        return new Console();
    }

    /** What was printed and logged so far, one line each. */
    public String seen() {
        StringBuilder b = new StringBuilder(bytes.toString(StandardCharsets.UTF_8));
        for (String l : logged) b.append("log ").append(l).append('\n');
        return b.toString();
    }

    @Override
    public void close() {
        System.setOut(out);
        System.setErr(err);
        root.removeHandler(handler);
    }
}
