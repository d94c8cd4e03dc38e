package dev.faultscope.fpp;

/**
 * An L2 transaction as a batch carries it (docs/fpp.md): 17 bytes {@code kind u8 ‖ from u32 ‖ to u32 ‖ amount u64}.
 *
 * @param kind   {@link #TRANSFER} or {@link #DEPOSIT}
 * @param from   sender account, 0..2^32−1 (a deposit carries 0 here; the program ignores it)
 * @param to     receiving account, 0..2^32−1; values ≥ N are allowed and make the transaction skipped
 * @param amount unsigned 64-bit amount, held in a long's bits
 */
public record Tx(int kind, long from, long to, long amount) {
    public static final int TRANSFER = 0;
    public static final int DEPOSIT = 1;
    public static final int BYTES = 17;

    public Tx {
        if (kind != TRANSFER && kind != DEPOSIT) {
            throw new IllegalArgumentException("transaction kind must be 0 (transfer) or 1 (deposit), got " + kind);
        }
        if (from < 0 || from > 0xFFFF_FFFFL || to < 0 || to > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("account numbers are uint32, got from " + from + ", to " + to);
        }
    }

    public static Tx transfer(long from, long to, long amount) {
        return new Tx(TRANSFER, from, to, amount);
    }

    public static Tx deposit(long to, long amount) {
        return new Tx(DEPOSIT, 0, to, amount);
    }

    public boolean isDeposit() {
        return kind == DEPOSIT;
    }

    /** The 17-byte encoding. */
    public byte[] encode() {
        byte[] b = new byte[BYTES];
        b[0] = (byte) kind;
        Layouts.putU32(b, 1, from);
        Layouts.putU32(b, 5, to);
        Layouts.putU64(b, 9, amount);
        return b;
    }
}
