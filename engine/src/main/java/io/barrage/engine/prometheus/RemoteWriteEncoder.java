package io.barrage.engine.prometheus;

import io.prometheus.metrics.model.snapshots.ClassicHistogramBuckets;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.Label;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.prometheus.metrics.model.snapshots.NativeHistogramBucket;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Series as a Prometheus remote-write 1.0 {@code WriteRequest} (prompb, protobuf; the caller
 * compresses it with snappy): counters as {@code <name>_total}, gauges as they are, histograms as
 * native histograms ({@code TimeSeries.histograms}, integer counts, spans and deltas) or as classic
 * {@code _bucket}/{@code _count}/{@code _sum} series. Encoded by hand: the message is small and fixed
 * (field numbers from prompb/remote.proto and types.proto of Prometheus 2.42).
 */
final class RemoteWriteEncoder {
    private RemoteWriteEncoder() {}

    /** The request for {@code snapshots} at {@code timestampMillis}; {@code nativeHistograms} false sends classic buckets. */
    static byte[] encode(MetricSnapshots snapshots, long timestampMillis, boolean nativeHistograms) {
        Proto req = new Proto();
        for (MetricSnapshot s : snapshots) {
            String name = s.getMetadata().getPrometheusName();
            if (s instanceof CounterSnapshot c) {
                for (CounterSnapshot.CounterDataPointSnapshot p : c.getDataPoints()) {
                    req.message(1, series(name + "_total", p.getLabels(), null, p.getValue(), timestampMillis));
                }
            } else if (s instanceof GaugeSnapshot g) {
                for (GaugeSnapshot.GaugeDataPointSnapshot p : g.getDataPoints()) {
                    req.message(1, series(name, p.getLabels(), null, p.getValue(), timestampMillis));
                }
            } else if (s instanceof HistogramSnapshot h) {
                for (HistogramSnapshot.HistogramDataPointSnapshot p : h.getDataPoints()) {
                    if (nativeHistograms && p.hasNativeHistogramData()) {
                        req.message(1, nativeSeries(name, p, timestampMillis));
                    } else {
                        classic(req, name, p, timestampMillis);
                    }
                }
            }
        }
        return req.bytes();
    }

    private static void classic(Proto req, String name, HistogramSnapshot.HistogramDataPointSnapshot p, long ts) {
        ClassicHistogramBuckets buckets = p.getClassicBuckets();
        long cumulative = 0;
        for (int i = 0; i < buckets.size(); i++) {
            cumulative += buckets.getCount(i);
            double le = buckets.getUpperBound(i);
            req.message(1, series(name + "_bucket", p.getLabels(), le == Double.POSITIVE_INFINITY ? "+Inf" : formatLe(le), cumulative, ts));
        }
        req.message(1, series(name + "_count", p.getLabels(), null, p.getCount(), ts));
        req.message(1, series(name + "_sum", p.getLabels(), null, p.getSum(), ts));
    }

    private static String formatLe(double le) {
        return Double.toString(le);
    }

    /** A TimeSeries with one sample. */
    private static Proto series(String name, Labels labels, String le, double value, long ts) {
        Proto ts1 = labels(name, labels, le);
        Proto sample = new Proto();
        sample.double1(1, value);
        sample.varint(2, ts);
        ts1.message(2, sample);
        return ts1;
    }

    private static Proto nativeSeries(String name, HistogramSnapshot.HistogramDataPointSnapshot p, long ts) {
        Proto series = labels(name, p.getLabels(), null);
        Proto h = new Proto();
        h.varint(1, p.getCount());                        // count_int
        h.double1(3, p.getSum());
        h.sint(4, p.getNativeSchema());
        h.double1(5, p.getNativeZeroThreshold());
        h.varint(6, p.getNativeZeroCount());              // zero_count_int
        // positive spans (11) and deltas (12, packed sint64)
        List<NativeHistogramBucket> buckets = new ArrayList<>();
        for (NativeHistogramBucket b : p.getNativeBucketsForPositiveValues()) buckets.add(b);
        buckets.sort(Comparator.comparingInt(NativeHistogramBucket::getBucketIndex));
        Proto deltas = new Proto();
        int spanOffset = 0;
        int spanLength = 0;
        Integer last = null;
        long previousCount = 0;
        for (NativeHistogramBucket b : buckets) {
            int index = b.getBucketIndex();
            if (last == null) {
                spanOffset = index;
                spanLength = 1;
            } else if (index == last + 1) {
                spanLength++;
            } else {
                h.message(11, span(spanOffset, spanLength));
                spanOffset = index - last - 1;
                spanLength = 1;
            }
            last = index;
            deltas.rawSint(b.getCount() - previousCount);   // the first absolute, then each to the one before
            previousCount = b.getCount();
        }
        if (last != null) {
            h.message(11, span(spanOffset, spanLength));
            h.bytes(12, deltas.bytes());
        }
        h.varint(15, ts);
        series.message(4, h);
        return series;
    }

    private static Proto span(int offset, int length) {
        Proto s = new Proto();
        s.sint(1, offset);
        s.varint(2, length);
        return s;
    }

    /** A TimeSeries' labels, sorted by name, {@code __name__} among them. */
    private static Proto labels(String name, Labels labels, String le) {
        List<String[]> all = new ArrayList<>();
        all.add(new String[] {"__name__", name});
        for (Label l : labels) all.add(new String[] {l.getName(), l.getValue()});
        if (le != null) all.add(new String[] {"le", le});
        all.sort(Comparator.comparing(a -> a[0]));
        Proto series = new Proto();
        for (String[] l : all) {
            Proto label = new Proto();
            label.string(1, l[0]);
            label.string(2, l[1]);
            series.message(1, label);
        }
        return series;
    }

    /** Just enough protobuf: varints, zigzag, fixed64 doubles, length-delimited fields. */
    static final class Proto {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream(64);

        byte[] bytes() {
            return out.toByteArray();
        }

        void varint(int field, long v) {
            tag(field, 0);
            raw(v);
        }

        void sint(int field, long v) {
            tag(field, 0);
            raw((v << 1) ^ (v >> 63));
        }

        void rawSint(long v) {
            raw((v << 1) ^ (v >> 63));
        }

        void double1(int field, double v) {
            tag(field, 1);
            long bits = Double.doubleToRawLongBits(v);
            for (int i = 0; i < 8; i++) out.write((int) (bits >>> (8 * i)) & 0xff);
        }

        void string(int field, String s) {
            bytes(field, s.getBytes(StandardCharsets.UTF_8));
        }

        void message(int field, Proto m) {
            bytes(field, m.bytes());
        }

        void bytes(int field, byte[] b) {
            tag(field, 2);
            raw(b.length);
            out.write(b, 0, b.length);
        }

        private void tag(int field, int wireType) {
            raw(((long) field << 3) | wireType);
        }

        private void raw(long v) {
            while ((v & ~0x7FL) != 0) {
                out.write((int) ((v & 0x7F) | 0x80));
                v >>>= 7;
            }
            out.write((int) v);
        }
    }
}
