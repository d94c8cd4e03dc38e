package dev.faultscope.io;

import dev.faultscope.vm.Memory;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Random;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PageDeflaterTest {
    /** What zlib (and so Cannon's Go reader) makes of the stream: exactly the page, checksum checked. */
    private static byte[] inflate(byte[] stream, int len) throws DataFormatException {
        Inflater inf = new Inflater();
        try {
            inf.setInput(stream, 0, len);
            byte[] out = new byte[Memory.PAGE_SIZE + 1];
            int n = 0;
            while (n < out.length) {
                int r = inf.inflate(out, n, out.length - n);
                if (r == 0) {
                    break;
                }
                n += r;
            }
            assertTrue(inf.finished(), "stream not complete");
            assertEquals(0, inf.getRemaining(), "bytes after the stream");
            return Arrays.copyOf(out, n);
        } finally {
            inf.end();
        }
    }

    private static int roundTrip(PageDeflater d, byte[] page) throws DataFormatException {
        int n = d.deflate(page);
        assertTrue(n <= PageDeflater.MAX_BYTES, "too long: " + n);
        assertArrayEquals(page, inflate(d.compressed(), n));
        return n;
    }

    @Test
    void pagesOfEveryKindInflateBackExactly() throws DataFormatException {
        Random rnd = new Random(3);
        PageDeflater d = new PageDeflater(); // reused across pages, as the writer does
        for (int k = 0; k < 600; k++) {
            byte[] page = new byte[Memory.PAGE_SIZE];
            switch (k % 6) {
                case 0 -> { } // zeros
                case 1 -> rnd.nextBytes(page);
                case 2 -> {
                    for (int i = 0; i < page.length; i++) {
                        page[i] = (byte) rnd.nextInt(3); // short runs, many 3-byte repeats
                    }
                }
                case 3 -> {
                    int step = 1 + rnd.nextInt(300);
                    for (int i = 0; i < page.length; i++) {
                        page[i] = (byte) (i / step); // long runs: matches up to 258 bytes, at distance 1
                    }
                }
                case 4 -> {
                    rnd.nextBytes(page);
                    for (int i = 1; i < page.length; i++) {
                        if (rnd.nextInt(4) > 0) {
                            page[i] = page[rnd.nextInt(i)]; // repeats at every distance up to 4095
                        }
                    }
                }
                default -> {
                    rnd.nextBytes(page);
                    int at = rnd.nextInt(page.length - 300);
                    Arrays.fill(page, at, at + 280, (byte) 0x55); // one run in noise, ending anywhere
                }
            }
            roundTrip(d, page);
        }
    }

    @Test
    void zeroPageIsSmallAndNoiseIsStoredNotExpanded() throws DataFormatException {
        PageDeflater d = new PageDeflater();
        assertTrue(roundTrip(d, new byte[Memory.PAGE_SIZE]) < 40);
        byte[] noise = new byte[Memory.PAGE_SIZE];
        new Random(5).nextBytes(noise);
        assertEquals(PageDeflater.MAX_BYTES, roundTrip(d, noise));
        assertEquals(0x78, d.compressed()[0] & 0xFF);
        assertEquals(0, ((d.compressed()[0] & 0xFF) << 8 | (d.compressed()[1] & 0xFF)) % 31, "zlib header check");
    }

    /**
     * A page that barely compresses in its first KiB is stored without searching the rest; one that compresses
     * there is searched to its end, however the rest looks.
     */
    @Test
    void theFirstKibibyteDecidesWhetherAPageIsSearched() throws DataFormatException {
        PageDeflater d = new PageDeflater();
        Random rnd = new Random(9);
        byte[] noiseThenZeros = new byte[Memory.PAGE_SIZE];
        byte[] noise = new byte[1100];
        rnd.nextBytes(noise);
        System.arraycopy(noise, 0, noiseThenZeros, 0, noise.length);
        assertEquals(PageDeflater.MAX_BYTES, roundTrip(d, noiseThenZeros), "stored after the probe");
        byte[] zerosThenNoise = new byte[Memory.PAGE_SIZE];
        byte[] tail = new byte[Memory.PAGE_SIZE - 1100];
        rnd.nextBytes(tail);
        System.arraycopy(tail, 0, zerosThenNoise, 1100, tail.length);
        assertTrue(roundTrip(d, zerosThenNoise) < PageDeflater.MAX_BYTES - 900, "the zeros are coded");
    }
}
