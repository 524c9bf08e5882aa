package io.barrage.cli;

import io.barrage.engine.model.Durations;
import io.barrage.engine.run.RunEvent;
import io.barrage.engine.run.RunListener;
import io.barrage.engine.summary.RunSummary;
import java.util.function.Consumer;

/** What a run of the REPL says on its own: phase changes, commands, warnings, the end. */
final class ReplEvents implements RunListener {
    private final Consumer<String> print;

    ReplEvents(Consumer<String> print) {
        this.print = print;
    }

    @Override
    public void onEvent(RunEvent e) {
        String mark = switch (e.type()) {
            case RunEvent.TYPE_PHASE -> "▸";
            case RunEvent.TYPE_CONTROL -> "⚙";
            case RunEvent.TYPE_WARNING, RunEvent.TYPE_GUARDRAIL, RunEvent.TYPE_BALANCE -> "!";
            case RunEvent.TYPE_SIM -> "⚡";
            default -> null;
        };
        if (mark == null) return;
        print.accept(Durations.clock(e.elapsedNanos()) + " " + mark + " " + (e.scenario() == null ? "" : e.scenario() + ": ") + e.message()
                + (e.type().equals(RunEvent.TYPE_CONTROL) ? " (" + e.origin() + ")" : ""));
    }

    @Override
    public void onEnd(RunSummary s) {
        print.accept("run ended: " + SummaryPrinter.verdict(s) + " · summary prints the table");
    }
}
