package dev.faultscope.fpp;

import java.util.List;

/** One L1 block of the model: its 80-byte header, hash and, when it carries transactions, its batch. */
public final class L1Block {
    private final long number;
    private final long timestamp;
    private final Bytes32 parentHash;
    private final Bytes32 batchHash;
    private final Bytes32 hash;
    private final byte[] header;
    private final byte[] batch;
    private final List<Tx> txs;

    /** Builds the block after {@code parent} (null for genesis); an empty {@code txs} means no batch. */
    L1Block(L1Block parent, long timestamp, List<Tx> txs) {
        this.number = parent == null ? 0 : parent.number + 1;
        this.timestamp = timestamp;
        this.parentHash = parent == null ? Bytes32.ZERO : parent.hash;
        this.txs = List.copyOf(txs);
        // docs/fpp.md: a block without transactions carries no batch at all (zero hash), never an empty one.
        this.batch = txs.isEmpty() ? null : Layouts.batch(txs);
        this.batchHash = batch == null ? Bytes32.ZERO : Bytes32.keccak(batch);
        this.header = Layouts.l1Header(parentHash, number, timestamp, batchHash);
        this.hash = Bytes32.keccak(header);
    }

    public long number() {
        return number;
    }

    public long timestamp() {
        return timestamp;
    }

    public Bytes32 parentHash() {
        return parentHash;
    }

    /** Zero when the block carries no batch. */
    public Bytes32 batchHash() {
        return batchHash;
    }

    public Bytes32 hash() {
        return hash;
    }

    public boolean hasBatch() {
        return batch != null;
    }

    /** The 80-byte header, the pre-image of {@link #hash()}. */
    public byte[] header() {
        return header.clone();
    }

    /** The batch bytes, the pre-image of {@link #batchHash()}, or null when the block carries none. */
    public byte[] batch() {
        return batch == null ? null : batch.clone();
    }

    /** The batch's transactions in order (empty without a batch). */
    public List<Tx> txs() {
        return txs;
    }
}
