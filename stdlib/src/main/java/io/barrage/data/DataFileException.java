package io.barrage.data;

/**
 * A data file barrage cannot use, with where: {@code data/users.csv:17:4: text after a closing
 * quote}. Line and column count from 1; 0 when the problem is the whole file.
 */
public final class DataFileException extends RuntimeException {
    private final String file;
    private final int line;
    private final int column;
    private final String problem;

    public DataFileException(String file, int line, int column, String problem) {
        super(file + (line > 0 ? ":" + line + (column > 0 ? ":" + column : "") : "") + ": " + problem, null, false, false);
        this.file = file;
        this.line = line;
        this.column = column;
        this.problem = problem;
    }

    public String file() { return file; }

    public int line() { return line; }

    public int column() { return column; }

    /** What is wrong, without the place. */
    public String problem() { return problem; }
}
