package dev.faultscope.vm;

import java.util.Arrays;

/**
 * The last steps a cursor executed, each with everything it changed, so stepping back over them costs O(1)
 * instead of a restore and a replay. A step changes the registers (and pre-image cursor, heap, exit status,
 * pending hint) and at most one aligned memory word: a store's, or the word a pre-image read fills. Which word
 * is known before the step from its instruction and registers, so the old value is saved then.
 *
 * <p>A ring of fixed size: recording allocates nothing, and the oldest steps fall off the end.
 */
final class StepUndoLog {
    /** Registers 0..31, then pc, nextPC, lo, hi, heap, exitCode, exited, preimageOffset. */
    private static final int INTS = 40;
    private static final int SYS_READ = 4003;
    private static final int FD_PREIMAGE_READ = 5;

    private final int capacity;
    private final int[] ints;
    private final byte[] keys;
    private final byte[][] hints;
    private final long[] steps;
    /** Aligned address of the word the step may write, when {@link #writes} is set. */
    private final int[] addrs;
    private final int[] oldWords;
    private final boolean[] writes;
    private final boolean[] pageWasMissing;
    /** The slot the next step is recorded in. */
    private int head;
    private int size;

    StepUndoLog(int capacity) {
        this.capacity = capacity;
        ints = new int[capacity * INTS];
        keys = new byte[capacity * 32];
        hints = new byte[capacity][];
        steps = new long[capacity];
        addrs = new int[capacity];
        oldWords = new int[capacity];
        writes = new boolean[capacity];
        pageWasMissing = new boolean[capacity];
    }

    int size() {
        return size;
    }

    void clear() {
        size = 0;
        Arrays.fill(hints, null);
    }

    /** Saves what the next step of {@code s} may change; {@link #commit} once the step has happened. */
    void record(VmState s) {
        int h = head;
        int o = h * INTS;
        int[] r = s.registers;
        System.arraycopy(r, 0, ints, o, 32);
        ints[o + 32] = s.pc;
        ints[o + 33] = s.nextPC;
        ints[o + 34] = s.lo;
        ints[o + 35] = s.hi;
        ints[o + 36] = s.heap;
        ints[o + 37] = s.exitCode;
        ints[o + 38] = s.exited ? 1 : 0;
        ints[o + 39] = s.preimageOffset;
        System.arraycopy(s.preimageKey, 0, keys, h * 32, 32);
        hints[h] = s.lastHint; // never changed in place: a step that adds hint bytes makes a new array
        steps[h] = s.step;
        int addr = writtenWord(s);
        writes[h] = addr != -1; // an aligned address is never -1
        if (writes[h]) {
            addrs[h] = addr;
            pageWasMissing[h] = !s.memory.hasPage(addr >>> Memory.PAGE_SHIFT);
            oldWords[h] = s.memory.getWord(addr);
        }
    }

    /** The step recorded last has happened. */
    void commit() {
        head = (head + 1) % capacity;
        if (size < capacity) {
            size++;
        }
    }

    /** Undoes the newest step, if it led to the state {@code s} is in; false (and the log emptied) otherwise. */
    boolean undo(VmState s) {
        if (size == 0) {
            return false;
        }
        int h = (head - 1 + capacity) % capacity;
        if (steps[h] != s.step - 1) {
            clear();
            return false;
        }
        int o = h * INTS;
        System.arraycopy(ints, o, s.registers, 0, 32);
        s.pc = ints[o + 32];
        s.nextPC = ints[o + 33];
        s.lo = ints[o + 34];
        s.hi = ints[o + 35];
        s.heap = ints[o + 36];
        s.exitCode = ints[o + 37];
        s.exited = ints[o + 38] != 0;
        s.preimageOffset = ints[o + 39];
        System.arraycopy(keys, h * 32, s.preimageKey, 0, 32);
        s.lastHint = hints[h];
        hints[h] = null;
        s.step = steps[h];
        if (writes[h]) {
            Memory mem = s.memory;
            int addr = addrs[h];
            if (pageWasMissing[h]) {
                mem.dropPage(addr >>> Memory.PAGE_SHIFT);
            } else if (mem.getWord(addr) != oldWords[h]) {
                mem.setWord(addr, oldWords[h]);
            }
        }
        head = h;
        size--;
        return true;
    }

    /** The aligned word a store (or sc) at pc writes, or -1 for an instruction that writes no memory by itself. */
    private static int writtenWord(VmState s) {
        if ((s.pc & 3) != 0 || s.exited) {
            return -1; // the step faults or does nothing
        }
        int insn = s.memory.getWord(s.pc);
        int opcode = insn >>> 26;
        if (opcode >= 0x28) {
            // sb, sh, swl, sw, swr, sc (and any other opcode there, which at worst saves a word it leaves alone)
            return (s.registers[(insn >>> 21) & 31] + (short) insn) & ~3;
        }
        if (opcode == 0 && (insn & 0x3F) == 0x0C && s.registers[2] == SYS_READ && s.registers[4] == FD_PREIMAGE_READ) {
            return s.registers[5] & ~3; // a pre-image read fills (part of) the word at a1
        }
        return -1;
    }
}
