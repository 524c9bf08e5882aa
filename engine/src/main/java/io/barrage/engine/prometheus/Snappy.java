package io.barrage.engine.prometheus;

import java.io.ByteArrayOutputStream;

/**
 * Snappy's block format (not the framed one), as remote write takes it: snappy-java's native
 * compressor, or where its native library cannot load, a valid block of literals (uncompressed, and
 * any snappy reader reads it).
 */
final class Snappy {
    private Snappy() {}

    private static final boolean NATIVE = loads();

    private static boolean loads() {
        try {
            org.xerial.snappy.Snappy.compress(new byte[] {1});
            return true;
        } catch (Throwable e) {   // UnsatisfiedLinkError, SnappyError: no native library for this platform
            return false;
        }
    }

    static byte[] compress(byte[] data) throws java.io.IOException {
        return NATIVE ? org.xerial.snappy.Snappy.compress(data) : literals(data);
    }

    /** The uncompressed length as a varint, then the data in literal elements of up to 64 KiB. */
    static byte[] literals(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(data.length + data.length / 60000 * 4 + 16);
        long n = data.length;
        while ((n & ~0x7FL) != 0) {
            out.write((int) ((n & 0x7F) | 0x80));
            n >>>= 7;
        }
        out.write((int) n);
        for (int at = 0; at < data.length; ) {
            int len = Math.min(65536, data.length - at);
            if (len <= 60) {
                out.write((len - 1) << 2);
            } else if (len <= 256) {
                out.write(60 << 2);
                out.write(len - 1);
            } else {
                out.write(61 << 2);
                out.write((len - 1) & 0xff);
                out.write((len - 1) >>> 8);
            }
            out.write(data, at, len);
            at += len;
        }
        return out.toByteArray();
    }
}
