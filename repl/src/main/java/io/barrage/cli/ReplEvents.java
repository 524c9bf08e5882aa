package io.barrage.cli;

import io.barrage.engine.output.RunEvent;
import io.barrage.engine.output.Output;
import io.barrage.engine.summary.RunSummary;
import java.util.function.Consumer;

/** What a run of the REPL says on its own: phase changes, commands, warnings, the end. */
final class ReplEvents implements Output {
    private final Consumer<String> print;

    ReplEvents(Consumer<String> print) {
        this.print = print;
    }

    @Override
    public void onEvent(RunEvent e) {
        String line = ConsoleReporter.eventLine(e);
        if (line != null) print.accept(line);
    }

    @Override
    public void onEnd(RunSummary s) {
        print.accept("run ended: " + SummaryPrinter.verdict(s) + " · summary prints the table");
    }
}
