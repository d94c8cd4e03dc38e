package dev.faultscope.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Every input file the project reads goes through here, with a size limit per kind of file: only regular files
 * are read (a FIFO would block forever, {@code /dev/zero} never ends), the file's size and, for gzip, the
 * decompressed size are bounded while reading (a 14 MB gzip bomb must not grow into gigabytes of heap), and
 * every refusal is a one-line {@link InputFileException} naming the file, the limit and the reason.
 */
public final class InputFiles {
    private static final long MIB = 1L << 20;

    /** Per kind of file, the most bytes read (after gunzipping). */
    public enum Limit {
        /**
         * A whole VM state, read as a stream (never held as bytes): the JSON of a full 1 GiB memory is about 1.4 GiB.
         * Bounded by the heap too (see {@link #bytes()}).
         */
        STATE("a state", 4096 * MIB),
        PROOF("a proof", 64 * MIB),
        META("a meta", 256 * MIB),
        PREIMAGES("a pre-image", 1024 * MIB),
        SCENARIO("a scenario", 64 * MIB),
        SESSION("a session", 256 * MIB),
        /** The loadable part is below the heap start (80 MiB); symbols and debug sections come on top. */
        ELF("an ELF", 512 * MIB),
        /** The few bytes read to tell a file's kind. */
        WITNESS("a witness", 1 * MIB);

        private final String what;
        private final long bytes;

        Limit(String what, long bytes) {
            this.what = what;
            this.bytes = bytes;
        }

        /**
         * The limit in bytes: the format's own, but never more than a quarter of the heap, so a file that is
         * refused is refused with a clear message rather than by an {@link OutOfMemoryError} while parsing.
         */
        public long bytes() {
            return Math.min(bytes, heapShare());
        }

        /** Why the limit is what it is. */
        String reason() {
            String limit = "the limit for " + what + " file is " + bytes() / MIB + " MiB";
            return bytes <= heapShare() ? limit : limit + " here, a quarter of the Java heap (raise it with FAULTSCOPE_JAVA_OPTS=-Xmx…)";
        }

        private static long heapShare() {
            return Math.min(Runtime.getRuntime().maxMemory() / 4, Integer.MAX_VALUE - 16);
        }

        public String what() {
            return what;
        }
    }

    private InputFiles() {
    }

    /** A refused input file: missing, not a regular file, too big, or unreadable. */
    public static final class InputFileException extends IOException {
        private final transient Path path;

        public InputFileException(Path path, String reason) {
            super(path + ": " + reason);
            this.path = path;
        }

        public InputFileException(Path path, String reason, Throwable cause) {
            super(path + ": " + reason, cause);
            this.path = path;
        }

        public Path path() {
            return path;
        }
    }

    /** Refuses anything but an existing, readable regular file, naming the path and what it is instead. */
    public static void requireRegularFile(Path path, Limit limit) throws InputFileException {
        requireRegularFile(path, limit.what() + " file");
    }

    /** As {@link #requireRegularFile(Path, Limit)}; {@code expected} says what the file should be ("a state file"). */
    public static void requireRegularFile(Path path, String expected) throws InputFileException {
        if (!Files.exists(path)) {
            throw new InputFileException(path, "no such file");
        }
        if (Files.isDirectory(path)) {
            throw new InputFileException(path, "is a directory, expected " + expected);
        }
        if (!Files.isRegularFile(path)) {
            throw new InputFileException(path, "is not a regular file (a device, FIFO or socket), expected " + expected);
        }
        if (!Files.isReadable(path)) {
            throw new InputFileException(path, "permission denied");
        }
    }

    /** The raw bytes of a regular file of at most the limit. */
    public static byte[] read(Path path, Limit limit) throws IOException {
        requireRegularFile(path, limit);
        long max = limit.bytes();
        long size = Files.size(path);
        if (size > max) {
            throw tooBig(path, limit, size + " bytes");
        }
        try (InputStream in = Files.newInputStream(path)) {
            // The file may grow between the size check and the read: read at most one byte past the limit.
            return readBounded(in, path, limit, "");
        } catch (NoSuchFileException e) {
            throw new InputFileException(path, "no such file", e);
        } catch (AccessDeniedException e) {
            throw new InputFileException(path, "permission denied", e);
        } catch (InputFileException e) {
            throw e;
        } catch (IOException e) {
            throw new InputFileException(path, "cannot be read: " + describe(e), e);
        }
    }

    /** The file's bytes, gunzipped when they start with the gzip magic; both sizes bounded by the limit. */
    public static byte[] readMaybeGzip(Path path, Limit limit) throws IOException {
        byte[] raw = read(path, limit);
        // Sniffing the magic rather than trusting the name also accepts a gzip file someone renamed.
        if (raw.length >= 2 && (raw[0] & 0xFF) == 0x1F && (raw[1] & 0xFF) == 0x8B) {
            try {
                // A first pass only counts, so a gzip bomb costs time but never the heap it would inflate to.
                long size = 0;
                try (InputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(raw))) {
                    byte[] skip = new byte[1 << 16];
                    for (int r; (r = in.read(skip)) >= 0; ) {
                        size += r;
                        if (size > limit.bytes()) {
                            throw tooBig(path, limit, "over " + limit.bytes() / MIB + " MiB once gunzipped");
                        }
                    }
                }
                try (InputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(raw))) {
                    return readBounded(in, path, limit, " once gunzipped");
                }
            } catch (ZipException | java.io.EOFException e) {
                throw new FileFormatException(path, "gzip", "corrupt or truncated gzip data (" + describe(e) + ")", e);
            }
        }
        return raw;
    }

    private static byte[] readBounded(InputStream in, Path path, Limit limit, String how) throws IOException {
        long max = limit.bytes();
        byte[] buf = new byte[(int) Math.min(max + 1, 1 << 16)];
        int n = 0;
        while (true) {
            if (n == buf.length) {
                if (n > max) {
                    throw tooBig(path, limit, "over " + max / MIB + " MiB" + how);
                }
                buf = Arrays.copyOf(buf, (int) Math.min(max + 1, (long) buf.length * 2));
            }
            int r = in.read(buf, n, buf.length - n);
            if (r < 0) {
                return n == buf.length ? buf : Arrays.copyOf(buf, n);
            }
            n += r;
        }
    }

    private static InputFileException tooBig(Path path, Limit limit, String size) {
        return new InputFileException(path, "too large (" + size + "): " + limit.reason());
    }

    /** An I/O exception's reason without its class name. */
    static String describe(IOException e) {
        String m = e.getMessage();
        return m == null ? e.getClass().getSimpleName() : m;
    }
}
