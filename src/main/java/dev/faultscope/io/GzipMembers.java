package dev.faultscope.io;

import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * A gzip file written as consecutive members, which gzip (RFC 1952), Go's gzip reader (Cannon) and Java's
 * {@code GZIPInputStream} all read as one stream. So parts gzipped on other threads ({@link #gzip}) can be put
 * between the parts this stream compresses itself ({@link #writeMember}), instead of one thread gzipping it all.
 */
final class GzipMembers extends OutputStream {
    private final OutputStream out;
    private final boolean precompressed;
    private GZIPOutputStream member;

    /** {@code precompressed}: see {@link JsonFiles#writeStream}. */
    GzipMembers(OutputStream out, boolean precompressed) {
        this.out = out;
        this.precompressed = precompressed;
    }

    /** A gzip stream over {@code target}; Huffman coding only when the data is mostly compressed already. */
    static GZIPOutputStream open(OutputStream target, boolean precompressed) throws IOException {
        return new GZIPOutputStream(target, 1 << 16) {
            {
                if (precompressed) {
                    def.setStrategy(Deflater.HUFFMAN_ONLY);
                }
            }
        };
    }

    /** {@code data[off..off+len)} as one complete gzip member, for {@link #writeMember}. */
    static byte[] gzip(byte[] data, int off, int len, boolean precompressed) {
        ByteArrayOutputStream buf = new ByteArrayOutputStream(len / 2 + 64);
        try (GZIPOutputStream gz = open(buf, precompressed)) {
            gz.write(data, off, len);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e); // a byte array does not fail
        }
        return buf.toByteArray();
    }

    boolean precompressed() {
        return precompressed;
    }

    /** Ends the member being written, if any, and puts a complete one made by {@link #gzip} after it. */
    void writeMember(byte[] gz) throws IOException {
        endMember();
        out.write(gz);
    }

    @Override
    public void write(int b) throws IOException {
        member().write(b);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        member().write(b, off, len);
    }

    private GZIPOutputStream member() throws IOException {
        if (member == null) {
            // The member's close ends its deflater but must not close the file.
            member = open(new FilterOutputStream(out) {
                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    out.write(b, off, len);
                }

                @Override
                public void close() {
                }
            }, precompressed);
        }
        return member;
    }

    private void endMember() throws IOException {
        if (member != null) {
            member.close();
            member = null;
        }
    }

    @Override
    public void flush() throws IOException {
        out.flush();
    }

    @Override
    public void close() throws IOException {
        try {
            endMember();
        } finally {
            out.close();
        }
    }
}
