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

    /** Runs until the program exits or {@code maxSteps} steps have run; returns the steps executed. */
    public long run(long maxSteps) {
        long done = 0;
        while (done < maxSteps && !s.exited) {
            step();
            done++;
        }
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
