package io.barrage.data;

import io.barrage.engine.user.Vu;
import java.util.Locale;
import java.util.Random;
import net.datafaker.Faker;

/**
 * A user's Datafaker {@link Faker}, kept with the user and seeded again at each iteration from the
 * scenario's seed, the user's global index and the iteration: values derive from those alone, not
 * from the number of processes or the order users ran in.
 */
public final class Fakes {
    private static final Object KEY = new Object();

    private Fakes() {}

    private static final class Seeded {
        final Random random = new Random();
        final Faker faker = new Faker(Locale.ENGLISH, random);
        long iteration = Long.MIN_VALUE;
    }

    /**
     * Loads Datafaker and the data its common providers read (names, internet, addresses, lorem,
     * numbers, ids), once per process: a script using {@code fake} does this before its load, so the
     * first user's calls do not wait for it. Other providers load their data on first use.
     */
    public static void warm() {
        if (warmed) return;
        Faker f = new Faker(Locale.ENGLISH, new Random(0));
        f.name().fullName();
        f.internet().emailAddress();
        f.address().city();
        f.lorem().sentence();
        f.number().digits(4);
        f.idNumber().valid();
        warmed = true;
    }

    private static volatile boolean warmed;

    /** {@code vu}'s Faker, seeded for its current iteration. */
    public static Faker of(Vu vu) {
        Seeded s = vu.state(KEY, Seeded::new);
        if (s.iteration != vu.iteration()) {
            s.iteration = vu.iteration();
            s.random.setSeed(Feeder.mix(vu.seed() ^ Feeder.mix(vu.index() * 0x9E3779B97F4A7C15L + vu.iteration())));
        }
        return s.faker;
    }
}
