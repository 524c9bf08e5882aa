package io.barrage.data;

import io.barrage.engine.user.Vu;

/**
 * What user code draws from with {@code feed(source)}: a {@link Feeder}'s records or a {@link
 * Questions} generator's questions. Draws are numbered in the process and strided by the run's
 * split ({@code --segment i/N}), so what the run draws does not depend on how many processes run it.
 */
public interface Source {
    /** The next value for {@code vu}. */
    Object next(Vu vu);

    /** The run's draw number of this process's {@code d}-th draw. */
    static long position(Vu vu, long d) {
        return vu.segmentIndex() + (long) vu.segmentCount() * d;
    }
}
