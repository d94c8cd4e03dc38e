package dev.faultscope.vm;

/**
 * A test-side MIPS32 assembler: one static method per mnemonic returning the encoded word, so a test reads
 * like the assembly it runs ({@code Asm.addiu(T0, SP, -8)}). Operand order follows the assembler syntax
 * ({@code op rd, rs, rt}; loads/stores {@code op rt, offset(base)} as {@code lw(rt, offset, base)}).
 *
 * <p>Written from the MIPS32 encoding tables, not from the emulator: tests must not take their expected
 * values from the code under test. {@link AsmTest} pins it to encodings produced by a real assembler.
 */
final class Asm {
    private Asm() {
    }

    // ---- registers (o32 names) ----
    static final int ZERO = 0, AT = 1, V0 = 2, V1 = 3, A0 = 4, A1 = 5, A2 = 6, A3 = 7;
    static final int T0 = 8, T1 = 9, T2 = 10, T3 = 11, T4 = 12, T5 = 13, T6 = 14, T7 = 15;
    static final int S0 = 16, S1 = 17, S2 = 18, S3 = 19, S4 = 20, S5 = 21, S6 = 22, S7 = 23;
    static final int T8 = 24, T9 = 25, K0 = 26, K1 = 27, GP = 28, SP = 29, FP = 30, RA = 31;

    // ---- primary opcodes ----
    static final int OP_SPECIAL = 0x00, OP_REGIMM = 0x01, OP_J = 0x02, OP_JAL = 0x03;
    static final int OP_BEQ = 0x04, OP_BNE = 0x05, OP_BLEZ = 0x06, OP_BGTZ = 0x07;
    static final int OP_ADDI = 0x08, OP_ADDIU = 0x09, OP_SLTI = 0x0A, OP_SLTIU = 0x0B;
    static final int OP_ANDI = 0x0C, OP_ORI = 0x0D, OP_XORI = 0x0E, OP_LUI = 0x0F;
    static final int OP_COP1 = 0x11, OP_BEQL = 0x14, OP_BNEL = 0x15, OP_BLEZL = 0x16, OP_BGTZL = 0x17;
    static final int OP_SPECIAL2 = 0x1C, OP_SPECIAL3 = 0x1F;
    static final int OP_LB = 0x20, OP_LH = 0x21, OP_LWL = 0x22, OP_LW = 0x23, OP_LBU = 0x24, OP_LHU = 0x25;
    static final int OP_LWR = 0x26, OP_SB = 0x28, OP_SH = 0x29, OP_SWL = 0x2A, OP_SW = 0x2B, OP_SWR = 0x2E;
    static final int OP_LL = 0x30, OP_LWC1 = 0x31, OP_LDC1 = 0x35, OP_SC = 0x38, OP_SWC1 = 0x39;

    // ---- REGIMM rt values ----
    static final int RT_BLTZ = 0x00, RT_BGEZ = 0x01, RT_BLTZL = 0x02, RT_BGEZL = 0x03;
    static final int RT_BLTZAL = 0x10, RT_BGEZAL = 0x11, RT_BLTZALL = 0x12, RT_BGEZALL = 0x13;

    // ---- raw formats ----

    static int rType(int opcode, int rs, int rt, int rd, int sa, int funct) {
        return field(opcode, 6, "opcode") << 26 | field(rs, 5, "rs") << 21 | field(rt, 5, "rt") << 16
            | field(rd, 5, "rd") << 11 | field(sa, 5, "sa") << 6 | field(funct, 6, "funct");
    }

    static int special(int rs, int rt, int rd, int sa, int funct) {
        return rType(OP_SPECIAL, rs, rt, rd, sa, funct);
    }

    static int special2(int rs, int rt, int rd, int funct) {
        return rType(OP_SPECIAL2, rs, rt, rd, 0, funct);
    }

    /** I-type; {@code imm} may be given signed (-32768..-1) or as its 16-bit pattern (0..0xFFFF). */
    static int iType(int opcode, int rs, int rt, int imm) {
        if (imm < -0x8000 || imm > 0xFFFF) {
            throw new IllegalArgumentException("immediate " + imm + " does not fit 16 bits");
        }
        return field(opcode, 6, "opcode") << 26 | field(rs, 5, "rs") << 21 | field(rt, 5, "rt") << 16 | (imm & 0xFFFF);
    }

    /** J-type with the raw 26-bit instruction index (the target word address within the 256 MiB region). */
    static int jType(int opcode, int index26) {
        return field(opcode, 6, "opcode") << 26 | field(index26, 26, "instr_index");
    }

    /** Any 32-bit pattern, for encodings no helper names. */
    static int word(int w) {
        return w;
    }

    private static int field(int v, int bits, String name) {
        if (v < 0 || v >= 1 << bits) {
            throw new IllegalArgumentException(name + " " + v + " does not fit " + bits + " bits");
        }
        return v;
    }

    // ---- SPECIAL: shifts ----

    static int nop() {
        return 0;
    }

    static int sll(int rd, int rt, int sa) {
        return special(0, rt, rd, sa, 0x00);
    }

    static int srl(int rd, int rt, int sa) {
        return special(0, rt, rd, sa, 0x02);
    }

    static int sra(int rd, int rt, int sa) {
        return special(0, rt, rd, sa, 0x03);
    }

    static int sllv(int rd, int rt, int rs) {
        return special(rs, rt, rd, 0, 0x04);
    }

    static int srlv(int rd, int rt, int rs) {
        return special(rs, rt, rd, 0, 0x06);
    }

    static int srav(int rd, int rt, int rs) {
        return special(rs, rt, rd, 0, 0x07);
    }

    // ---- SPECIAL: jumps, moves, system ----

    static int jr(int rs) {
        return special(rs, 0, 0, 0, 0x08);
    }

    /** {@code jalr rd, rs}: jump to R[rs], link pc + 8 into rd. */
    static int jalr(int rd, int rs) {
        return special(rs, 0, rd, 0, 0x09);
    }

    /** {@code jalr rs}: the assembler's default link register is ra. */
    static int jalr(int rs) {
        return jalr(RA, rs);
    }

    static int movz(int rd, int rs, int rt) {
        return special(rs, rt, rd, 0, 0x0A);
    }

    static int movn(int rd, int rs, int rt) {
        return special(rs, rt, rd, 0, 0x0B);
    }

    static int syscall() {
        return special(0, 0, 0, 0, 0x0C);
    }

    /** {@code break code}: the 20-bit code sits in bits 6..25. */
    static int breakInsn(int code) {
        return field(code, 20, "code") << 6 | 0x0D;
    }

    /** {@code sync stype}: the standard encoding has stype 0 (bits 6..10) and every register field 0. */
    static int sync() {
        return special(0, 0, 0, 0, 0x0F);
    }

    static int mfhi(int rd) {
        return special(0, 0, rd, 0, 0x10);
    }

    static int mthi(int rs) {
        return special(rs, 0, 0, 0, 0x11);
    }

    static int mflo(int rd) {
        return special(0, 0, rd, 0, 0x12);
    }

    static int mtlo(int rs) {
        return special(rs, 0, 0, 0, 0x13);
    }

    static int mult(int rs, int rt) {
        return special(rs, rt, 0, 0, 0x18);
    }

    static int multu(int rs, int rt) {
        return special(rs, rt, 0, 0, 0x19);
    }

    static int div(int rs, int rt) {
        return special(rs, rt, 0, 0, 0x1A);
    }

    static int divu(int rs, int rt) {
        return special(rs, rt, 0, 0, 0x1B);
    }

    /** {@code teq rs, rt} (trap if equal), code 0. */
    static int teq(int rs, int rt) {
        return special(rs, rt, 0, 0, 0x34);
    }

    // ---- SPECIAL: arithmetic and logic ----

    static int add(int rd, int rs, int rt) {
        return special(rs, rt, rd, 0, 0x20);
    }

    static int addu(int rd, int rs, int rt) {
        return special(rs, rt, rd, 0, 0x21);
    }

    static int sub(int rd, int rs, int rt) {
        return special(rs, rt, rd, 0, 0x22);
    }

    static int subu(int rd, int rs, int rt) {
        return special(rs, rt, rd, 0, 0x23);
    }

    static int and(int rd, int rs, int rt) {
        return special(rs, rt, rd, 0, 0x24);
    }

    static int or(int rd, int rs, int rt) {
        return special(rs, rt, rd, 0, 0x25);
    }

    static int xor(int rd, int rs, int rt) {
        return special(rs, rt, rd, 0, 0x26);
    }

    static int nor(int rd, int rs, int rt) {
        return special(rs, rt, rd, 0, 0x27);
    }

    static int slt(int rd, int rs, int rt) {
        return special(rs, rt, rd, 0, 0x2A);
    }

    static int sltu(int rd, int rs, int rt) {
        return special(rs, rt, rd, 0, 0x2B);
    }

    /** {@code move rd, rs} is the assembler's {@code addu rd, rs, zero}. */
    static int move(int rd, int rs) {
        return addu(rd, rs, ZERO);
    }

    // ---- SPECIAL2 ----

    static int mul(int rd, int rs, int rt) {
        return special2(rs, rt, rd, 0x02);
    }

    /** {@code clz rd, rs}: MIPS32 requires the rt field to repeat rd. */
    static int clz(int rd, int rs) {
        return special2(rs, rd, rd, 0x20);
    }

    static int clo(int rd, int rs) {
        return special2(rs, rd, rd, 0x21);
    }

    static int madd(int rs, int rt) {
        return special2(rs, rt, 0, 0x00);
    }

    static int maddu(int rs, int rt) {
        return special2(rs, rt, 0, 0x01);
    }

    static int msub(int rs, int rt) {
        return special2(rs, rt, 0, 0x04);
    }

    // ---- immediates ----

    static int addi(int rt, int rs, int imm) {
        return iType(OP_ADDI, rs, rt, imm);
    }

    static int addiu(int rt, int rs, int imm) {
        return iType(OP_ADDIU, rs, rt, imm);
    }

    static int slti(int rt, int rs, int imm) {
        return iType(OP_SLTI, rs, rt, imm);
    }

    static int sltiu(int rt, int rs, int imm) {
        return iType(OP_SLTIU, rs, rt, imm);
    }

    static int andi(int rt, int rs, int imm) {
        return iType(OP_ANDI, rs, rt, imm);
    }

    static int ori(int rt, int rs, int imm) {
        return iType(OP_ORI, rs, rt, imm);
    }

    static int xori(int rt, int rs, int imm) {
        return iType(OP_XORI, rs, rt, imm);
    }

    static int lui(int rt, int imm) {
        return iType(OP_LUI, 0, rt, imm);
    }

    // ---- branches (offset = signed count of instructions from the delay slot, i.e. from pc + 4) ----

    static int beq(int rs, int rt, int offset) {
        return iType(OP_BEQ, rs, rt, offset);
    }

    static int bne(int rs, int rt, int offset) {
        return iType(OP_BNE, rs, rt, offset);
    }

    static int blez(int rs, int offset) {
        return iType(OP_BLEZ, rs, 0, offset);
    }

    static int bgtz(int rs, int offset) {
        return iType(OP_BGTZ, rs, 0, offset);
    }

    static int bltz(int rs, int offset) {
        return regimm(rs, RT_BLTZ, offset);
    }

    static int bgez(int rs, int offset) {
        return regimm(rs, RT_BGEZ, offset);
    }

    static int bgezal(int rs, int offset) {
        return regimm(rs, RT_BGEZAL, offset);
    }

    /** Any REGIMM encoding, including the rt values the VM does not implement. */
    static int regimm(int rs, int rtCode, int offset) {
        return iType(OP_REGIMM, rs, rtCode, offset);
    }

    /** {@code b offset} is the assembler's {@code beq zero, zero, offset}. */
    static int b(int offset) {
        return beq(ZERO, ZERO, offset);
    }

    static int beql(int rs, int rt, int offset) {
        return iType(OP_BEQL, rs, rt, offset);
    }

    static int bnel(int rs, int rt, int offset) {
        return iType(OP_BNEL, rs, rt, offset);
    }

    static int blezl(int rs, int offset) {
        return iType(OP_BLEZL, rs, 0, offset);
    }

    static int bgtzl(int rs, int offset) {
        return iType(OP_BGTZL, rs, 0, offset);
    }

    /** The branch offset field for a branch at {@code branchAddr} that should reach {@code target}. */
    static int offsetTo(int branchAddr, int target) {
        int delta = target - (branchAddr + 4);
        if ((delta & 3) != 0) {
            throw new IllegalArgumentException("branch target " + Integer.toHexString(target) + " is not word aligned");
        }
        return delta >> 2;
    }

    // ---- jumps (absolute target address; its top 4 bits come from the delay slot's region) ----

    static int j(int target) {
        return jType(OP_J, (target >>> 2) & 0x03FFFFFF);
    }

    static int jal(int target) {
        return jType(OP_JAL, (target >>> 2) & 0x03FFFFFF);
    }

    // ---- loads and stores: op rt, offset(base) ----

    static int lb(int rt, int offset, int base) {
        return iType(OP_LB, base, rt, offset);
    }

    static int lh(int rt, int offset, int base) {
        return iType(OP_LH, base, rt, offset);
    }

    static int lwl(int rt, int offset, int base) {
        return iType(OP_LWL, base, rt, offset);
    }

    static int lw(int rt, int offset, int base) {
        return iType(OP_LW, base, rt, offset);
    }

    static int lbu(int rt, int offset, int base) {
        return iType(OP_LBU, base, rt, offset);
    }

    static int lhu(int rt, int offset, int base) {
        return iType(OP_LHU, base, rt, offset);
    }

    static int lwr(int rt, int offset, int base) {
        return iType(OP_LWR, base, rt, offset);
    }

    static int sb(int rt, int offset, int base) {
        return iType(OP_SB, base, rt, offset);
    }

    static int sh(int rt, int offset, int base) {
        return iType(OP_SH, base, rt, offset);
    }

    static int swl(int rt, int offset, int base) {
        return iType(OP_SWL, base, rt, offset);
    }

    static int sw(int rt, int offset, int base) {
        return iType(OP_SW, base, rt, offset);
    }

    static int swr(int rt, int offset, int base) {
        return iType(OP_SWR, base, rt, offset);
    }

    static int ll(int rt, int offset, int base) {
        return iType(OP_LL, base, rt, offset);
    }

    static int sc(int rt, int offset, int base) {
        return iType(OP_SC, base, rt, offset);
    }

    // ---- FPU (never supported by the VM; here to prove that) ----

    /** {@code add.s fd, fs, ft}: COP1, fmt S (0x10), funct 0. */
    static int addS(int fd, int fs, int ft) {
        return rType(OP_COP1, 0x10, ft, fs, fd, 0x00);
    }

    static int lwc1(int ft, int offset, int base) {
        return iType(OP_LWC1, base, ft, offset);
    }

    static int swc1(int ft, int offset, int base) {
        return iType(OP_SWC1, base, ft, offset);
    }

    static int ldc1(int ft, int offset, int base) {
        return iType(OP_LDC1, base, ft, offset);
    }

    // ---- laying code into memory ----

    /** A cursor that writes instruction words into a state's memory from {@code origin} on. */
    static Builder at(VmState state, int origin) {
        return new Builder(state, origin);
    }

    static final class Builder {
        private final VmState state;
        private int here;

        private Builder(VmState state, int origin) {
            if ((origin & 3) != 0) {
                throw new IllegalArgumentException("code origin " + Integer.toHexString(origin) + " is not word aligned");
            }
            this.state = state;
            this.here = origin;
        }

        /** Writes each word at the cursor and moves past it. */
        Builder emit(int... words) {
            for (int w : words) {
                state.memory().setWord(here, w);
                here += 4;
            }
            return this;
        }

        /** Moves the cursor, e.g. to put a branch target elsewhere. */
        Builder org(int address) {
            if ((address & 3) != 0) {
                throw new IllegalArgumentException("address " + Integer.toHexString(address) + " is not word aligned");
            }
            here = address;
            return this;
        }

        /** The address the next {@link #emit} writes to. */
        int here() {
            return here;
        }
    }
}
