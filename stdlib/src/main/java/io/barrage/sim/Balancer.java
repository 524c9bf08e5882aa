package io.barrage.sim;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Picks a backend for each request among those in rotation: all of them, or with health checks on,
 * those the checker found healthy. Rotation changes rebuild a snapshot; picking reads it without a lock
 * (weighted takes a short one, as nginx's smooth weighted round-robin does).
 */
final class Balancer {
    private static final int VIRTUAL_NODES = 160;

    private final Balancing algorithm;
    private final List<Backend> all;
    private final boolean checked;
    private volatile Rotation rotation;
    private final AtomicLong next = new AtomicLong();
    private final Object weightLock = new Object();

    /** Backends in rotation, and for HASH their ring. */
    private record Rotation(Backend[] backends, double[] weights, double[] current, double total, int[] ringHashes, Backend[] ringOwners) {}

    Balancer(Balancing algorithm, List<Backend> backends, boolean healthChecked) {
        this.algorithm = algorithm;
        this.all = List.copyOf(backends);
        this.checked = healthChecked;
        refresh();
    }

    Balancing algorithm() {
        return algorithm;
    }

    /** Rebuilds the rotation after a health change. */
    void refresh() {
        List<Backend> in = new ArrayList<>();
        for (Backend b : all) if (!checked || b.healthy) in.add(b);
        Backend[] arr = in.toArray(Backend[]::new);
        double[] w = new double[arr.length];
        double total = 0;
        for (int i = 0; i < arr.length; i++) total += w[i] = arr[i].config.weight();
        int[] hashes = new int[0];
        Backend[] owners = new Backend[0];
        if (algorithm == Balancing.HASH && arr.length > 0) {
            long[] points = new long[arr.length * VIRTUAL_NODES];
            int k = 0;
            for (int i = 0; i < arr.length; i++) {
                for (int v = 0; v < VIRTUAL_NODES; v++) {
                    int h = hash(arr[i].name() + "#" + v);
                    points[k++] = ((long) h << 32) | i;   // sort by hash, remember the owner
                }
            }
            Arrays.sort(points);
            hashes = new int[points.length];
            owners = new Backend[points.length];
            for (int j = 0; j < points.length; j++) {
                hashes[j] = (int) (points[j] >> 32);
                owners[j] = arr[(int) (points[j] & 0xffffffffL)];
            }
        }
        rotation = new Rotation(arr, w, new double[arr.length], total, hashes, owners);
    }

    /** The backends in rotation now. */
    List<Backend> inRotation() {
        return List.of(rotation.backends);
    }

    /** A backend for a request whose hash key is {@code key} (HASH only); null if none is in rotation. */
    Backend pick(String key) {
        Rotation r = rotation;
        Backend[] b = r.backends;
        int n = b.length;
        if (n == 0) return null;
        if (n == 1) return b[0];
        return switch (algorithm) {
            case ROUND_ROBIN -> b[(int) Long.remainderUnsigned(next.getAndIncrement(), n)];
            case RANDOM -> b[ThreadLocalRandom.current().nextInt(n)];
            case LEAST_CONNECTIONS -> least(b);
            case WEIGHTED -> weighted(r);
            case HASH -> ring(r, key == null ? "" : key);
        };
    }

    private Backend least(Backend[] b) {
        // start at a rotating place, so ties spread instead of all landing on the first backend
        int n = b.length, start = (int) Long.remainderUnsigned(next.getAndIncrement(), n);
        Backend best = null;
        int min = Integer.MAX_VALUE;
        for (int i = 0; i < n; i++) {
            Backend c = b[(start + i) % n];
            int f = c.inFlight.get();
            if (f < min) {
                min = f;
                best = c;
            }
        }
        return best;
    }

    private Backend weighted(Rotation r) {
        synchronized (weightLock) {
            int best = 0;
            for (int i = 0; i < r.current.length; i++) {
                r.current[i] += r.weights[i];
                if (r.current[i] > r.current[best]) best = i;
            }
            r.current[best] -= r.total;
            return r.backends[best];
        }
    }

    private static Backend ring(Rotation r, String key) {
        int h = hash(key);
        int i = Arrays.binarySearch(r.ringHashes, h);
        if (i < 0) i = -i - 1;
        if (i == r.ringHashes.length) i = 0;
        return r.ringOwners[i];
    }

    /** 32-bit FNV-1a over UTF-8, finished with a murmur3 mix: stable across runs and JVMs. */
    static int hash(String s) {
        int h = 0x811c9dc5;
        for (byte x : s.getBytes(StandardCharsets.UTF_8)) {
            h ^= x & 0xff;
            h *= 0x01000193;
        }
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        h *= 0xc2b2ae35;
        h ^= h >>> 16;
        return h;
    }
}
