package io.barrage.balance;

import io.barrage.engine.analysis.Analysis;
import io.barrage.engine.metrics.Tally;

import io.barrage.engine.validation.Problem;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Balance analysis of a scenario: which backend answered each call — named by a response header
 * ({@code X-Backend} by default) or, with {@code byTarget}, by the host:port the call went to — and
 * how evenly the calls spread. The score is 1 − the coefficient of variation of per-backend counts
 * (counts divided by weights when weights are given).
 *
 * <p>An {@link Analysis} of the scenario: HTTP calls count their backend in the scenario's tally
 * {@value #TALLY}; the timeline gets {@code balance} and {@code backends} per interval, the summary a
 * {@code balance} section ({@link BalanceSummary}), and a score that stays under the threshold for
 * {@code sustain} is a {@code balance} event.
 *
 * @param header    the response header naming the backend (ignored with byTarget)
 * @param byTarget  count by the request's host:port instead of a header
 * @param backends  the backends expected (one that gets nothing then counts as 0); empty: those seen
 * @param weights   expected shares by backend (1 when absent), for a weighted balancer
 * @param threshold a score under this for {@code sustain} is an imbalance event
 * @param sustain   how long the score must stay under the threshold
 */
public record Balance(String header, boolean byTarget, List<String> backends, Map<String, Double> weights,
                      double threshold, Duration sustain) implements Analysis {

    public static final String DEFAULT_HEADER = "X-Backend";
    /** The analysis' name: its summary section, its events' type, and the word assertions use. */
    public static final String NAME = "balance";
    /** The scenario's tally of calls by backend. */
    public static final String TALLY = "backend";
    /** At most this many distinct backends are told apart; more count as "(other)". */
    public static final int MAX_BACKENDS = Tally.MAX_LABELS;

    public Balance {
        if (header == null) header = DEFAULT_HEADER;
        backends = backends == null ? List.of() : List.copyOf(backends);
        weights = weights == null ? Map.of() : Map.copyOf(new LinkedHashMap<>(weights));
        if (sustain == null) sustain = Duration.ofSeconds(5);
    }

    public static Balance byHeader(String header) {
        return new Balance(header, false, List.of(), Map.of(), 0.95, Duration.ofSeconds(5));
    }

    public Balance withBackends(List<String> names, Map<String, Double> w) {
        return new Balance(header, byTarget, names, w, threshold, sustain);
    }

    public Balance withThreshold(double t, Duration over) {
        return new Balance(header, byTarget, backends, weights, t, over == null ? sustain : over);
    }

    /** Where the backend's name comes from, for summaries: {@code header X-Backend} or {@code target}. */
    public String source() {
        return byTarget ? "target" : "header " + header;
    }

    /**
     * The score of a set of per-backend counts: 1 − σ/μ of count ÷ weight over the expected backends
     * and those seen, never below 0; NaN when there are no counts.
     */
    public double backendScore(Map<String, Long> counts) {
        List<String> keys = new ArrayList<>(withExpected(counts).keySet());
        long total = 0;
        for (Long v : counts.values()) total += v;
        if (total == 0 || keys.isEmpty()) return Double.NaN;
        if (keys.size() == 1) return 1;
        double[] x = new double[keys.size()];
        double sum = 0;
        for (int i = 0; i < x.length; i++) {
            double w = weights.getOrDefault(keys.get(i), 1.0);
            x[i] = counts.getOrDefault(keys.get(i), 0L) / w;
            sum += x[i];
        }
        double mean = sum / x.length, var = 0;
        for (double v : x) var += (v - mean) * (v - mean);
        double cv = Math.sqrt(var / x.length) / mean;
        return Math.max(0, 1 - cv);
    }

    @Override
    public String name() {
        return NAME;
    }

    /** The score of the calls per backend in {@code tallies}. */
    @Override
    public double score(Map<String, Map<String, Long>> tallies) {
        return backendScore(tallies.getOrDefault(TALLY, Map.of()));
    }

    /** {@code balance} (the score, 4 decimals) and {@code backends} (calls per backend), when there were calls or expected backends. */
    @Override
    public Map<String, Object> timeline(Map<String, Map<String, Long>> interval, double score) {
        Map<String, Long> counts = interval.getOrDefault(TALLY, Map.of());
        Map<String, Object> out = new LinkedHashMap<>();
        if (!Double.isNaN(score)) out.put("balance", Math.round(score * 10000) / 10000.0);
        if (!counts.isEmpty() || !Double.isNaN(score)) out.put("backends", counts);
        return out;
    }

    @Override
    public Analysis.Watch watch() {
        return new BalanceWatch(this);
    }

    @Override
    public BalanceSummary summary(Map<String, Map<String, Long>> total, Map<String, Map<String, Map<String, Long>>> byPhase,
                                  Analysis.Watch watch) {
        Map<String, Long> counts = withExpected(total.getOrDefault(TALLY, Map.of()));
        long sum = counts.values().stream().mapToLong(Long::longValue).sum();
        Map<String, Double> shares = new LinkedHashMap<>();
        counts.forEach((k, v) -> shares.put(k, sum == 0 ? 0 : round4((double) v / sum)));
        Map<String, BalanceSummary.Phase> phases = new LinkedHashMap<>();
        byPhase.forEach((phase, t) -> {
            Map<String, Long> c = withExpected(t.getOrDefault(TALLY, Map.of()));
            phases.put(phase, new BalanceSummary.Phase(rounded(backendScore(c)), c));
        });
        int imbalances = watch instanceof BalanceWatch w ? w.imbalances() : 0;
        return new BalanceSummary(source(), rounded(backendScore(counts)), counts, shares, phases, imbalances);
    }

    private static Double rounded(double score) {
        return Double.isNaN(score) ? null : round4(score);
    }

    private static double round4(double v) {
        return Math.round(v * 10000) / 10000.0;
    }

    /** {@code counts} with every expected backend in it (0 when it got nothing), expected ones first. */
    public Map<String, Long> withExpected(Map<String, Long> counts) {
        Map<String, Long> out = new LinkedHashMap<>();
        for (String name : backends) out.put(name, counts.getOrDefault(name, 0L));
        counts.forEach(out::putIfAbsent);
        return out;
    }

    @Override
    public List<Problem> validate(String where) {
        List<Problem> out = new ArrayList<>();
        String w = where + " › balance";
        if (!byTarget && (header.isBlank() || !header.matches("[!#$%&'*+.^_`|~0-9A-Za-z-]+"))) {
            out.add(Problem.of(w, this, "header", "balance header '" + header + "' is not a header name"));
        }
        if (!(threshold >= 0 && threshold <= 1)) out.add(Problem.of(w, this, "threshold", "balance threshold must be between 0% and 100%"));
        if (sustain.isNegative()) out.add(Problem.of(w, this, "sustain", "balance 'for' must be ≥ 0"));
        for (Map.Entry<String, Double> e : weights.entrySet()) {
            if (!(e.getValue() > 0) || e.getValue().isInfinite()) out.add(Problem.of(w, this, "weights", "weight of " + e.getKey() + " must be > 0"));
        }
        return out;
    }
}
