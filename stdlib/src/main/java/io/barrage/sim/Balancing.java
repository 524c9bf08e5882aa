package io.barrage.sim;

import java.util.Arrays;
import java.util.stream.Collectors;

/** The balancer's algorithms. */
public enum Balancing {
    ROUND_ROBIN("round-robin"),
    RANDOM("random"),
    LEAST_CONNECTIONS("least-connections"),
    WEIGHTED("weighted"),
    HASH("hash");

    private final String word;

    Balancing(String word) { this.word = word; }

    public String word() { return word; }

    public static Balancing of(String word) {
        for (Balancing b : values()) if (b.word.equalsIgnoreCase(word) || b.name().equalsIgnoreCase(word)) return b;
        throw new IllegalArgumentException("balancer '" + word + "' is not one of " + words());
    }

    public static String words() {
        return Arrays.stream(values()).map(Balancing::word).collect(Collectors.joining(", "));
    }
}
