package dev.faultscope.vm;

import dev.faultscope.crypto.Keccak256;

import java.util.Arrays;

/**
 * The whole single-threaded MIPS32 machine state (Cannon's state version 2): memory, registers and the
 * pre-image cursor. Fields are package-visible so the emulator's hot loop reads them directly.
 */
public final class VmState {
    public static final int WITNESS_BYTES = 226;
    public static final int STATUS_VALID = 0;
    public static final int STATUS_INVALID = 1;
    public static final int STATUS_PANIC = 2;
    public static final int STATUS_UNFINISHED = 3;

    final Memory memory;
    final byte[] preimageKey = new byte[32];
    int preimageOffset;
    int pc;
    int nextPC;
    int lo;
    int hi;
    int heap;
    int exitCode;
    boolean exited;
    long step;
    final int[] registers = new int[32];
    /** Hint bytes written to fd 4 that do not yet form a whole {@code uint32 length ‖ hint} frame. */
    byte[] lastHint = new byte[0];

    public VmState() {
        this(new Memory());
    }

    public VmState(Memory memory) {
        this.memory = memory;
        this.nextPC = 4;
    }

    /** A deep copy; memory pages are shared copy-on-write. */
    public VmState copy() {
        VmState c = new VmState(memory.copy());
        c.copyRegistersFrom(this);
        return c;
    }

    /**
     * A frozen image of this state for keeping many of: it holds a memory snapshot rather than a memory
     * (whose page table alone is megabytes). Restore with {@link #restore}.
     */
    public Checkpoint checkpoint() {
        VmState registersOnly = new VmState(NO_MEMORY);
        registersOnly.copyRegistersFrom(this);
        return new Checkpoint(registersOnly, memory.snapshot());
    }

    public record Checkpoint(VmState registers, Memory.Snapshot memory) {
        public long step() {
            return registers.step;
        }

        public VmState restore() {
            VmState s = new VmState(new Memory(memory));
            s.copyRegistersFrom(registers);
            return s;
        }

        /** Puts {@code s} back into this state, reusing its memory's page table (see {@link Memory#restore}). */
        public void restoreInto(VmState s) {
            s.memory.restore(memory);
            s.copyRegistersFrom(registers);
        }
    }

    /** Stands in for memory in checkpoints, which keep theirs as a snapshot; never written. */
    private static final Memory NO_MEMORY = new Memory();

    private void copyRegistersFrom(VmState o) {
        System.arraycopy(o.preimageKey, 0, preimageKey, 0, 32);
        preimageOffset = o.preimageOffset;
        pc = o.pc;
        nextPC = o.nextPC;
        lo = o.lo;
        hi = o.hi;
        heap = o.heap;
        exitCode = o.exitCode;
        exited = o.exited;
        step = o.step;
        System.arraycopy(o.registers, 0, registers, 0, 32);
        lastHint = o.lastHint.clone();
    }

    // ---- witness and hash ----

    /** The 226-byte witness (section 1 of the spec). */
    public byte[] witness() {
        byte[] w = new byte[WITNESS_BYTES];
        encodeWitness(w, 0);
        return w;
    }

    public void encodeWitness(byte[] out, int off) {
        memory.merkleRoot(out, off);
        System.arraycopy(preimageKey, 0, out, off + 32, 32);
        putInt(out, off + 64, preimageOffset);
        putInt(out, off + 68, pc);
        putInt(out, off + 72, nextPC);
        putInt(out, off + 76, lo);
        putInt(out, off + 80, hi);
        putInt(out, off + 84, heap);
        out[off + 88] = (byte) exitCode;
        out[off + 89] = (byte) (exited ? 1 : 0);
        putInt(out, off + 90, (int) (step >>> 32));
        putInt(out, off + 94, (int) step);
        for (int i = 0; i < 32; i++) {
            putInt(out, off + 98 + 4 * i, registers[i]);
        }
    }

    public byte[] stateHash() {
        return stateHashOf(witness());
    }

    /** keccak(witness) with byte 0 replaced by the VM status the witness describes. */
    public static byte[] stateHashOf(byte[] witness) {
        if (witness.length != WITNESS_BYTES) {
            throw new IllegalArgumentException("state witness has " + witness.length + " bytes, expected " + WITNESS_BYTES);
        }
        int exitedByte = witness[89] & 0xFF;
        if (exitedByte > 1) {
            throw new IllegalArgumentException("state witness has exited byte " + exitedByte + ", must be 0 or 1");
        }
        byte[] h = Keccak256.hash(witness);
        h[0] = (byte) status(exitedByte == 1, witness[88] & 0xFF);
        return h;
    }

    public static int status(boolean exited, int exitCode) {
        if (!exited) {
            return STATUS_UNFINISHED;
        }
        return exitCode == 0 ? STATUS_VALID : exitCode == 1 ? STATUS_INVALID : STATUS_PANIC;
    }

    public int status() {
        return status(exited, exitCode);
    }

    static void putInt(byte[] b, int off, int v) {
        b[off] = (byte) (v >>> 24);
        b[off + 1] = (byte) (v >>> 16);
        b[off + 2] = (byte) (v >>> 8);
        b[off + 3] = (byte) v;
    }

    // ---- accessors ----

    public Memory memory() {
        return memory;
    }

    public int pc() {
        return pc;
    }

    public void setPc(int pc) {
        this.pc = pc;
    }

    public int nextPC() {
        return nextPC;
    }

    public void setNextPC(int nextPC) {
        this.nextPC = nextPC;
    }

    public int lo() {
        return lo;
    }

    public void setLo(int lo) {
        this.lo = lo;
    }

    public int hi() {
        return hi;
    }

    public void setHi(int hi) {
        this.hi = hi;
    }

    public int heap() {
        return heap;
    }

    public void setHeap(int heap) {
        this.heap = heap;
    }

    public int exitCode() {
        return exitCode;
    }

    public boolean exited() {
        return exited;
    }

    public void setExit(boolean exited, int exitCode) {
        this.exited = exited;
        this.exitCode = exitCode & 0xFF;
    }

    public long step() {
        return step;
    }

    public void setStep(long step) {
        this.step = step;
    }

    public int register(int i) {
        return registers[i];
    }

    /** Sets register i; r0 stays 0 as the machine never writes it. */
    public void setRegister(int i, int value) {
        if (i != 0) {
            registers[i] = value;
        }
    }

    public int[] registers() {
        return registers.clone();
    }

    public byte[] preimageKey() {
        return preimageKey.clone();
    }

    public void setPreimageKey(byte[] key) {
        if (key.length != 32) {
            throw new IllegalArgumentException("pre-image key has " + key.length + " bytes, expected 32");
        }
        System.arraycopy(key, 0, preimageKey, 0, 32);
    }

    public int preimageOffset() {
        return preimageOffset;
    }

    public void setPreimageOffset(int preimageOffset) {
        this.preimageOffset = preimageOffset;
    }

    public byte[] lastHint() {
        return lastHint.clone();
    }

    public void setLastHint(byte[] lastHint) {
        this.lastHint = lastHint.clone();
    }

    /** True when both describe the same machine: same witness and pending hint bytes. */
    public boolean sameAs(VmState o) {
        return Arrays.equals(witness(), o.witness()) && Arrays.equals(lastHint, o.lastHint);
    }
}
