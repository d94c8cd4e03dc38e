package dev.faultscope.fpp;

import java.util.List;

/** One derived L2 block: header, state and output with their hashes, and what happened to each transaction. */
public final class L2Block {
    private final long number;
    private final Bytes32 parentHash;
    private final L1Block l1Origin;
    private final long[] balances;
    private final byte[] state;
    private final Bytes32 stateRoot;
    private final byte[] header;
    private final Bytes32 hash;
    private final byte[] output;
    private final Bytes32 outputRoot;
    private final List<TxResult> results;
    private final String note;

    L2Block(L2Block parent, L1Block l1Origin, long[] balances, List<TxResult> results, String note) {
        this.number = parent == null ? 0 : parent.number + 1;
        this.parentHash = parent == null ? Bytes32.ZERO : parent.hash;
        this.l1Origin = l1Origin;
        this.balances = balances.clone();
        this.state = Layouts.state(balances);
        this.stateRoot = Bytes32.keccak(state);
        this.header = Layouts.l2Header(parentHash, number, l1Origin.hash(), l1Origin.number(), stateRoot);
        this.hash = Bytes32.keccak(header);
        this.output = Layouts.output(stateRoot, hash);
        this.outputRoot = Bytes32.keccak(output);
        this.results = List.copyOf(results);
        this.note = note;
    }

    public long number() {
        return number;
    }

    public Bytes32 parentHash() {
        return parentHash;
    }

    public L1Block l1Origin() {
        return l1Origin;
    }

    /** Balances after this block, uint64 in longs' bits. */
    public long[] balances() {
        return balances.clone();
    }

    public long balance(int account) {
        return balances[account];
    }

    /** The state bytes {@code N u32 ‖ balance u64 × N}, pre-image of {@link #stateRoot()}. */
    public byte[] state() {
        return state.clone();
    }

    public Bytes32 stateRoot() {
        return stateRoot;
    }

    /** The 112-byte L2 header, pre-image of {@link #hash()}. */
    public byte[] header() {
        return header.clone();
    }

    public Bytes32 hash() {
        return hash;
    }

    /** The 128-byte output, pre-image of {@link #outputRoot()}. */
    public byte[] output() {
        return output.clone();
    }

    public Bytes32 outputRoot() {
        return outputRoot;
    }

    /** One result per transaction of the origin's batch, in order (empty for genesis and batch-less origins). */
    public List<TxResult> results() {
        return results;
    }

    /** What a wrong proposer did beyond the rules in this block (e.g. a self-credit), or null. */
    public String note() {
        return note;
    }
}
