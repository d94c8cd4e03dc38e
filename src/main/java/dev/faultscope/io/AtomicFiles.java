package dev.faultscope.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Every file the project writes goes through here: the bytes go to a temporary file in the same folder, which
 * replaces the target only once it is complete, so a write that fails part-way (disk full, a size limit, an
 * interrupted process) leaves the old file as it was and no broken file behind.
 */
public final class AtomicFiles {
    /** Writes the content to an open stream; may throw, in which case nothing is replaced. */
    @FunctionalInterface
    public interface Writer {
        void writeTo(OutputStream out) throws IOException;
    }

    /**
     * Wraps the stream to the temporary file; identity except in tests, which use it to cut a write off half-way
     * (as a full disk or a size limit would) and check that no writer leaves a broken or missing file.
     */
    static volatile java.util.function.UnaryOperator<OutputStream> streamWrapper = java.util.function.UnaryOperator.identity();

    private AtomicFiles() {
    }

    public static void write(Path target, byte[] bytes) throws IOException {
        write(target, out -> out.write(bytes));
    }

    public static void write(Path target, Writer writer) throws IOException {
        Path absolute = target.toAbsolutePath();
        Path folder = absolute.getParent();
        if (folder != null && !Files.isDirectory(folder)) {
            throw new IOException(folder + ": the folder to write " + absolute.getFileName() + " in does not exist");
        }
        if (Files.isDirectory(absolute)) {
            throw new IOException(absolute + ": is a directory, not a file");
        }
        // A dot-name so a half-written file is not mistaken for output; same folder so the rename is atomic.
        Path temp = Files.createTempFile(folder, "." + absolute.getFileName(), ".part");
        try {
            try (OutputStream out = streamWrapper.apply(Files.newOutputStream(temp))) {
                writer.writeTo(out);
            } catch (IOException e) {
                // A stream's own messages ("File too large", "No space left on device") name no file.
                String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
                throw new IOException(absolute + ": cannot be written (" + why + "); the previous file, if any, is unchanged", e);
            }
            keepPermissions(temp, absolute);
            try {
                Files.move(temp, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, absolute, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /**
     * A temporary file is private to its owner (0600); the file it becomes should read like any other output: the
     * permissions of the file it replaces, or rw-r--r-- for a new one.
     */
    private static void keepPermissions(Path temp, Path target) throws IOException {
        try {
            Set<PosixFilePermission> perms = Files.exists(target) ? Files.getPosixFilePermissions(target)
                : PosixFilePermissions.fromString("rw-r--r--");
            Files.setPosixFilePermissions(temp, perms);
        } catch (UnsupportedOperationException e) {
            // Not a POSIX file system: its own defaults apply.
        }
    }
}
