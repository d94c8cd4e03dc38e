package dev.faultscope.vm.onchain;

import dev.faultscope.crypto.Keccak256;
import dev.faultscope.oracle.PreimageOracle;

import java.util.Arrays;

/**
 * The stateless step verifier: what the on-chain {@code MIPS.step} does, from the witness bytes, the two
 * memory proofs and the pre-image oracle alone (cannon-mips32.md sections 1-5 and 8).
 *
 * <p>Deliberately shares no code with the emulator: a dispute is only as sound as the agreement of two
 * independent readings of the spec, so this class works on the byte arrays and never sees a memory image.
 */
public final class StepVerifier {
    public static final int WITNESS_BYTES = 226;
    public static final int TREE_DEPTH = 27;
    public static final int MEMORY_PROOF_BYTES = 32 * (TREE_DEPTH + 1);
    public static final int STEP_PROOF_BYTES = 2 * MEMORY_PROOF_BYTES;

    private static final int INSN_PROOF = 0;
    private static final int DATA_PROOF = MEMORY_PROOF_BYTES;

    private static final int W_MEM_ROOT = 0;
    private static final int W_PREIMAGE_KEY = 32;
    private static final int W_PREIMAGE_OFFSET = 64;
    private static final int W_PC = 68;
    private static final int W_NEXT_PC = 72;
    private static final int W_LO = 76;
    private static final int W_HI = 80;
    private static final int W_HEAP = 84;
    private static final int W_EXIT_CODE = 88;
    private static final int W_EXITED = 89;
    private static final int W_STEP = 90;
    private static final int W_REGISTERS = 98;

    private StepVerifier() {
    }

    /**
     * Verifies and executes one step.
     *
     * @param stateData the 226-byte pre-state witness
     * @param proof     the instruction word's 896-byte memory proof, then the data word's. As on chain, where it is
     *                  calldata padded to 32 bytes, only the proofs the instruction reads must be there: a proof too
     *                  short for one it reads is refused ({@link StepRejected.Reason#NOT_ENOUGH_CALLDATA}), bytes
     *                  past 1792 are ignored
     * @param oracle    consulted only by a pre-image read (fd 5), with the witness's key; may be null
     * @throws StepRejected when these bytes have no valid post-state
     */
    public static VerifiedStep step(byte[] stateData, byte[] proof, PreimageOracle oracle) {
        if (stateData == null || stateData.length != WITNESS_BYTES) {
            throw new StepRejected(StepRejected.Reason.WRONG_STATE_DATA_LENGTH,
                (stateData == null ? "none" : stateData.length + " bytes") + ", expected " + WITNESS_BYTES, -1);
        }
        int exited = stateData[W_EXITED] & 0xFF;
        if (exited > 1) {
            throw new StepRejected(StepRejected.Reason.INVALID_WITNESS, "exited byte is " + exited + ", must be 0 or 1", -1);
        }
        if (exited == 1) {
            // An exited machine is a fixed point: no proof is looked at and even the step counter stays.
            byte[] same = stateData.clone();
            return new VerifiedStep(same, stateHash(same), -1, 0, false);
        }
        byte[] given = proof == null ? new byte[0] : proof;
        // Calldata comes in 32-byte words, zero-padded: a proof of 865 bytes reads as 896 with zeros at the end.
        int available = (given.length + 31) & ~31;
        Execution e = new Execution(stateData, Arrays.copyOf(given, Math.max(available, STEP_PROOF_BYTES)), available, oracle);
        e.run();
        return e.result();
    }

    /** True when {@code proof[offset..offset+896)} proves a word at the 4-byte-aligned {@code addr} under {@code root}. */
    public static boolean verifyMemoryProof(byte[] root, int addr, byte[] proof, int offset) {
        if (root == null || root.length != 32 || proof == null || offset < 0
            || proof.length - offset < MEMORY_PROOF_BYTES || (addr & 3) != 0) {
            // The contract reverts on an unaligned address instead of proving part of a leaf.
            return false;
        }
        byte[] computed = fold(addr, Arrays.copyOfRange(proof, offset, offset + 32), proof, offset);
        return Arrays.equals(computed, root);
    }

    /**
     * The memory root after the word at {@code addr} is set to {@code value}, computed from the proof's
     * siblings. Only meaningful once the same proof was verified against the current root.
     */
    public static byte[] rootAfterWrite(int addr, int value, byte[] proof, int offset) {
        checkProofArgs(addr, proof, offset);
        byte[] leaf = Arrays.copyOfRange(proof, offset, offset + 32);
        putInt(leaf, addr & 31, value);
        return fold(addr, leaf, proof, offset);
    }

    /** The word at {@code addr} as held in the proof's leaf (not verified). */
    public static int wordInProof(int addr, byte[] proof, int offset) {
        checkProofArgs(addr, proof, offset);
        return getInt(proof, offset + (addr & 31));
    }

    /** keccak(witness) with byte 0 replaced by the VM status. */
    public static byte[] stateHash(byte[] witness) {
        byte[] h = Keccak256.hash(witness);
        boolean exited = witness[W_EXITED] != 0;
        int code = witness[W_EXIT_CODE] & 0xFF;
        h[0] = (byte) (!exited ? 3 : code == 0 ? 0 : code == 1 ? 1 : 2);
        return h;
    }

    private static void checkProofArgs(int addr, byte[] proof, int offset) {
        if ((addr & 3) != 0) {
            throw new IllegalArgumentException(String.format("memory address 0x%08x is not word-aligned", addr));
        }
        if (proof == null || offset < 0 || proof.length - offset < MEMORY_PROOF_BYTES) {
            throw new IllegalArgumentException("a memory proof needs " + MEMORY_PROOF_BYTES + " bytes at offset " + offset);
        }
    }

    /** Hashes a leaf up through the 27 siblings; bit i of the leaf index says whether the node is a right child. */
    private static byte[] fold(int addr, byte[] leaf, byte[] proof, int offset) {
        byte[] node = leaf;
        byte[] pair = new byte[64];
        int path = addr >>> 5;
        for (int level = 1; level <= TREE_DEPTH; level++, path >>>= 1) {
            int sibling = offset + 32 * level;
            if ((path & 1) != 0) {
                System.arraycopy(proof, sibling, pair, 0, 32);
                System.arraycopy(node, 0, pair, 32, 32);
            } else {
                System.arraycopy(node, 0, pair, 0, 32);
                System.arraycopy(proof, sibling, pair, 32, 32);
            }
            node = Keccak256.hash(pair);
        }
        return node;
    }

    static int getInt(byte[] b, int off) {
        return (b[off] & 0xFF) << 24 | (b[off + 1] & 0xFF) << 16 | (b[off + 2] & 0xFF) << 8 | (b[off + 3] & 0xFF);
    }

    static void putInt(byte[] b, int off, int v) {
        b[off] = (byte) (v >>> 24);
        b[off + 1] = (byte) (v >>> 16);
        b[off + 2] = (byte) (v >>> 8);
        b[off + 3] = (byte) v;
    }

    private static String hex(int v) {
        return String.format("0x%08x", v);
    }

    private static String hex(byte[] b) {
        StringBuilder sb = new StringBuilder("0x");
        for (byte x : b) {
            sb.append(String.format("%02x", x & 0xFF));
        }
        return sb.toString();
    }

    /** One step's working copy of the machine, decoded from the witness and encoded back at the end. */
    private static final class Execution {
        private static final int EBADF = 9;
        private static final int EINVAL = 0x16;

        private final byte[] proof;
        /** How many proof bytes the calldata holds; MIPS.sol checks it before each memory proof it reads. */
        private final int available;
        private final PreimageOracle oracle;

        private final byte[] memRoot;
        private final byte[] preimageKey;
        private int preimageOffset;
        private int pc;
        private int nextPC;
        private int lo;
        private int hi;
        private int heap;
        private int exitCode;
        private boolean exited;
        private long stepCount;
        private final int[] regs = new int[32];

        private int insn;
        private int dataAddress = -1;
        private int dataWord;
        private boolean dataWritten;

        Execution(byte[] w, byte[] proof, int available, PreimageOracle oracle) {
            this.proof = proof;
            this.available = available;
            this.oracle = oracle;
            memRoot = Arrays.copyOfRange(w, W_MEM_ROOT, W_MEM_ROOT + 32);
            preimageKey = Arrays.copyOfRange(w, W_PREIMAGE_KEY, W_PREIMAGE_KEY + 32);
            preimageOffset = getInt(w, W_PREIMAGE_OFFSET);
            pc = getInt(w, W_PC);
            nextPC = getInt(w, W_NEXT_PC);
            lo = getInt(w, W_LO);
            hi = getInt(w, W_HI);
            heap = getInt(w, W_HEAP);
            exitCode = w[W_EXIT_CODE] & 0xFF;
            exited = w[W_EXITED] != 0;
            stepCount = (long) getInt(w, W_STEP) << 32 | (getInt(w, W_STEP + 4) & 0xFFFFFFFFL);
            for (int i = 0; i < 32; i++) {
                regs[i] = getInt(w, W_REGISTERS + 4 * i);
            }
        }

        VerifiedStep result() {
            byte[] w = new byte[WITNESS_BYTES];
            System.arraycopy(memRoot, 0, w, W_MEM_ROOT, 32);
            System.arraycopy(preimageKey, 0, w, W_PREIMAGE_KEY, 32);
            putInt(w, W_PREIMAGE_OFFSET, preimageOffset);
            putInt(w, W_PC, pc);
            putInt(w, W_NEXT_PC, nextPC);
            putInt(w, W_LO, lo);
            putInt(w, W_HI, hi);
            putInt(w, W_HEAP, heap);
            w[W_EXIT_CODE] = (byte) exitCode;
            w[W_EXITED] = (byte) (exited ? 1 : 0);
            putInt(w, W_STEP, (int) (stepCount >>> 32));
            putInt(w, W_STEP + 4, (int) stepCount);
            for (int i = 0; i < 32; i++) {
                putInt(w, W_REGISTERS + 4 * i, regs[i]);
            }
            return new VerifiedStep(w, stateHash(w), dataAddress, dataWord, dataWritten);
        }

        void run() {
            stepCount++;
            requireProofBytes(INSN_PROOF);
            if ((pc & 3) != 0) {
                throw reject(StepRejected.Reason.UNALIGNED_PC, "cannot fetch an instruction at " + hex(pc));
            }
            if (!verifyMemoryProof(memRoot, pc, proof, INSN_PROOF)) {
                throw reject(StepRejected.Reason.INVALID_INSTRUCTION_PROOF, "the proof does not show the word at pc " + hex(pc));
            }
            insn = wordInProof(pc, proof, INSN_PROOF);
            int opcode = insn >>> 26;
            if (opcode == 0 && (insn & 0x3F) == 0x0C) {
                syscall();
            } else if (opcode == 0x30 || opcode == 0x38) {
                linkedOrConditional(opcode == 0x38);
            } else {
                execute(opcode);
            }
        }

        private StepRejected reject(StepRejected.Reason reason, String detail) {
            return new StepRejected(reason, detail + " (step " + Long.toUnsignedString(stepCount) + ", pc " + hex(pc)
                + ", instruction " + hex(insn) + ")", dataAddress);
        }

        private StepRejected invalidInstruction() {
            return reject(StepRejected.Reason.INVALID_INSTRUCTION, hex(insn));
        }

        // ---- registers and control flow ----

        private void setReg(int reg, int value) {
            if (reg != 0) {
                regs[reg] = value;
            }
        }

        private void advance() {
            pc = nextPC;
            nextPC = nextPC + 4;
        }

        private boolean inDelaySlot() {
            return nextPC != pc + 4;
        }

        private void jump(int linkReg, int target) {
            if (inDelaySlot()) {
                throw reject(StepRejected.Reason.JUMP_IN_DELAY_SLOT, "nextPC " + hex(nextPC) + " is not pc + 4");
            }
            int from = pc;
            pc = nextPC;
            nextPC = target;
            setReg(linkReg, from + 8);
        }

        private void branch(int opcode, int rtField, int rs) {
            if (inDelaySlot()) {
                throw reject(StepRejected.Reason.BRANCH_IN_DELAY_SLOT, "nextPC " + hex(nextPC) + " is not pc + 4");
            }
            boolean taken;
            if (opcode == 4) {
                taken = rs == regs[rtField];
            } else if (opcode == 5) {
                taken = rs != regs[rtField];
            } else if (opcode == 6) {
                taken = rs <= 0;
            } else if (opcode == 7) {
                taken = rs > 0;
            } else if (rtField == 0) {
                taken = rs < 0;
            } else if (rtField == 1 || rtField == 0x11) {
                taken = rs >= 0;
            } else {
                // The contract treats every other REGIMM condition as "not taken" rather than invalid.
                taken = false;
            }
            int from = pc;
            if (opcode == 1 && rtField == 0x11) {
                regs[31] = from + 8;
            }
            pc = nextPC;
            nextPC = taken ? from + 4 + ((short) insn << 2) : nextPC + 4;
        }

        // ---- instructions ----

        private void execute(int opcode) {
            if (opcode == 2 || opcode == 3) {
                jump(opcode == 3 ? 31 : 0, (nextPC & 0xF0000000) | ((insn & 0x03FFFFFF) << 2));
                return;
            }
            int rtField = (insn >>> 16) & 31;
            int rs = regs[(insn >>> 21) & 31];
            if (opcode == 1 || (opcode >= 4 && opcode <= 7)) {
                branch(opcode, rtField, rs);
                return;
            }
            if (opcode >= 0x20) {
                loadOrStore(opcode, rtField, rs);
                return;
            }
            int rt;
            int rd;
            if (opcode == 0 || opcode == 0x1C) {
                rt = regs[rtField];
                rd = (insn >>> 11) & 31;
            } else {
                rt = opcode >= 0x0C && opcode <= 0x0E ? insn & 0xFFFF : (short) insn;
                rd = rtField;
            }
            int fun = insn & 0x3F;
            if (opcode == 0) {
                switch (fun) {
                    case 0x08 -> {
                        jump(0, rs);
                        return;
                    }
                    case 0x09 -> {
                        jump(rd, rs);
                        return;
                    }
                    case 0x0A -> {
                        if (rt == 0) {
                            setReg(rd, rs);
                        }
                        advance();
                        return;
                    }
                    case 0x0B -> {
                        if (rt != 0) {
                            setReg(rd, rs);
                        }
                        advance();
                        return;
                    }
                    case 0x10, 0x11, 0x12, 0x13, 0x18, 0x19, 0x1A, 0x1B -> {
                        hiLo(fun, rs, rt, rd);
                        return;
                    }
                    default -> {
                    }
                }
            }
            setReg(rd, arithmetic(opcode, fun, rs, rt));
            advance();
        }

        private int arithmetic(int opcode, int fun, int rs, int rt) {
            if (opcode == 0x1C) {
                return switch (fun) {
                    case 0x02 -> rs * rt;
                    case 0x20 -> Integer.numberOfLeadingZeros(rs);
                    case 0x21 -> Integer.numberOfLeadingZeros(~rs);
                    default -> throw invalidInstruction();
                };
            }
            if (opcode == 0x0F) {
                return rt << 16;
            }
            int op = switch (opcode) {
                case 0x00 -> fun;
                case 0x08 -> 0x20;
                case 0x09 -> 0x21;
                case 0x0A -> 0x2A;
                case 0x0B -> 0x2B;
                case 0x0C -> 0x24;
                case 0x0D -> 0x25;
                case 0x0E -> 0x26;
                default -> throw invalidInstruction();
            };
            int shamt = (insn >>> 6) & 31;
            return switch (op) {
                case 0x00 -> rt << shamt;
                case 0x02 -> rt >>> shamt;
                case 0x03 -> rt >> shamt;
                case 0x04 -> rt << (rs & 31);
                case 0x06 -> rt >>> (rs & 31);
                case 0x07 -> rt >> (rs & 31);
                case 0x0F -> rs;
                case 0x20, 0x21 -> rs + rt;
                case 0x22, 0x23 -> rs - rt;
                case 0x24 -> rs & rt;
                case 0x25 -> rs | rt;
                case 0x26 -> rs ^ rt;
                case 0x27 -> ~(rs | rt);
                case 0x2A -> rs < rt ? 1 : 0;
                case 0x2B -> Integer.compareUnsigned(rs, rt) < 0 ? 1 : 0;
                default -> throw invalidInstruction();
            };
        }

        private void hiLo(int fun, int rs, int rt, int rd) {
            int value = 0;
            switch (fun) {
                case 0x10 -> value = hi;
                case 0x11 -> hi = rs;
                case 0x12 -> value = lo;
                case 0x13 -> lo = rs;
                case 0x18 -> {
                    long product = (long) rs * (long) rt;
                    hi = (int) (product >> 32);
                    lo = (int) product;
                }
                case 0x19 -> {
                    long product = (rs & 0xFFFFFFFFL) * (rt & 0xFFFFFFFFL);
                    hi = (int) (product >>> 32);
                    lo = (int) product;
                }
                case 0x1A, 0x1B -> {
                    if (rt == 0) {
                        throw reject(StepRejected.Reason.DIVISION_BY_ZERO, "divisor register is 0");
                    }
                    boolean signed = fun == 0x1A;
                    lo = signed ? rs / rt : Integer.divideUnsigned(rs, rt);
                    hi = signed ? rs % rt : Integer.remainderUnsigned(rs, rt);
                }
                default -> throw invalidInstruction();
            }
            setReg(rd, value);
            advance();
        }

        private void loadOrStore(int opcode, int rtField, int rs) {
            int vaddr = rs + (short) insn;
            int addr = vaddr & ~3;
            // The contract proves the word before decoding the opcode, so a bad proof wins over a bad opcode.
            int mem = readData(addr);
            int rt = regs[rtField];
            int lane = vaddr & 3;
            int result = switch (opcode) {
                case 0x20 -> (byte) subWord(mem, vaddr, 1);
                case 0x21 -> (short) subWord(mem, vaddr, 2);
                case 0x22 -> (rt & ~(-1 << (lane * 8))) | (mem << (lane * 8));
                case 0x23 -> mem;
                case 0x24 -> subWord(mem, vaddr, 1);
                case 0x25 -> subWord(mem, vaddr, 2);
                case 0x26 -> (rt & ~(-1 >>> (24 - lane * 8))) | (mem >>> (24 - lane * 8));
                case 0x28 -> withSubWord(mem, vaddr, 1, rt);
                case 0x29 -> withSubWord(mem, vaddr, 2, rt);
                case 0x2A -> (mem & ~(-1 >>> (lane * 8))) | (rt >>> (lane * 8));
                case 0x2B -> rt;
                case 0x2E -> (mem & ~(-1 << (24 - lane * 8))) | (rt << (24 - lane * 8));
                default -> throw invalidInstruction();
            };
            if (opcode >= 0x28) {
                writeData(addr, result);
            } else {
                setReg(rtField, result);
            }
            advance();
        }

        private static int subWord(int mem, int vaddr, int size) {
            int shift = (4 - size - (vaddr & 3 & ~(size - 1))) * 8;
            int mask = size == 4 ? -1 : (1 << (8 * size)) - 1;
            return (mem >>> shift) & mask;
        }

        private static int withSubWord(int mem, int vaddr, int size, int value) {
            int shift = (4 - size - (vaddr & 3 & ~(size - 1))) * 8;
            int mask = size == 4 ? -1 : (1 << (8 * size)) - 1;
            return (mem & ~(mask << shift)) | ((value & mask) << shift);
        }

        private void linkedOrConditional(boolean conditional) {
            int rtField = (insn >>> 16) & 31;
            int addr = (regs[(insn >>> 21) & 31] + (short) insn) & ~3;
            int mem = readData(addr);
            if (conditional) {
                // Single-threaded: no other writer can break the reservation, so SC always succeeds.
                writeData(addr, regs[rtField]);
                setReg(rtField, 1);
            } else {
                setReg(rtField, mem);
            }
            advance();
        }

        // ---- the data word ----

        private void requireProofBytes(int offset) {
            if (available < offset + MEMORY_PROOF_BYTES) {
                throw reject(StepRejected.Reason.NOT_ENOUGH_CALLDATA, "the proof has " + available + " bytes (with padding), "
                    + "the " + (offset == INSN_PROOF ? "instruction's" : "data word's") + " memory proof ends at byte "
                    + (offset + MEMORY_PROOF_BYTES));
            }
        }

        private int readData(int addr) {
            requireProofBytes(DATA_PROOF);
            if (!verifyMemoryProof(memRoot, addr, proof, DATA_PROOF)) {
                throw reject(StepRejected.Reason.INVALID_DATA_PROOF, "the proof does not show the word at " + hex(addr));
            }
            dataAddress = addr;
            dataWord = wordInProof(addr, proof, DATA_PROOF);
            return dataWord;
        }

        private void writeData(int addr, int value) {
            requireProofBytes(DATA_PROOF);
            byte[] root = rootAfterWrite(addr, value, proof, DATA_PROOF);
            System.arraycopy(root, 0, memRoot, 0, 32);
            dataWord = value;
            dataWritten = true;
        }

        // ---- syscalls ----

        private void syscall() {
            int a0 = regs[4];
            int a1 = regs[5];
            int a2 = regs[6];
            int v0 = 0;
            int v1 = 0;
            switch (regs[2]) {
                case 4090 -> {
                    int size = a1;
                    if ((size & 0xFFF) != 0) {
                        size += 0x1000 - (size & 0xFFF);
                    }
                    if (a0 != 0) {
                        v0 = a0;
                    } else {
                        int newHeap = heap + size;
                        boolean overflow = Integer.compareUnsigned(newHeap, 0x60000000) > 0
                            || Integer.compareUnsigned(newHeap, heap) < 0
                            || Integer.compareUnsigned(size, a1) < 0;
                        if (overflow) {
                            v0 = -1;
                            v1 = EINVAL;
                        } else {
                            v0 = heap;
                            heap = newHeap;
                        }
                    }
                }
                case 4045 -> v0 = 0x40000000;
                case 4120 -> v0 = 1;
                case 4246 -> {
                    exited = true;
                    exitCode = a0 & 0xFF;
                    return;
                }
                case 4003 -> {
                    switch (a0) {
                        case 0 -> v0 = 0;
                        case 3 -> v0 = a2;
                        case 5 -> v0 = readPreimage(a1, a2);
                        default -> {
                            v0 = -1;
                            v1 = EBADF;
                        }
                    }
                }
                case 4004 -> {
                    switch (a0) {
                        case 1, 2, 4 -> v0 = a2;
                        case 6 -> v0 = writePreimageKey(a1, a2);
                        default -> {
                            v0 = -1;
                            v1 = EBADF;
                        }
                    }
                }
                case 4055 -> {
                    if (a1 == 3) {
                        switch (a0) {
                            case 0, 3, 5 -> v0 = 0;
                            case 1, 2, 4, 6 -> v0 = 1;
                            default -> {
                                v0 = -1;
                                v1 = EBADF;
                            }
                        }
                    } else if (a1 == 1) {
                        if (a0 >= 0 && a0 <= 6) {
                            v0 = 0;
                        } else {
                            v0 = -1;
                            v1 = EBADF;
                        }
                    } else {
                        v0 = -1;
                        v1 = EINVAL;
                    }
                }
                default -> {
                }
            }
            regs[2] = v0;
            regs[7] = v1;
            advance();
        }

        private int writePreimageKey(int buf, int count) {
            int addr = buf & ~3;
            int mem = readData(addr);
            int lane = buf & 3;
            int n = (int) Math.min(count & 0xFFFFFFFFL, 4 - lane);
            System.arraycopy(preimageKey, n, preimageKey, 0, 32 - n);
            for (int i = 0; i < n; i++) {
                preimageKey[32 - n + i] = (byte) (mem >>> (8 * (3 - lane - i)));
            }
            preimageOffset = 0;
            return n;
        }

        private int readPreimage(int buf, int count) {
            int addr = buf & ~3;
            int mem = readData(addr);
            byte[] data = oracle == null ? null : oracle.preimage(preimageKey.clone());
            if (data == null) {
                throw reject(StepRejected.Reason.MISSING_PREIMAGE, "no pre-image for key " + hex(preimageKey));
            }
            long total = 8L + data.length;
            long offset = preimageOffset & 0xFFFFFFFFL;
            if (offset >= total) {
                throw reject(StepRejected.Reason.PREIMAGE_READ_PAST_END, "offset " + offset + " of " + total
                    + " bytes (with the length prefix) of key " + hex(preimageKey));
            }
            int lane = buf & 3;
            int n = (int) Math.min(Math.min(count & 0xFFFFFFFFL, 4 - lane), total - offset);
            for (int i = 0; i < n; i++) {
                long pos = offset + i;
                int b = pos < 8 ? (int) (((long) data.length >>> (8 * (7 - pos))) & 0xFF) : data[(int) (pos - 8)] & 0xFF;
                int shift = 8 * (3 - lane - i);
                mem = (mem & ~(0xFF << shift)) | (b << shift);
            }
            writeData(addr, mem);
            preimageOffset += n;
            return n;
        }
    }
}
