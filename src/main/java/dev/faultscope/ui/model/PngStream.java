package dev.faultscope.ui.model;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;

/**
 * Writes a PNG (8-bit RGB) one row at a time, so an image too large to hold in memory (the whole tree at 3×) can be
 * rendered in strips and streamed. Rows use the "up" filter, which suits flat drawings.
 */
public final class PngStream implements AutoCloseable {
    private static final int CHUNK = 1 << 16;

    private final OutputStream out;
    private final int width;
    private final int height;
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
    private final DeflaterOutputStream deflate;
    private final byte[] row;
    private final byte[] previous;
    private int rows;

    public PngStream(OutputStream out, int width, int height) throws IOException {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("a PNG needs a positive size, not " + width + "×" + height);
        }
        this.out = out;
        this.width = width;
        this.height = height;
        this.row = new byte[1 + 3 * width];
        this.previous = new byte[3 * width];
        out.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        ByteArrayOutputStream ihdr = new ByteArrayOutputStream();
        int32(ihdr, width);
        int32(ihdr, height);
        ihdr.write(new byte[] {8, 2, 0, 0, 0});
        chunk("IHDR", ihdr.toByteArray());
        deflate = new DeflaterOutputStream(pending, new Deflater(6));
    }

    /** Appends one row of {@code width} ARGB pixels from {@code argb[offset…]} (alpha is dropped). */
    public void row(int[] argb, int offset) throws IOException {
        if (rows == height) {
            throw new IllegalStateException("the PNG already has its " + height + " rows");
        }
        row[0] = 2;
        for (int x = 0; x < width; x++) {
            int p = argb[offset + x];
            for (int k = 0; k < 3; k++) {
                byte v = (byte) (p >>> (16 - 8 * k));
                row[1 + 3 * x + k] = (byte) (v - previous[3 * x + k]);
                previous[3 * x + k] = v;
            }
        }
        deflate.write(row);
        rows++;
        if (pending.size() >= CHUNK) {
            chunk("IDAT", pending.toByteArray());
            pending.reset();
        }
    }

    @Override
    public void close() throws IOException {
        if (rows != height) {
            throw new IOException("the PNG got " + rows + " of its " + height + " rows");
        }
        deflate.finish();
        chunk("IDAT", pending.toByteArray());
        chunk("IEND", new byte[0]);
        out.flush();
    }

    private void chunk(String type, byte[] data) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream(data.length + 12);
        int32(b, data.length);
        byte[] t = type.getBytes(StandardCharsets.US_ASCII);
        b.write(t);
        b.write(data);
        CRC32 crc = new CRC32();
        crc.update(t);
        crc.update(data);
        int32(b, (int) crc.getValue());
        b.writeTo(out);
    }

    private static void int32(ByteArrayOutputStream b, int v) {
        b.write(v >>> 24);
        b.write(v >>> 16);
        b.write(v >>> 8);
        b.write(v);
    }
}
