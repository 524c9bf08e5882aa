import java.io.File;
import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;

/**
 * Reads a run's intervals.hlog and prints, for its first interval, how many calls waited for a
 * pooled connection and how many opened one (with p50/p99/max in µs). Used by first-second.sh:
 *   java -cp repl/target/barrage.jar bench/FirstSecond.java results/…/intervals.hlog
 */
public class FirstSecond {
    public static void main(String[] args) throws Exception {
        HistogramLogReader r = new HistogramLogReader(new File(args[0]));
        long first = -1;
        long waited = 0, connects = 0;
        for (EncodableHistogram e; (e = r.nextIntervalHistogram()) != null; ) {
            Histogram h = (Histogram) e;
            if (first < 0) first = h.getStartTimeStamp();
            if (h.getStartTimeStamp() != first) break;
            String tag = h.getTag();
            if (tag.startsWith("metric=wait;")) waited += h.getTotalCount();
            if (tag.startsWith("metric=connect;")) connects += h.getTotalCount();
        }
        System.out.println("waited " + waited + " connects " + connects);
    }
}
