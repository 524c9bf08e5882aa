package io.barrage.data;

import java.io.IOException;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A file's bytes, mapped read-only in pieces of 1 GiB so that a file of any size is read in place:
 * nothing is copied into the heap but the record being read, and every thread reads the same pages.
 */
final class MappedBytes {
    private static final int SHIFT = 30;
    private static final long MASK = (1L << SHIFT) - 1;
    private final MappedByteBuffer[] pieces;
    private final long size;

    MappedBytes(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            size = ch.size();
            int n = (int) ((size + MASK) >>> SHIFT);
            pieces = new MappedByteBuffer[n];
            for (int i = 0; i < n; i++) {
                long from = (long) i << SHIFT;
                pieces[i] = ch.map(FileChannel.MapMode.READ_ONLY, from, Math.min(1L << SHIFT, size - from));
            }
        }
    }

    long size() { return size; }

    /** The byte at {@code pos} (0–255). */
    int at(long pos) {
        return pieces[(int) (pos >>> SHIFT)].get((int) (pos & MASK)) & 0xFF;
    }

    /** The bytes from {@code from} (inclusive) to {@code to} (exclusive), copied. */
    byte[] bytes(long from, long to) {
        byte[] b = new byte[(int) (to - from)];
        int i = 0;
        long p = from;
        while (p < to) {
            MappedByteBuffer piece = pieces[(int) (p >>> SHIFT)];
            int off = (int) (p & MASK);
            int len = (int) Math.min(to - p, piece.capacity() - off);
            piece.get(off, b, i, len);
            i += len;
            p += len;
        }
        return b;
    }

    String string(long from, long to) {
        return new String(bytes(from, to), StandardCharsets.UTF_8);
    }
}
