package io.barrage.engine.pattern;

/** How a scenario makes load. */
public enum LoadModel {
    /** Arrivals per second, each an independent iteration, started on schedule whatever the target does. */
    OPEN("rate", "/s"),
    /** A number of concurrent virtual users, each looping over its iteration. */
    CLOSED("users", " users");

    private final String word;
    private final String unit;

    LoadModel(String word, String unit) {
        this.word = word;
        this.unit = unit;
    }

    /** The DSL word that selects this model in a phase: {@code rate} or {@code users}. */
    public String word() {
        return word;
    }

    /** The unit suffix for printed values: {@code /s} or {@code  users}. */
    public String unit() {
        return unit;
    }
}
