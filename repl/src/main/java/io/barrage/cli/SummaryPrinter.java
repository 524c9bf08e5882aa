package io.barrage.cli;

import io.barrage.balance.Balance;
import io.barrage.balance.BalanceSummary;
import io.barrage.engine.results.Json;

import io.barrage.engine.summary.AssertionResult;
import io.barrage.engine.metrics.IterationErrors;
import io.barrage.engine.summary.GeneratorSummary;
import io.barrage.engine.summary.IterationErrorSummary;
import io.barrage.engine.summary.Percentiles;
import io.barrage.engine.summary.PhaseSummary;
import io.barrage.engine.summary.RunSummary;
import io.barrage.engine.summary.ScenarioSummary;
import io.barrage.engine.summary.Stats;
import io.barrage.engine.summary.StepSummary;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The end-of-run summary: per scenario, per phase, per step; each assertion ✓/✗ with its value; the verdict. */
final class SummaryPrinter {
    private SummaryPrinter() {}

    static String render(RunSummary s, Path resultsDir) {
        StringBuilder b = new StringBuilder();
        b.append('\n');
        for (ScenarioSummary sc : s.scenarios()) {
            b.append("scenario ").append(sc.name()).append(" — ").append(sc.model()).append(" model, ")
             .append(sc.info().getOrDefault("target", "?")).append(", http client ").append(sc.info().getOrDefault("http", "?")).append('\n');
            boolean open = sc.model().equals("open");
            Table phases = new Table("  ", "phase", "plan", "time", open ? "arrivals" : "iterations", open ? "dropped" : "",
                    "requests", "req/s", "errors", "p50", "p95", "p99", "max");
            for (PhaseSummary p : sc.phases()) {
                Stats st = p.stats();
                phases.row(p.name(), p.pattern(), Fmt.seconds(p.durationSeconds()), Fmt.count(p.iterations()),
                        open ? Fmt.count(p.dropped()) : "", Fmt.count(st.requests()), Fmt.num(st.rate()), Fmt.pct(st.errorRate()),
                        ms(st.latency(), 50), ms(st.latency(), 95), ms(st.latency(), 99), ms(st.latency(), 100));
            }
            Stats t = sc.total();
            phases.row("all", "", "", Fmt.count(sc.iterations()), open ? Fmt.count(sc.dropped()) : "", Fmt.count(t.requests()),
                    Fmt.num(t.rate()), Fmt.pct(t.errorRate()), ms(t.latency(), 50), ms(t.latency(), 95), ms(t.latency(), 99),
                    ms(t.latency(), 100));
            b.append(phases.render());
            Table steps = new Table("  ", "step", "requests", "req/s", "errors", "p50", "p95", "p99", "max", "service p99");
            for (StepSummary st : sc.steps()) {
                Stats x = st.stats();
                steps.row(st.name(), Fmt.count(x.requests()), Fmt.num(x.rate()), Fmt.pct(x.errorRate()), ms(x.latency(), 50),
                        ms(x.latency(), 95), ms(x.latency(), 99), ms(x.latency(), 100), ms(x.service(), 99));
            }
            if (!steps.isEmpty()) b.append('\n').append(steps.render());
            sc.analyses().forEach((name, section) -> b.append('\n').append(analysis(name, section)));
            if (!t.errorsByKind().isEmpty()) {
                b.append("  errors: ").append(t.errorsByKind().entrySet().stream()
                        .map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", "))).append('\n');
            }
            b.append(iterationErrors(sc));
            String achieved = sc.achieved() == null ? "-" : Fmt.pct(sc.achieved());
            b.append("  achieved ").append(achieved).append(" of the planned ").append(open ? "arrivals" : "users")
             .append(" · schedule lag p50 ").append(ms(sc.lag(), 50)).append(" p99 ").append(ms(sc.lag(), 99))
             .append(" max ").append(ms(sc.lag(), 100))
             .append(" · latency counts from each call's intended start (service p99 ").append(ms(t.service(), 99)).append(")\n\n");
        }
        GeneratorSummary g = s.generator();
        if (g != null) {
            b.append("generator: CPU ").append(Fmt.num(g.cpuSeconds())).append(" s (mean ").append(Fmt.num(g.cpuMean()))
             .append(", max ").append(Fmt.num(g.cpuMax())).append(" of ").append(g.cores()).append(" cores) · GC pauses ")
             .append(Fmt.num(g.gcPauseSeconds())).append(" s");
            if (g.scheduler() != null) b.append(" · ").append(g.scheduler());
            b.append('\n');
        }
        if (!s.assertions().isEmpty()) {
            b.append("\nassertions\n");
            Table a = new Table("  ", "", "", "");
            for (AssertionResult r : s.assertions()) {
                String who = s.scenarios().size() > 1 ? r.scenario() + ": " : "";
                a.row((r.passed() ? "✓ " : "✗ ") + who + r.text(), r.actual(), "");
            }
            String rendered = a.render();
            b.append(rendered.substring(rendered.indexOf('\n') + 1));
        }
        if (!s.warnings().isEmpty()) {
            b.append("\nwarnings\n");
            for (String w : s.warnings()) b.append("  ! ").append(w).append('\n');
        }
        b.append('\n');
        if (resultsDir != null) b.append("results: ").append(resultsDir).append('\n');
        b.append(verdict(s)).append('\n');
        return b.toString();
    }

    /** How many iterations threw, and the kinds and places most often: empty when none did. */
    static String iterationErrors(ScenarioSummary sc) {
        IterationErrorSummary f = sc.iterationErrors();
        if (f == null || f.count() == 0) return "";
        StringBuilder b = new StringBuilder();
        b.append("  iterations failed: ").append(Fmt.count(f.count())).append(" of ").append(Fmt.count(sc.iterations()))
         .append(" (").append(Fmt.pct(f.share())).append("), user code threw (not counted as requests)\n");
        int shown = 0;
        for (IterationErrors.Entry e : f.kinds()) {
            if (shown++ == MAX_KINDS) break;
            b.append("    ").append(e.where() == null ? "" : e.where() + ": ").append(e.kind()).append(" × ").append(Fmt.count(e.count()))
             .append(e.message() == null ? "" : " (first: " + e.message() + ")").append('\n');
        }
        if (f.kinds().size() > MAX_KINDS) {
            b.append("    … ").append(f.kinds().size() - MAX_KINDS).append(" more kinds and places in summary.json\n");
        }
        return b.toString();
    }

    private static final int MAX_KINDS = 5;

    /** An analysis' section: balance as a table, any other as its JSON on one line. */
    static String analysis(String name, Object section) {
        if (name.equals(Balance.NAME)) return balance(Json.MAPPER.convertValue(section, BalanceSummary.class));
        try {
            return "  " + name + " " + Json.MAPPER.writeValueAsString(section) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return "  " + name + " " + section + "\n";
        }
    }

    /** Calls per backend per phase, the share of each, and the balance score. */
    static String balance(BalanceSummary bs) {
        List<String> names = new ArrayList<>(bs.backends().keySet());
        List<String> header = new ArrayList<>();
        header.add("backends (" + bs.source() + ")");
        header.addAll(names);
        header.add("balance");
        Table t = new Table("  ", header.toArray(String[]::new));
        for (Map.Entry<String, BalanceSummary.Phase> e : bs.phases().entrySet()) {
            List<String> row = new ArrayList<>();
            row.add(e.getKey());
            for (String n : names) row.add(Fmt.count(e.getValue().backends().getOrDefault(n, 0L)));
            row.add(e.getValue().score() == null ? "-" : Fmt.pct(e.getValue().score()));
            t.row(row.toArray(String[]::new));
        }
        List<String> all = new ArrayList<>();
        all.add("all");
        for (String n : names) all.add(Fmt.count(bs.backends().get(n)));
        all.add(bs.score() == null ? "-" : Fmt.pct(bs.score()));
        t.row(all.toArray(String[]::new));
        List<String> share = new ArrayList<>();
        share.add("share");
        for (String n : names) share.add(Fmt.pct(bs.shares().getOrDefault(n, 0.0)));
        share.add("");
        t.row(share.toArray(String[]::new));
        String out = t.render();
        if (bs.imbalances() > 0) out += "  imbalance reported " + bs.imbalances() + (bs.imbalances() == 1 ? " time" : " times") + " (see events)\n";
        return out;
    }

    static String verdict(RunSummary s) {
        String what = switch (s.status()) {
            case "passed" -> "PASSED";
            case "failed" -> "FAILED";
            case "aborted" -> "ABORTED";
            default -> "ERROR";
        };
        return what + " in " + Fmt.seconds(s.durationSeconds()) + (s.reason() == null ? "" : ": " + s.reason())
                + " (exit " + s.exitCode() + ")";
    }

    private static String ms(Percentiles p, double percentile) {
        return p == null ? "-" : Fmt.ms(p.at(percentile));
    }

    static String params(Map<String, String> params) {
        return params.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(" "));
    }
}
