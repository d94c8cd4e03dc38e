package dev.faultscope.io;

import java.nio.file.Path;

/**
 * A file that cannot be read as the format it claims to be. The message is one line naming the file, the
 * place inside it (a field such as {@code registers[5]}, a page such as {@code memory[2] (page 18)}, or a
 * {@code line L, column C} for broken JSON) and what is wrong there, so a user can fix the file by hand.
 */
public class FileFormatException extends RuntimeException {
    private final transient Path path;
    private final String where;
    private final String problem;

    /**
     * @param path    the file, or null when the bytes did not come from a file
     * @param where   the field, page or position the problem is at
     * @param problem what is wrong there
     */
    public FileFormatException(Path path, String where, String problem) {
        this(path, where, problem, null);
    }

    public FileFormatException(Path path, String where, String problem, Throwable cause) {
        super(describe(path) + ": " + oneLine(where) + ": " + oneLine(problem), cause);
        this.path = path;
        this.where = where;
        this.problem = problem;
    }

    /** Parser messages may span lines; a one-line message fits a status bar and a log line. */
    private static String oneLine(String s) {
        return s == null ? "" : s.replaceAll("\\s*\\R\\s*", " ");
    }

    private static String describe(Path path) {
        return path == null ? "<input>" : path.toString();
    }

    /** The file, or null when the bytes were not read from a file. */
    public Path path() {
        return path;
    }

    public String where() {
        return where;
    }

    public String problem() {
        return problem;
    }
}
