package io.barrage.engine.metrics;

import io.barrage.engine.loop.EventLoop;
import java.util.Arrays;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.HdrHistogram.SingleWriterRecorder;

/**
 * A recorder with a lane per event loop: a loop's virtual threads run one at a time on one
 * platform thread, so each loop records into a {@link SingleWriterRecorder} of its own, and
 * loops never contend for a histogram's cache lines (as wrk keeps its statistics per thread).
 * Threads that are not a loop's share a concurrent {@link Recorder}. The reporter sums the lanes
 * each interval.
 */
final class StripedRecorder {
    private final Recorder shared = new Recorder(MetricNames.DIGITS);
    private volatile SingleWriterRecorder[] lanes = new SingleWriterRecorder[0];
    // the reporter's: each recorder's last interval histogram, handed back to it at the next swap so
    // that its next one keeps the size it grew to (a new one starts small and grows, value by value,
    // in the loop's hot path at the start of every interval)
    private Histogram sharedSpare;
    private Histogram[] laneSpares = new Histogram[0];

    /** Records a value (microseconds); never blocks. */
    void recordValue(long value) {
        EventLoop loop = EventLoop.current();
        if (loop == null) {
            shared.recordValue(value);
            return;
        }
        SingleWriterRecorder[] l = lanes;
        int i = loop.id();
        SingleWriterRecorder r = i < l.length ? l[i] : null;
        if (r == null) r = lane(i);
        r.recordValue(value);
    }

    private synchronized SingleWriterRecorder lane(int i) {
        SingleWriterRecorder[] l = lanes;
        if (i >= l.length) l = Arrays.copyOf(l, i + 1);
        if (l[i] == null) {
            l[i] = new SingleWriterRecorder(MetricNames.DIGITS);
            lanes = l;
        }
        return l[i];
    }

    /** The values recorded since the last call, all lanes together, in a new histogram (the reporter's call). */
    Histogram getIntervalHistogram() {
        Histogram h = new Histogram(MetricNames.DIGITS);
        sharedSpare = shared.getIntervalHistogram(sharedSpare);
        h.add(sharedSpare);
        SingleWriterRecorder[] l = lanes;
        if (laneSpares.length < l.length) laneSpares = Arrays.copyOf(laneSpares, l.length);
        for (int i = 0; i < l.length; i++) {
            if (l[i] == null) continue;
            laneSpares[i] = l[i].getIntervalHistogram(laneSpares[i]);
            h.add(laneSpares[i]);
        }
        return h;
    }
}
