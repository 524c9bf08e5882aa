package io.barrage.cli;

import io.barrage.engine.format.Durations;
import io.barrage.engine.pattern.LoadModel;
import io.barrage.engine.model.Phase;
import io.barrage.engine.model.Scenario;
import io.barrage.engine.run.TestPlan;
import io.barrage.engine.pattern.Arrivals;
import io.barrage.engine.pattern.Pattern;
import java.time.Duration;
import java.util.List;

/** Draws the load a plan asks for over time, with its phase boundaries, in the terminal. */
final class PlanChart {
    private static final char[] BLOCKS = {' ', '▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'};

    private PlanChart() {}

    static String render(TestPlan plan, int width, int height) {
        StringBuilder b = new StringBuilder();
        for (Scenario sc : plan.scenarios()) {
            b.append(scenario(sc, width, height)).append('\n');
        }
        return b.toString();
    }

    static String scenario(Scenario sc, int width, int height) {
        StringBuilder b = new StringBuilder();
        long total = sc.durationNanos();
        boolean open = sc.model() == LoadModel.OPEN;
        b.append("scenario ").append(sc.name()).append(" — ").append(open ? "open model, arrivals per second" : "closed model, users")
         .append(", ").append(Durations.format(Duration.ofNanos(total))).append('\n');
        double[] col = new double[width];
        double max = 0;
        for (int c = 0; c < width; c++) {
            long from = total * c / width, to = total * (c + 1) / width;
            double v = 0;
            for (int k = 0; k <= 8; k++) v = Math.max(v, sc.valueAt(Math.min(total - 1, from + (to - from) * k / 8)));
            col[c] = v;
            max = Math.max(max, v);
        }
        double top = niceCeiling(max);
        String topLabel = Fmt.num(top), midLabel = Fmt.num(top / 2);
        int labelWidth = Math.max(topLabel.length(), Math.max(midLabel.length(), 1));
        for (int row = height - 1; row >= 0; row--) {
            String label = row == height - 1 ? topLabel : row == (height - 1) / 2 ? midLabel : "";
            b.append(Fmt.padLeft(label, labelWidth)).append(" ┤");
            for (int c = 0; c < width; c++) {
                double eighths = top <= 0 ? 0 : col[c] / top * height * 8;
                int cell = (int) Math.round(eighths) - row * 8;
                b.append(BLOCKS[Math.max(0, Math.min(8, cell))]);
            }
            b.append('\n');
        }
        // axis with phase boundaries
        char[] axis = new char[width];
        java.util.Arrays.fill(axis, '─');
        long start = 0;
        int[] marks = new int[sc.phases().size()];
        for (int i = 0; i < sc.phases().size(); i++) {
            int c = (int) Math.min(width - 1, start * width / Math.max(1, total));
            marks[i] = c;
            axis[c] = '┬';
            start += sc.phases().get(i).durationNanos();
        }
        b.append(Fmt.padLeft("0", labelWidth)).append(" ┼").append(axis).append('\n');
        // phase names under their marks, as far as they fit
        char[] names = new char[width + 40];
        java.util.Arrays.fill(names, ' ');
        int free = 0;
        for (int i = 0; i < marks.length; i++) {
            String n = sc.phases().get(i).name();
            int at = Math.max(marks[i], free);
            if (at + n.length() > names.length) break;
            n.getChars(0, n.length(), names, at);
            free = at + n.length() + 1;
        }
        b.append(" ".repeat(labelWidth + 2)).append(new String(names).stripTrailing()).append('\n');
        b.append('\n');
        Table t = new Table("  ", "phase", "from", "to", "pattern");
        start = 0;
        for (Phase p : sc.phases()) {
            long end = start + p.durationNanos();
            t.row(p.name(), Durations.format(Duration.ofNanos(start)), Durations.format(Duration.ofNanos(end)), describe(p));
            start = end;
        }
        b.append(t.render());
        if (open) {
            List<Pattern> patterns = sc.phases().stream().map(Phase::pattern).toList();
            b.append("  ≈ ").append(Fmt.count(Arrivals.expectedCount(patterns))).append(" arrivals in all, peak ")
             .append(Fmt.num(max)).append("/s\n");
        } else {
            b.append("  peak ").append(Fmt.num(max)).append(" users\n");
        }
        return b.toString();
    }

    private static String describe(Phase p) {
        String unit = p.model() == LoadModel.OPEN ? "/s" : " users";
        return p.pattern().describe() + " (" + unit.trim() + ")";
    }

    static double niceCeiling(double v) {
        if (v <= 0) return 1;
        double mag = Math.pow(10, Math.floor(Math.log10(v)));
        for (double m : new double[] {1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10}) {
            if (m * mag >= v) return m * mag;
        }
        return 10 * mag;
    }
}
