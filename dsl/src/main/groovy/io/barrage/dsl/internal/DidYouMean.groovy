package io.barrage.dsl.internal

import groovy.transform.CompileStatic

/** Suggests the closest valid word for a misspelt one. */
@CompileStatic
final class DidYouMean {
    private DidYouMean() {}

    /** The closest candidate within a small edit distance, or null. */
    static String closest(String word, Collection<String> candidates) {
        String best = null
        int bestDistance = Integer.MAX_VALUE
        int limit = Math.max(2, (int) (word.length() / 3))
        for (String c : candidates) {
            int d = distance(word.toLowerCase(), c.toLowerCase())
            if (d < bestDistance && d <= limit) {
                best = c
                bestDistance = d
            }
        }
        best
    }

    /** {@code ; did you mean 'x'? (valid: a, b, c)} — or just the valid list when nothing is close. */
    static String suggestion(String word, Collection<String> candidates) {
        String c = closest(word, candidates)
        String valid = "(valid: ${candidates.toSorted().join(', ')})"
        c != null ? "; did you mean '${c}'? ${valid}" : " ${valid}"
    }

    /** Damerau-Levenshtein distance (optimal string alignment). */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1]
        for (int i = 0; i <= a.length(); i++) d[i][0] = i
        for (int j = 0; j <= b.length(); j++) d[0][j] = j
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost)
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + cost)
                }
            }
        }
        d[a.length()][b.length()]
    }
}
