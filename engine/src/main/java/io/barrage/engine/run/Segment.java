package io.barrage.engine.run;

/**
 * Which share of a scenario this process runs: arrivals and users whose global index k has
 * {@code k mod count = index}. N workers with segments 0/N … (N−1)/N together make exactly the
 * global schedule.
 */
public record Segment(int index, int count) {

    public static final Segment ALL = new Segment(0, 1);

    public Segment {
        if (count < 1 || index < 0 || index >= count) {
            throw new IllegalArgumentException("segment must be i/N with 0 ≤ i < N, got " + index + "/" + count);
        }
    }

    public boolean owns(long globalIndex) {
        return count == 1 || Math.floorMod(globalIndex, count) == index;
    }

    /** How many of the global indices 0 … n−1 this segment owns. */
    public long share(long n) {
        if (count == 1) return n;
        return n <= index ? 0 : (n - 1 - index) / count + 1;
    }

    /** Parses {@code i/N}. */
    public static Segment parse(String text) {
        String[] parts = text.trim().split("/");
        try {
            if (parts.length == 2) return new Segment(Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[1].trim()));
        } catch (NumberFormatException e) {
            // fall through
        }
        throw new IllegalArgumentException("'" + text + "' is not a segment: write i/N, e.g. 0/4");
    }

    @Override
    public String toString() {
        return index + "/" + count;
    }
}
