package dev.faultscope.vm;

import dev.faultscope.oracle.PreimageOracle;

import java.io.OutputStream;

/**
 * Executes Cannon's single-threaded MIPS32 one instruction at a time on a {@link VmState}
 * (cannon-mips32.md section 3; syscalls in {@link Syscalls}).
 *
 * <p>A step either completes or throws {@link VmFault} with the state untouched: every check that can
 * fail comes before the first change. The plain step path allocates nothing.
 */
public final class Mips32Emulator {
    private final VmState s;
    private final int[] r;
    private final Memory mem;
    private final Syscalls syscalls;
    private ProofRecorder recorder;
    /** True only while {@link #stepWithProof} runs its step, so plain steps pay one flag check per data access. */
    private boolean recorderActive;

    /** Aligned address of the data word the last step read or wrote, or -1 when it touched none. */
    private int lastDataAddr = -1;
    private boolean lastDataWritten;

    public Mips32Emulator(VmState state, PreimageOracle oracle) {
        this.s = state;
        this.r = state.registers;
        this.mem = state.memory;
        this.syscalls = new Syscalls(this, state, oracle);
    }

    public VmState state() {
        return s;
    }

    /** Where the program's stdout (fd 1) and stderr (fd 2) go; null discards. */
    public void setOutput(OutputStream stdout, OutputStream stderr) {
        syscalls.setOutput(stdout, stderr);
    }

    public int lastDataAddress() {
        return lastDataAddr;
    }

    public boolean lastDataWritten() {
        return lastDataWritten;
    }

    /**
     * Runs until the program exits or {@code maxSteps} steps have run; returns the steps executed. The same
     * states, faults and step counts as calling {@link #step} that many times, only faster: all but the last
     * step go through {@link #runFast}, and the last through {@link #step}, so {@link #lastDataAddress} describes it.
     */
    public long run(long maxSteps) {
        if (maxSteps <= 0 || s.exited) {
            return 0;
        }
        long done = runFast(maxSteps - 1);
        if (!s.exited) {
            step();
            done++;
        }
        return done;
    }

    /** Marks the cached code page as absent; no page base has bit 2 set, so the fetch test always fails. */
    private static final int NO_PAGE = 4;
    /** The most steps one call of a translated block may run (its result has 31 bits for them). */
    private static final long MAX_BLOCK_BUDGET = 1 << 30;
    /** Never a fetched pc (those are aligned): no branch target is waiting to be counted. */
    private static final int NO_TARGET = 1;
    /**
     * A branch target reached this many times ({@link PageCode#heat}) is translated to bytecode
     * ({@link BlockTranslator}); 0 never. Translating and compiling a block costs milliseconds of CPU, what
     * interpreting it a few thousand times costs, so only code that runs that often gains.
     */
    private int translateAfter = 256;

    /** Steps run in translated blocks, for tests and benchmarks. */
    private long translatedSteps;

    long translatedSteps() {
        return translatedSteps;
    }

    /** Blocks the translator thread made for this emulator, installed by {@link #runFast} between instructions. */
    private final TranslationInbox inbox = new TranslationInbox();
    private boolean translateInPlace;

    /** For tests: how often a branch target is reached before its block is translated; 0 turns translation off. */
    void translateAfter(int times) {
        this.translateAfter = times <= 0 ? -1 : times;
    }

    /** For tests: translate on the calling thread at once, so which steps run translated does not depend on timing. */
    void translateInPlace() {
        this.translateInPlace = true;
    }

    /** Asks for the block at {@code target} to be translated, if its page still takes translations. */
    private void translate(int target) {
        MemoryPage p = mem.pageAt(target);
        PageCode code = p.code;
        int wi = (target >>> 2) & (MemoryPage.WORDS - 1);
        if (!code.translatable()) {
            return;
        }
        if (translateInPlace) {
            CompiledBlock block = BlockTranslator.translate(p, target);
            if (block != null) {
                if (code.blocks == null) {
                    code.blocks = new CompiledBlock[MemoryPage.WORDS];
                }
                TranslationInbox.install(p, target, block);
            }
            code.heat[wi] = -64 * translateAfter; // not looked for again soon (it may be untranslatable)
        } else {
            // Asked again if no block has come after a few times as many arrivals: it may have come back after
            // this emulator stopped, been dropped by a full queue, or its page may have been written meanwhile.
            code.heat[wi] = TranslatorThread.request(inbox, p, target) ? -3 * translateAfter : 0;
        }
    }

    /**
     * The hot loop: pc, nextPC and the step count live in locals, instructions are classified once per word
     * and page ({@link Decoder}, cached on the page and cleared by a write to its word) and run from one switch.
     * Anything unusual (a syscall, a fault, an invalid or unaligned fetch, a branch in a delay slot) takes one
     * {@link #step} with the state written back first, so faults are raised by the reference code on an exact state.
     * It keeps no record of data accesses: {@link #stepWithProof} and {@link #step} do that.
     */
    private long runFast(long maxSteps) {
        final VmState s = this.s;
        final int[] r = this.r;
        final Memory mem = this.mem;
        final long startStep = s.step;
        int pc = s.pc;
        int nextPC = s.nextPC;
        long done = 0;
        int codeBase = NO_PAGE;
        int[] words = null;
        byte[] decoded = null;
        CompiledBlock[] blocks = null;
        int[] heat = null;
        int countAt = NO_TARGET;
        long blockSteps = 0;
        while (done < maxSteps) {
            slow:
            {
                if ((pc & 0xFFFFF003) != codeBase) {
                    MemoryPage p = (pc & 3) == 0 ? mem.pageAt(pc) : null;
                    if (p == null) {
                        break slow; // an unaligned fetch faults; an unwritten page holds zeros (no-ops)
                    }
                    codeBase = pc & 0xFFFFF000;
                    words = p.words;
                    PageCode code = p.code;
                    if (code == null) {
                        code = new PageCode();
                        p.code = code;
                    }
                    decoded = code.ops;
                    blocks = code.blocks;
                    heat = code.heat;
                }
                int wi = (pc >>> 2) & (MemoryPage.WORDS - 1);
                if (blocks != null) {
                    CompiledBlock block = blocks[wi];
                    if (block != null && nextPC == pc + 4) {
                        long result = block.run(r, mem, s, (int) Math.min(maxSteps - done, MAX_BLOCK_BUDGET));
                        int ran = (int) (result >>> 32) & 0x7FFFFFFF;
                        if (ran != 0) { // 0: too few steps left for it, or a division by zero first: stepped below
                            done += ran;
                            blockSteps += ran;
                            pc = (int) result;
                            nextPC = pc + 4;
                            if (result < 0) {
                                codeBase = NO_PAGE; // it wrote into its own page, which may have been copied
                            }
                            countAt = pc;
                            continue;
                        }
                    }
                }
                if (pc == countAt) {
                    // A branch target, or where a block left to code that has none (a branch's fall-through, say).
                    countAt = NO_TARGET;
                    if (nextPC == pc + 4 && ++heat[wi] == translateAfter) {
                        translate(pc);
                        codeBase = NO_PAGE;
                        continue;
                    }
                }
                int insn = words[wi];
                int op = decoded[wi];
                if (op == 0) {
                    op = Decoder.decode(insn);
                    decoded[wi] = (byte) op;
                }
                switch (op) {
                    case Decoder.NOP:
                        break;
                    case Decoder.ADDIU:
                        r[(insn >>> 16) & 31] = r[(insn >>> 21) & 31] + (short) insn;
                        break;
                    case Decoder.ADDU:
                        r[(insn >>> 11) & 31] = r[(insn >>> 21) & 31] + r[(insn >>> 16) & 31];
                        break;
                    case Decoder.SUBU:
                        r[(insn >>> 11) & 31] = r[(insn >>> 21) & 31] - r[(insn >>> 16) & 31];
                        break;
                    case Decoder.AND:
                        r[(insn >>> 11) & 31] = r[(insn >>> 21) & 31] & r[(insn >>> 16) & 31];
                        break;
                    case Decoder.OR:
                        r[(insn >>> 11) & 31] = r[(insn >>> 21) & 31] | r[(insn >>> 16) & 31];
                        break;
                    case Decoder.XOR:
                        r[(insn >>> 11) & 31] = r[(insn >>> 21) & 31] ^ r[(insn >>> 16) & 31];
                        break;
                    case Decoder.NOR:
                        r[(insn >>> 11) & 31] = ~(r[(insn >>> 21) & 31] | r[(insn >>> 16) & 31]);
                        break;
                    case Decoder.SLT:
                        r[(insn >>> 11) & 31] = r[(insn >>> 21) & 31] < r[(insn >>> 16) & 31] ? 1 : 0;
                        break;
                    case Decoder.SLTU:
                        r[(insn >>> 11) & 31] = Integer.compareUnsigned(r[(insn >>> 21) & 31], r[(insn >>> 16) & 31]) < 0 ? 1 : 0;
                        break;
                    // Java masks int shift distances to 5 bits, as MIPS does.
                    case Decoder.SLL:
                        r[(insn >>> 11) & 31] = r[(insn >>> 16) & 31] << (insn >>> 6);
                        break;
                    case Decoder.SRL:
                        r[(insn >>> 11) & 31] = r[(insn >>> 16) & 31] >>> (insn >>> 6);
                        break;
                    case Decoder.SRA:
                        r[(insn >>> 11) & 31] = r[(insn >>> 16) & 31] >> (insn >>> 6);
                        break;
                    case Decoder.SLLV:
                        r[(insn >>> 11) & 31] = r[(insn >>> 16) & 31] << r[(insn >>> 21) & 31];
                        break;
                    case Decoder.SRLV:
                        r[(insn >>> 11) & 31] = r[(insn >>> 16) & 31] >>> r[(insn >>> 21) & 31];
                        break;
                    case Decoder.SRAV:
                        r[(insn >>> 11) & 31] = r[(insn >>> 16) & 31] >> r[(insn >>> 21) & 31];
                        break;
                    case Decoder.MOVZ:
                        if (r[(insn >>> 16) & 31] == 0) {
                            r[(insn >>> 11) & 31] = r[(insn >>> 21) & 31];
                        }
                        break;
                    case Decoder.MOVN:
                        if (r[(insn >>> 16) & 31] != 0) {
                            r[(insn >>> 11) & 31] = r[(insn >>> 21) & 31];
                        }
                        break;
                    case Decoder.SYNC:
                        r[(insn >>> 11) & 31] = r[(insn >>> 21) & 31];
                        break;
                    case Decoder.SLTI:
                        r[(insn >>> 16) & 31] = r[(insn >>> 21) & 31] < (short) insn ? 1 : 0;
                        break;
                    case Decoder.SLTIU:
                        r[(insn >>> 16) & 31] = Integer.compareUnsigned(r[(insn >>> 21) & 31], (short) insn) < 0 ? 1 : 0;
                        break;
                    case Decoder.ANDI:
                        r[(insn >>> 16) & 31] = r[(insn >>> 21) & 31] & (insn & 0xFFFF);
                        break;
                    case Decoder.ORI:
                        r[(insn >>> 16) & 31] = r[(insn >>> 21) & 31] | (insn & 0xFFFF);
                        break;
                    case Decoder.XORI:
                        r[(insn >>> 16) & 31] = r[(insn >>> 21) & 31] ^ (insn & 0xFFFF);
                        break;
                    case Decoder.LUI:
                        r[(insn >>> 16) & 31] = insn << 16;
                        break;
                    case Decoder.MUL:
                        r[(insn >>> 11) & 31] = r[(insn >>> 21) & 31] * r[(insn >>> 16) & 31];
                        break;
                    case Decoder.CLZ:
                        r[(insn >>> 11) & 31] = Integer.numberOfLeadingZeros(r[(insn >>> 21) & 31]);
                        break;
                    case Decoder.CLO:
                        r[(insn >>> 11) & 31] = Integer.numberOfLeadingZeros(~r[(insn >>> 21) & 31]);
                        break;
                    case Decoder.HILO: {
                        int fun = insn & 0x3F;
                        int b = r[(insn >>> 16) & 31];
                        if (b == 0 && (fun == 0x1A || fun == 0x1B)) {
                            break slow; // division by zero
                        }
                        int value = BlockOps.hiLo(s, fun, r[(insn >>> 21) & 31], b);
                        int rd = (insn >>> 11) & 31;
                        if (rd != 0) {
                            r[rd] = value;
                        }
                        break;
                    }
                    case Decoder.LW:
                        r[(insn >>> 16) & 31] = mem.getWord(r[(insn >>> 21) & 31] + (short) insn);
                        break;
                    case Decoder.LB: {
                        int a = r[(insn >>> 21) & 31] + (short) insn;
                        r[(insn >>> 16) & 31] = (byte) (mem.getWord(a) >>> ((3 - (a & 3)) << 3));
                        break;
                    }
                    case Decoder.LBU: {
                        int a = r[(insn >>> 21) & 31] + (short) insn;
                        r[(insn >>> 16) & 31] = (mem.getWord(a) >>> ((3 - (a & 3)) << 3)) & 0xFF;
                        break;
                    }
                    case Decoder.LH: {
                        int a = r[(insn >>> 21) & 31] + (short) insn;
                        r[(insn >>> 16) & 31] = (short) (mem.getWord(a) >>> ((2 - (a & 2)) << 3));
                        break;
                    }
                    case Decoder.LHU: {
                        int a = r[(insn >>> 21) & 31] + (short) insn;
                        r[(insn >>> 16) & 31] = (mem.getWord(a) >>> ((2 - (a & 2)) << 3)) & 0xFFFF;
                        break;
                    }
                    case Decoder.LWL: {
                        int a = r[(insn >>> 21) & 31] + (short) insn;
                        int rt = (insn >>> 16) & 31;
                        int sh = (a & 3) << 3;
                        r[rt] = (r[rt] & ~(0xFFFFFFFF << sh)) | (mem.getWord(a) << sh);
                        break;
                    }
                    case Decoder.LWR: {
                        int a = r[(insn >>> 21) & 31] + (short) insn;
                        int rt = (insn >>> 16) & 31;
                        int sh = 24 - ((a & 3) << 3);
                        r[rt] = (r[rt] & ~(0xFFFFFFFF >>> sh)) | (mem.getWord(a) >>> sh);
                        break;
                    }
                    case Decoder.SW: {
                        int a = r[(insn >>> 21) & 31] + (short) insn;
                        mem.setWord(a, r[(insn >>> 16) & 31]);
                        if ((a & 0xFFFFF000) == codeBase) {
                            codeBase = NO_PAGE; // the page may have been copied on write: fetch it again
                        }
                        break;
                    }
                    case Decoder.SB: {
                        int a = r[(insn >>> 21) & 31] + (short) insn;
                        int sh = (3 - (a & 3)) << 3;
                        mem.setWord(a, (mem.getWord(a) & ~(0xFF << sh)) | ((r[(insn >>> 16) & 31] & 0xFF) << sh));
                        if ((a & 0xFFFFF000) == codeBase) {
                            codeBase = NO_PAGE;
                        }
                        break;
                    }
                    case Decoder.SH: {
                        int a = r[(insn >>> 21) & 31] + (short) insn;
                        int sh = (2 - (a & 2)) << 3;
                        mem.setWord(a, (mem.getWord(a) & ~(0xFFFF << sh)) | ((r[(insn >>> 16) & 31] & 0xFFFF) << sh));
                        if ((a & 0xFFFFF000) == codeBase) {
                            codeBase = NO_PAGE;
                        }
                        break;
                    }
                    case Decoder.SWL: {
                        int a = r[(insn >>> 21) & 31] + (short) insn;
                        int sh = (a & 3) << 3;
                        mem.setWord(a, (mem.getWord(a) & ~(0xFFFFFFFF >>> sh)) | (r[(insn >>> 16) & 31] >>> sh));
                        if ((a & 0xFFFFF000) == codeBase) {
                            codeBase = NO_PAGE;
                        }
                        break;
                    }
                    case Decoder.SWR: {
                        int a = r[(insn >>> 21) & 31] + (short) insn;
                        int sh = 24 - ((a & 3) << 3);
                        mem.setWord(a, (mem.getWord(a) & ~(0xFFFFFFFF << sh)) | (r[(insn >>> 16) & 31] << sh));
                        if ((a & 0xFFFFF000) == codeBase) {
                            codeBase = NO_PAGE;
                        }
                        break;
                    }
                    case Decoder.SC: {
                        int a = r[(insn >>> 21) & 31] + (short) insn;
                        int rt = (insn >>> 16) & 31;
                        mem.setWord(a, r[rt]);
                        if (rt != 0) {
                            r[rt] = 1;
                        }
                        if ((a & 0xFFFFF000) == codeBase) {
                            codeBase = NO_PAGE;
                        }
                        break;
                    }
                    // Branches and jumps: in a delay slot they fault, which the reference step reports.
                    case Decoder.BEQ:
                    case Decoder.BNE:
                    case Decoder.BLTZ:
                    case Decoder.BGEZ:
                    case Decoder.BLEZ:
                    case Decoder.BGTZ:
                    case Decoder.BGEZAL:
                    case Decoder.BNEVER: {
                        if (nextPC != pc + 4) {
                            break slow;
                        }
                        int a = r[(insn >>> 21) & 31];
                        boolean taken = switch (op) {
                            case Decoder.BEQ -> a == r[(insn >>> 16) & 31];
                            case Decoder.BNE -> a != r[(insn >>> 16) & 31];
                            case Decoder.BLTZ -> a < 0;
                            case Decoder.BGEZ, Decoder.BGEZAL -> a >= 0;
                            case Decoder.BLEZ -> a <= 0;
                            case Decoder.BGTZ -> a > 0;
                            default -> false;
                        };
                        if (op == Decoder.BGEZAL) {
                            r[31] = pc + 8;
                        }
                        nextPC = taken ? pc + 4 + ((short) insn << 2) : pc + 8;
                        pc += 4;
                        done++;
                        countAt = nextPC;
                        if (inbox.hasBlocks()) {
                            inbox.install();
                            codeBase = NO_PAGE;
                        }
                        continue;
                    }
                    case Decoder.J:
                    case Decoder.JAL: {
                        if (nextPC != pc + 4) {
                            break slow;
                        }
                        if (op == Decoder.JAL) {
                            r[31] = pc + 8;
                        }
                        nextPC = (nextPC & 0xF0000000) | ((insn & 0x03FFFFFF) << 2);
                        pc += 4;
                        done++;
                        countAt = nextPC;
                        if (inbox.hasBlocks()) {
                            inbox.install();
                            codeBase = NO_PAGE;
                        }
                        continue;
                    }
                    case Decoder.JR:
                    case Decoder.JALR: {
                        if (nextPC != pc + 4) {
                            break slow;
                        }
                        int target = r[(insn >>> 21) & 31];
                        int rd = (insn >>> 11) & 31;
                        if (op == Decoder.JALR && rd != 0) {
                            r[rd] = pc + 8;
                        }
                        nextPC = target;
                        pc += 4;
                        done++;
                        countAt = nextPC;
                        if (inbox.hasBlocks()) {
                            inbox.install();
                            codeBase = NO_PAGE;
                        }
                        continue;
                    }
                    default:
                        break slow;
                }
                pc = nextPC;
                nextPC += 4;
                done++;
                continue;
            }
            // One reference step on the written-back state: a syscall, a fault, or a rare form.
            s.pc = pc;
            s.nextPC = nextPC;
            s.step = startStep + done;
            step();
            done++;
            pc = s.pc;
            nextPC = s.nextPC;
            codeBase = NO_PAGE; // a syscall may have written memory
            if (s.exited) {
                translatedSteps += blockSteps;
                return done;
            }
        }
        translatedSteps += blockSteps;
        s.pc = pc;
        s.nextPC = nextPC;
        s.step = startStep + done;
        return done;
    }

    /** Executes one instruction, and returns the proof the on-chain verifier needs to check it. */
    public StepProof stepWithProof() {
        if (recorder == null) {
            recorder = new ProofRecorder();
        }
        ProofRecorder rec = recorder;
        rec.begin(s);
        long preStep = s.step;
        byte[] pre = VmState.stateHashOf(rec.stateData);
        recorderActive = true;
        try {
            step();
        } finally {
            recorderActive = false;
        }
        return new StepProof(preStep, pre, s.stateHash(), rec.stateData.clone(), rec.proof.clone(),
            rec.oracleKey, rec.oracleValue, rec.oracleOffset);
    }

    /** Executes one instruction; does nothing once the program has exited. */
    public void step() {
        if (s.exited) {
            return;
        }
        lastDataAddr = -1;
        lastDataWritten = false;
        int pc = s.pc;
        if ((pc & 3) != 0) {
            throw fault(0, "unaligned instruction fetch");
        }
        int insn = mem.getWord(pc);
        int opcode = insn >>> 26;
        if (opcode == 0 && (insn & 0x3F) == 0x0C) {
            syscalls.handle(insn);
        } else if (opcode == 0x30 || opcode == 0x38) {
            loadLinkedOrStoreConditional(insn, opcode);
        } else {
            execute(insn, opcode);
        }
        s.step++;
    }

    private void loadLinkedOrStoreConditional(int insn, int opcode) {
        int rtReg = (insn >>> 16) & 31;
        int addr = (r[(insn >>> 21) & 31] + (short) insn) & ~3;
        int value = readData(addr);
        if (opcode == 0x30) {
            setReg(rtReg, value);
        } else {
            writeData(addr, r[rtReg]);
            setReg(rtReg, 1);
        }
        advance();
    }

    private void execute(int insn, int opcode) {
        if (opcode == 2 || opcode == 3) {
            jump(insn, opcode == 3 ? 31 : 0, (s.nextPC & 0xF0000000) | ((insn & 0x03FFFFFF) << 2));
            return;
        }
        int rtReg = (insn >>> 16) & 31;
        int rs = r[(insn >>> 21) & 31];
        int rt = 0;
        int rdReg = rtReg;
        if (opcode == 0 || opcode == 0x1C) {
            rt = r[rtReg];
            rdReg = (insn >>> 11) & 31;
        } else if (opcode < 0x20) {
            rt = opcode >= 0x0C && opcode <= 0x0E ? insn & 0xFFFF : (short) insn;
        } else if (opcode >= 0x28 || opcode == 0x22 || opcode == 0x26) {
            rt = r[rtReg];
        }
        if (opcode == 1 || (opcode >= 4 && opcode < 8)) {
            branch(insn, opcode, rtReg, rs);
            return;
        }
        int fun = insn & 0x3F;
        if (opcode == 0) {
            switch (fun) {
                case 0x08 -> {
                    jump(insn, 0, rs);
                    return;
                }
                case 0x09 -> {
                    jump(insn, rdReg, rs);
                    return;
                }
                case 0x0A -> {
                    if (rt == 0) {
                        setReg(rdReg, rs);
                    }
                    advance();
                    return;
                }
                case 0x0B -> {
                    if (rt != 0) {
                        setReg(rdReg, rs);
                    }
                    advance();
                    return;
                }
                case 0x10, 0x11, 0x12, 0x13, 0x18, 0x19, 0x1A, 0x1B -> {
                    hiLo(insn, fun, rs, rt, rdReg);
                    return;
                }
                default -> {
                }
            }
        }
        if (opcode >= 0x20) {
            int vaddr = rs + (short) insn;
            int addr = vaddr & ~3;
            int word = readData(addr);
            int value = loadStore(insn, opcode, vaddr, rt, word);
            if (opcode >= 0x28) {
                writeData(addr, value);
            } else {
                setReg(rtReg, value);
            }
        } else {
            setReg(rdReg, alu(insn, opcode, fun, rs, rt));
        }
        advance();
    }

    /** Register arithmetic: SPECIAL, SPECIAL2, the immediate forms and lui. */
    private int alu(int insn, int opcode, int fun, int rs, int rt) {
        if (opcode == 0x1C) {
            return switch (fun) {
                case 0x02 -> rs * rt;
                case 0x20 -> Integer.numberOfLeadingZeros(rs);
                case 0x21 -> Integer.numberOfLeadingZeros(~rs);
                default -> throw fault(insn, "invalid instruction");
            };
        }
        if (opcode != 0) {
            fun = switch (opcode) {
                case 0x08 -> 0x20;
                case 0x09 -> 0x21;
                case 0x0A -> 0x2A;
                case 0x0B -> 0x2B;
                case 0x0C -> 0x24;
                case 0x0D -> 0x25;
                case 0x0E -> 0x26;
                case 0x0F -> -1;
                default -> throw fault(insn, "invalid instruction");
            };
            if (fun == -1) {
                return rt << 16;
            }
        }
        return switch (fun) {
            case 0x00 -> rt << ((insn >>> 6) & 31);
            case 0x02 -> rt >>> ((insn >>> 6) & 31);
            case 0x03 -> rt >> ((insn >>> 6) & 31);
            case 0x04 -> rt << (rs & 31);
            case 0x06 -> rt >>> (rs & 31);
            case 0x07 -> rt >> (rs & 31);
            case 0x0F -> rs; // sync: rs to rd, a no-op in its standard encoding
            case 0x20, 0x21 -> rs + rt;
            case 0x22, 0x23 -> rs - rt;
            case 0x24 -> rs & rt;
            case 0x25 -> rs | rt;
            case 0x26 -> rs ^ rt;
            case 0x27 -> ~(rs | rt);
            case 0x2A -> rs < rt ? 1 : 0;
            case 0x2B -> Integer.compareUnsigned(rs, rt) < 0 ? 1 : 0;
            default -> throw fault(insn, "invalid instruction");
        };
    }

    /** The value a load puts in rt, or the word a store writes back. */
    private int loadStore(int insn, int opcode, int vaddr, int rt, int word) {
        int byteShift = (3 - (vaddr & 3)) * 8;
        int halfShift = (2 - (vaddr & 2)) * 8;
        int s = (vaddr & 3) * 8;
        return switch (opcode) {
            case 0x20 -> (byte) (word >>> byteShift);
            case 0x21 -> (short) (word >>> halfShift);
            case 0x22 -> (rt & ~(0xFFFFFFFF << s)) | (word << s);
            case 0x23 -> word;
            case 0x24 -> (word >>> byteShift) & 0xFF;
            case 0x25 -> (word >>> halfShift) & 0xFFFF;
            case 0x26 -> (rt & ~(0xFFFFFFFF >>> (24 - s))) | (word >>> (24 - s));
            case 0x28 -> (word & ~(0xFF << byteShift)) | ((rt & 0xFF) << byteShift);
            case 0x29 -> (word & ~(0xFFFF << halfShift)) | ((rt & 0xFFFF) << halfShift);
            case 0x2A -> (word & ~(0xFFFFFFFF >>> s)) | (rt >>> s);
            case 0x2B -> rt;
            case 0x2E -> (word & ~(0xFFFFFFFF << (24 - s))) | (rt << (24 - s));
            default -> throw fault(insn, "invalid instruction");
        };
    }

    private void hiLo(int insn, int fun, int rs, int rt, int rdReg) {
        int value = 0;
        switch (fun) {
            case 0x10 -> value = s.hi;
            case 0x11 -> s.hi = rs;
            case 0x12 -> value = s.lo;
            case 0x13 -> s.lo = rs;
            case 0x18 -> {
                long p = (long) rs * rt;
                s.hi = (int) (p >>> 32);
                s.lo = (int) p;
            }
            case 0x19 -> {
                long p = (rs & 0xFFFFFFFFL) * (rt & 0xFFFFFFFFL);
                s.hi = (int) (p >>> 32);
                s.lo = (int) p;
            }
            case 0x1A -> {
                if (rt == 0) {
                    throw fault(insn, "division by zero");
                }
                s.lo = rs / rt;
                s.hi = rs % rt;
            }
            default -> { // 0x1B divu
                if (rt == 0) {
                    throw fault(insn, "division by zero");
                }
                s.lo = Integer.divideUnsigned(rs, rt);
                s.hi = Integer.remainderUnsigned(rs, rt);
            }
        }
        setReg(rdReg, value);
        advance();
    }

    private void branch(int insn, int opcode, int rtReg, int rs) {
        if (s.nextPC != s.pc + 4) {
            throw fault(insn, "branch in delay slot");
        }
        boolean taken = switch (opcode) {
            case 4 -> rs == r[rtReg];
            case 5 -> rs != r[rtReg];
            case 6 -> rs <= 0;
            case 7 -> rs > 0;
            default -> switch (rtReg) { // REGIMM: the rt field selects the condition
                case 0x00 -> rs < 0;
                case 0x01, 0x11 -> rs >= 0;
                default -> false; // any other REGIMM encoding is a branch not taken
            };
        };
        int prev = s.pc;
        if (opcode == 1 && rtReg == 0x11) {
            r[31] = prev + 8; // bgezal links whether or not it branches
        }
        s.pc = s.nextPC;
        s.nextPC = taken ? prev + 4 + ((short) insn << 2) : s.nextPC + 4;
    }

    private void jump(int insn, int linkReg, int target) {
        if (s.nextPC != s.pc + 4) {
            throw fault(insn, "jump in delay slot");
        }
        int prev = s.pc;
        s.pc = s.nextPC;
        s.nextPC = target;
        setReg(linkReg, prev + 8);
    }

    void advance() {
        s.pc = s.nextPC;
        s.nextPC += 4;
    }

    void setReg(int reg, int value) {
        if (reg != 0) {
            r[reg] = value;
        }
    }

    /** Reads the data word at an aligned address, noting it for the step's proof. */
    int readData(int alignedAddr) {
        lastDataAddr = alignedAddr;
        if (recorderActive) {
            recorder.dataAccess(mem, alignedAddr);
        }
        return mem.getWord(alignedAddr);
    }

    /** Writes the data word last read (a step touches at most one). */
    void writeData(int alignedAddr, int value) {
        lastDataWritten = true;
        mem.setWord(alignedAddr, value);
    }

    void notePreimageRead(byte[] key, byte[] lengthPrefixedValue, int offset) {
        if (recorderActive) {
            recorder.preimageRead(key, lengthPrefixedValue, offset);
        }
    }

    VmFault fault(int insn, String reason) {
        int word = insn == 0 ? mem.getWord(s.pc) : insn;
        return new VmFault(s.step, s.pc, word, reason);
    }
}
