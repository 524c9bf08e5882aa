package io.barrage.engine.compare;

import java.util.List;
import java.util.Locale;

/** A {@link Comparison.Result} as text for a terminal, Markdown for a pull request, or an HTML page. */
public final class ComparisonFormat {
    private ComparisonFormat() {}

    private static final List<String> HEAD = List.of("scenario", "row", "metric", "base", "candidate", "delta", "interval", "tolerance", "verdict");

    public static String text(Comparison.Result r) {
        List<List<String>> rows = cells(r);
        int[] w = new int[HEAD.size()];
        for (int i = 0; i < w.length; i++) w[i] = HEAD.get(i).length();
        for (List<String> row : rows) for (int i = 0; i < w.length; i++) w[i] = Math.max(w[i], row.get(i).length());
        StringBuilder b = new StringBuilder();
        b.append("base       ").append(r.base()).append('\n').append("candidate  ").append(r.candidate()).append('\n')
                .append(String.format(Locale.ROOT, "intervals  %.0f%% (bootstrap of the recorded histograms for percentiles)%n%n", r.confidence() * 100));
        line(b, HEAD, w);
        for (List<String> row : rows) line(b, row, w);
        b.append('\n').append("verdict: ").append(r.verdict().words.toUpperCase(Locale.ROOT)).append(summaryLine(r)).append('\n');
        return b.toString();
    }

    public static String markdown(Comparison.Result r) {
        StringBuilder b = new StringBuilder();
        b.append("### barrage compare: **").append(r.verdict().words).append("**").append(summaryLine(r)).append("\n\n");
        b.append("| ").append(String.join(" | ", HEAD)).append(" |\n|");
        for (int i = 0; i < HEAD.size(); i++) b.append(i < 2 || i == 2 ? "---|" : "---:|");
        b.append('\n');
        for (List<String> row : cells(r)) {
            b.append("| ");
            for (int i = 0; i < row.size(); i++) {
                String c = row.get(i).replace("|", "\\|");
                if (i == row.size() - 1 && c.equals(Comparison.Verdict.REGRESSION.words)) c = "**" + c + "**";
                b.append(c).append(i < row.size() - 1 ? " | " : " |\n");
            }
        }
        b.append(String.format(Locale.ROOT, "%nbase `%s` · candidate `%s` · %.0f%% intervals%n", r.base(), r.candidate(), r.confidence() * 100));
        return b.toString();
    }

    public static String html(Comparison.Result r) {
        StringBuilder b = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>barrage compare</title><style>"
                + "body{font:14px system-ui,sans-serif;margin:24px;color:#1d2433}table{border-collapse:collapse}th,td{padding:4px 10px;border-bottom:1px solid #e5e7eb;text-align:right}"
                + "th:nth-child(-n+3),td:nth-child(-n+3){text-align:left}.regression{color:#d64545;font-weight:600}.improvement{color:#1f9d55;font-weight:600}"
                + ".inconclusive{color:#c77c02}</style></head><body>\n");
        b.append("<h1>barrage compare: <span class=\"").append(cls(r.verdict())).append("\">").append(esc(r.verdict().words)).append("</span></h1>\n<p>")
                .append(esc("base " + r.base() + " · candidate " + r.candidate())).append(esc(summaryLine(r))).append("</p>\n<table><tr>");
        for (String h : HEAD) b.append("<th>").append(esc(h)).append("</th>");
        b.append("</tr>\n");
        for (List<String> row : cells(r)) {
            b.append("<tr>");
            for (int i = 0; i < row.size(); i++) {
                boolean verdict = i == row.size() - 1;
                b.append(verdict ? "<td class=\"" + row.get(i).replace(' ', '-') + "\">" : "<td>").append(esc(row.get(i))).append("</td>");
            }
            b.append("</tr>\n");
        }
        return b.append("</table></body></html>\n").toString();
    }

    private static String summaryLine(Comparison.Result r) {
        long regressions = r.rows().stream().flatMap(x -> x.deltas().stream()).filter(d -> d.verdict() == Comparison.Verdict.REGRESSION).count();
        long inconclusive = r.rows().stream().flatMap(x -> x.deltas().stream()).filter(d -> d.verdict() == Comparison.Verdict.INCONCLUSIVE).count();
        return " (" + r.rows().size() + " rows; " + regressions + " regressed, " + inconclusive + " inconclusive)";
    }

    private static List<List<String>> cells(Comparison.Result r) {
        return r.rows().stream().flatMap(row -> row.deltas().stream().map(d -> List.of(row.scenario(), row.kind() + " " + row.name(), d.metric(),
                value(d, d.base()), value(d, d.candidate()), delta(d, d.delta()),
                "[" + delta(d, d.low()) + ", " + delta(d, d.high()) + "]", "±" + (d.relative() ? pct(d.tolerance()) : points(d.tolerance())),
                d.verdict().words))).toList();
    }

    private static String value(Comparison.Delta d, double v) {
        if (d.metric().equals("throughput")) return String.format(Locale.ROOT, "%.1f/s", v);
        if (d.metric().equals("error rate")) return String.format(Locale.ROOT, "%.2f%%", v * 100);
        return String.format(Locale.ROOT, "%.2fms", v);
    }

    private static String delta(Comparison.Delta d, double v) {
        if (Double.isInfinite(v)) return v > 0 ? "+inf" : "-inf";
        return d.relative() ? String.format(Locale.ROOT, "%+.1f%%", v * 100) : String.format(Locale.ROOT, "%+.2fpt", v * 100);
    }

    private static String pct(double v) {
        return String.format(Locale.ROOT, "%.1f%%", v * 100);
    }

    private static String points(double v) {
        return String.format(Locale.ROOT, "%.2fpt", v * 100);
    }

    private static String cls(Comparison.Verdict v) {
        return v.words.replace(' ', '-');
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static void line(StringBuilder b, List<String> cells, int[] w) {
        for (int i = 0; i < cells.size(); i++) {
            String c = cells.get(i);
            boolean last = i == cells.size() - 1;
            if (last) b.append(c).append('\n');
            else b.append(i < 3 ? String.format("%-" + w[i] + "s", c) : String.format("%" + w[i] + "s", c)).append("  ");
        }
    }
}
