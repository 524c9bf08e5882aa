package io.barrage.balance;

import java.util.Map;

/**
 * How a scenario's calls spread across backends: the {@code balance} section of a scenario in
 * summary.json (read one back with {@code Json.MAPPER.convertValue(section, BalanceSummary.class)}).
 *
 * @param source     where backend names came from: {@code header X-Backend} or {@code target}
 * @param score      1 − coefficient of variation of per-backend counts, over all load phases (null: no calls)
 * @param backends   calls per backend, expected backends with none included as 0
 * @param shares     each backend's share of the calls
 * @param phases     per phase: its score and counts
 * @param imbalances how many times the score stayed under its threshold long enough to be reported
 */
public record BalanceSummary(String source, Double score, Map<String, Long> backends, Map<String, Double> shares,
                             Map<String, Phase> phases, int imbalances) {

    /** One phase's balance. */
    public record Phase(Double score, Map<String, Long> backends) {}
}
