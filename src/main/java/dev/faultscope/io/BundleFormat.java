package dev.faultscope.io;

import java.nio.charset.StandardCharsets;

/**
 * The constants of the trace bundle format ({@code .fstrace}, docs/formats.md "Trace bundle"): a header, a run of
 * sections each compressed on its own, and a fixed-size footer that points at the index, so a reader opens a
 * bundle by reading its tail and then seeks straight to the checkpoint it needs.
 */
final class BundleFormat {
    static final byte[] MAGIC = "FSTRACE\n".getBytes(StandardCharsets.US_ASCII);
    static final byte[] END_MAGIC = "FSTREND\n".getBytes(StandardCharsets.US_ASCII);
    static final int VERSION = 1;
    static final int HEADER_BYTES = 12;
    /** type(4) stored length(4) raw length(4) crc32 of the stored bytes(4). */
    static final int SECTION_HEADER_BYTES = 16;
    /** index offset(8) SHA-256 of everything before the footer(32) end magic(8). */
    static final int FOOTER_BYTES = 48;
    /** A bound on one section's raw size, so a damaged length cannot make a reader allocate gigabytes. */
    static final int MAX_SECTION_BYTES = 1 << 30;

    static final String MANIFEST = "MANI";
    static final String META = "META";
    static final String PAGE = "PAGE";
    static final String CHECKPOINT = "CKPT";
    static final String FINAL = "FINL";
    static final String PREIMAGES = "PREI";
    static final String HINTS = "HINT";
    static final String INDEX = "INDX";

    static final String VM = "cannon-mips32 single-threaded, state version 2 (MIPS.sol 1.2.x)";

    private BundleFormat() {
    }
}
