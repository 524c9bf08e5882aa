package io.barrage.engine.results;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * Where results go ({@code --out DIR}, {@code --output results:dir=DIR}), made ready before
 * anything runs: created if need be and found writable, or one line saying why not — never a run
 * that stops at its first write.
 */
public final class ResultsDirectory {
    private ResultsDirectory() {}

    /**
     * Creates {@code dir} if it does not exist and checks that a run can write in it.
     *
     * @param option how the person named it, for the message ({@code --out}, {@code --output results:dir=})
     * @throws IllegalArgumentException when it is a file, lies under a file, or cannot be created or written
     */
    public static void prepare(String option, Path dir) {
        String named = option + (option.endsWith("=") ? "" : " ") + dir;
        if (dir.toString().isBlank()) throw new IllegalArgumentException(option.replaceAll("=$", "") + " needs a directory");
        Path abs;
        try {
            abs = dir.toAbsolutePath().normalize();
        } catch (InvalidPathException | java.io.IOError e) {
            throw new IllegalArgumentException(named + ": not a path barrage can use");
        }
        for (Path p = abs; p != null; p = p.getParent()) {
            if (Files.isDirectory(p)) break;
            if (Files.exists(p)) {
                throw new IllegalArgumentException(named + ": " + (p.equals(abs) ? "it is " : p + " is ")
                        + (Files.isRegularFile(p) ? "a file, not a directory" : "not a directory"));
            }
        }
        try {
            Files.createDirectories(abs);
        } catch (IOException e) {
            throw new IllegalArgumentException(named + ": cannot create it (" + reason(e) + ")");
        }
        // a run writes its own directory in it: try that once (permissions, a read-only file system)
        try {
            Files.delete(Files.createTempDirectory(abs, ".barrage-"));
        } catch (IOException e) {
            throw new IllegalArgumentException(named + ": cannot write in it (" + reason(e) + ")");
        }
    }

    private static String reason(IOException e) {
        if (e instanceof AccessDeniedException) return "permission denied";
        if (e instanceof java.nio.file.FileAlreadyExistsException) return "something that is not a directory is in the way";
        if (e instanceof java.nio.file.NoSuchFileException) return "the file system there does not allow it";
        if (e instanceof FileSystemException f && f.getReason() != null && !f.getReason().isBlank()) {
            String r = f.getReason().strip();
            return Character.toLowerCase(r.charAt(0)) + r.substring(1);
        }
        return "the system refused";
    }
}
