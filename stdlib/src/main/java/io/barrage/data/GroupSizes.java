package io.barrage.data;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * How many users each group (an organisation, a tenant) gets: the same for all ({@link Fixed}), a
 * whole number drawn evenly from a range ({@link Between}), or from a normal distribution rounded and
 * kept at or above a floor ({@link Gaussian}). Seeded: the same seed gives the same sizes.
 */
public final class GroupSizes {
    private GroupSizes() {}

    /** A distribution of group sizes. */
    public sealed interface Sizes permits Fixed, Between, Gaussian {
        int draw(SplittableRandom random);

        /** In words, for messages and the plan. */
        String describe();
    }

    /** Every group gets {@code n} users. */
    public record Fixed(int n) implements Sizes {
        public Fixed {
            if (n < 0) throw new IllegalArgumentException("fixed(" + n + "): a group's users are ≥ 0");
        }

        public int draw(SplittableRandom random) { return n; }

        public String describe() { return "fixed(" + n + ")"; }
    }

    /** A whole number from {@code min} to {@code max}, each as likely. */
    public record Between(int min, int max) implements Sizes {
        public Between {
            if (min < 0 || max < min) throw new IllegalArgumentException("between(" + min + ", " + max + "): 0 ≤ min ≤ max");
        }

        public int draw(SplittableRandom random) { return random.nextInt(min, max + 1); }

        public String describe() { return "between(" + min + ", " + max + ")"; }
    }

    /** A normal distribution of mean {@code mean} and standard deviation {@code sd}, rounded, at least {@code floor}. */
    public record Gaussian(double mean, double sd, int floor) implements Sizes {
        public Gaussian {
            if (!(mean >= 0) || !(sd >= 0) || Double.isInfinite(mean) || Double.isInfinite(sd)) {
                throw new IllegalArgumentException("gaussian(" + mean + ", " + sd + "): mean and sd are numbers ≥ 0");
            }
            if (floor < 0) throw new IllegalArgumentException("gaussian floor must be ≥ 0");
        }

        public int draw(SplittableRandom random) {
            double z = Math.sqrt(-2 * Math.log(1 - random.nextDouble())) * Math.cos(2 * Math.PI * random.nextDouble());
            return (int) Math.max(floor, Math.round(mean + sd * z));
        }

        public String describe() { return "gaussian(" + mean + ", " + sd + ")"; }
    }

    /** The sizes of {@code groups} groups drawn from {@code sizes} with {@code seed}. */
    public static List<Integer> draw(int groups, Sizes sizes, long seed) {
        if (groups < 1) throw new IllegalArgumentException("groupSizes: at least 1 group, got " + groups);
        SplittableRandom random = new SplittableRandom(seed);
        List<Integer> out = new ArrayList<>(groups);
        for (int i = 0; i < groups; i++) out.add(sizes.draw(random));
        return List.copyOf(out);
    }
}
