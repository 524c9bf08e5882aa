package io.barrage.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads feeder files once per process: a file indexed for one load of a script is indexed again only
 * when it changed (its size or modification time), so loading a script again (the REPL, {@code
 * validate} then {@code run}) does not read a large file twice.
 */
public final class Feeders {
    /** The file formats a feeder reads. */
    public enum Format { CSV, JSONL, JSON;
        public String word() { return name().toLowerCase(Locale.ROOT); }
    }

    private record Key(Path file, long size, long modified, Format format, char separator, boolean header) {}

    private static final Map<Key, Records> CACHE = new ConcurrentHashMap<>();

    private Feeders() {}

    /** The format a file's name says ({@code .csv}, {@code .tsv}, {@code .jsonl}/{@code .ndjson}, {@code .json}), or null. */
    public static Format formatOf(String fileName) {
        String f = fileName.toLowerCase(Locale.ROOT);
        if (f.endsWith(".csv") || f.endsWith(".tsv")) return Format.CSV;
        if (f.endsWith(".jsonl") || f.endsWith(".ndjson")) return Format.JSONL;
        if (f.endsWith(".json")) return Format.JSON;
        return null;
    }

    /**
     * The records of {@code file}, read and checked once (a {@link DataFileException} names the file,
     * the line and what is wrong). {@code name} is how messages call the file.
     */
    public static Records open(Path file, String name, Format format, char separator, boolean header) {
        try {
            Path real = file.toRealPath();
            if (Files.isDirectory(real)) throw new DataFileException(name, 0, 0, "a directory, not a data file");
            Key key = new Key(real, Files.size(real), Files.getLastModifiedTime(real).toMillis(), format, separator, header);
            Records r = CACHE.get(key);
            if (r != null) return r;
            r = switch (format) {
                case CSV -> CsvRecords.index(real, name, separator, header);
                case JSONL -> JsonRecords.lines(real, name);
                case JSON -> JsonRecords.array(real, name);
            };
            CACHE.keySet().removeIf(k -> k.file().equals(real));   // an older version of the file
            CACHE.put(key, r);
            return r;
        } catch (NoSuchFileException e) {
            throw new DataFileException(name, 0, 0, "no such file");
        } catch (IOException e) {
            throw new DataFileException(name, 0, 0, "cannot be read: " + e.getMessage());
        }
    }
}
