package io.barrage.engine.run;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.List;

/** Reads the generator process's own CPU and GC pause time. Replaceable in tests. */
public interface GeneratorProbe {

    /** Process CPU time so far in nanoseconds, or -1 if unknown. */
    long cpuNanos();

    /** GC pause time so far in milliseconds (concurrent GC work excluded). */
    long gcPauseMillis();

    int cores();

    /** Reads this JVM through its management beans. */
    static GeneratorProbe jvm() {
        return Jvm.INSTANCE;
    }

    /** A probe that reports an idle generator (for tests on fake time). */
    GeneratorProbe IDLE = new GeneratorProbe() {
        public long cpuNanos() { return 0; }
        public long gcPauseMillis() { return 0; }
        public int cores() { return 1; }
    };

    final class Jvm implements GeneratorProbe {
        static final Jvm INSTANCE = new Jvm();
        private final List<GarbageCollectorMXBean> pauseCollectors = ManagementFactory.getGarbageCollectorMXBeans().stream()
                .filter(b -> !b.getName().contains("Concurrent") && !b.getName().contains("Cycles"))
                .toList();

        private final java.lang.management.OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();

        @Override
        public long cpuNanos() {
            return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() : -1;
        }

        @Override
        public long gcPauseMillis() {
            long sum = 0;
            for (GarbageCollectorMXBean b : pauseCollectors) sum += Math.max(0, b.getCollectionTime());
            return sum;
        }

        @Override
        public int cores() {
            return Runtime.getRuntime().availableProcessors();
        }
    }
}
