package dev.faultscope.ui.model;

/**
 * Sixteen bytes of memory at {@code address}.
 *
 * @param mapped      whether the page holding them exists (untouched pages read as zero and are never created)
 * @param accessMask  bit i set when byte i belongs to the word the last step read or wrote
 */
public record MemoryRow(int address, byte[] bytes, boolean mapped, int accessMask) {
    public static final int BYTES = 16;

    public String ascii() {
        return Numbers.ascii(bytes);
    }
}
