package dev.faultscope.vm;

/**
 * Classifies an instruction word once into a small operation number for {@link Mips32Emulator#run}'s switch,
 * so the hot loop does one table-driven dispatch instead of the spec's chain of opcode tests.
 *
 * <p>Numbers start at 1: 0 in a page's decode cache means "not decoded yet". Pure register operations whose
 * destination is r0 decode to {@link #NOP}, so the loop never needs an r0 test for them. Everything the fast loop
 * does not handle itself (syscalls, invalid encodings, odd REGIMM forms) decodes to {@link #SLOW}: that step goes
 * through {@link Mips32Emulator#step}, which is the reference and raises the exact fault.
 */
final class Decoder {
    static final int SLOW = 1;
    static final int NOP = 2;
    static final int SLL = 3;
    static final int SRL = 4;
    static final int SRA = 5;
    static final int SLLV = 6;
    static final int SRLV = 7;
    static final int SRAV = 8;
    static final int JR = 9;
    static final int JALR = 10;
    static final int MOVZ = 11;
    static final int MOVN = 12;
    static final int SYNC = 13;
    static final int HILO = 14;
    static final int ADDU = 15;
    static final int SUBU = 16;
    static final int AND = 17;
    static final int OR = 18;
    static final int XOR = 19;
    static final int NOR = 20;
    static final int SLT = 21;
    static final int SLTU = 22;
    static final int BLTZ = 23;
    static final int BGEZ = 24;
    static final int BGEZAL = 25;
    static final int J = 26;
    static final int JAL = 27;
    static final int BEQ = 28;
    static final int BNE = 29;
    static final int BLEZ = 30;
    static final int BGTZ = 31;
    static final int ADDIU = 32;
    static final int SLTI = 33;
    static final int SLTIU = 34;
    static final int ANDI = 35;
    static final int ORI = 36;
    static final int XORI = 37;
    static final int LUI = 38;
    static final int MUL = 39;
    static final int CLZ = 40;
    static final int CLO = 41;
    static final int LB = 42;
    static final int LH = 43;
    static final int LWL = 44;
    static final int LW = 45;
    static final int LBU = 46;
    static final int LHU = 47;
    static final int LWR = 48;
    static final int SB = 49;
    static final int SH = 50;
    static final int SWL = 51;
    static final int SW = 52;
    static final int SWR = 53;
    static final int SC = 54;
    /** A branch that is never taken (beq rX, rX is always taken and is decoded as such by BEQ). */
    static final int BNEVER = 55;

    private Decoder() {
    }

    static byte decode(int insn) {
        int opcode = insn >>> 26;
        int rt = (insn >>> 16) & 31;
        int rd = (insn >>> 11) & 31;
        return (byte) switch (opcode) {
            case 0x00 -> special(insn & 0x3F, rd);
            case 0x01 -> switch (rt) {
                case 0x00 -> BLTZ;
                case 0x01 -> BGEZ;
                case 0x11 -> BGEZAL;
                default -> BNEVER;
            };
            case 0x02 -> J;
            case 0x03 -> JAL;
            case 0x04 -> BEQ;
            case 0x05 -> BNE;
            case 0x06 -> BLEZ;
            case 0x07 -> BGTZ;
            case 0x08, 0x09 -> rt == 0 ? NOP : ADDIU;
            case 0x0A -> rt == 0 ? NOP : SLTI;
            case 0x0B -> rt == 0 ? NOP : SLTIU;
            case 0x0C -> rt == 0 ? NOP : ANDI;
            case 0x0D -> rt == 0 ? NOP : ORI;
            case 0x0E -> rt == 0 ? NOP : XORI;
            case 0x0F -> rt == 0 ? NOP : LUI;
            case 0x1C -> switch (insn & 0x3F) {
                case 0x02 -> rd == 0 ? NOP : MUL;
                case 0x20 -> rd == 0 ? NOP : CLZ;
                case 0x21 -> rd == 0 ? NOP : CLO;
                default -> SLOW;
            };
            // Loads into r0 read memory and change nothing: the fast loop keeps no record of data accesses.
            case 0x20 -> rt == 0 ? NOP : LB;
            case 0x21 -> rt == 0 ? NOP : LH;
            case 0x22 -> rt == 0 ? NOP : LWL;
            case 0x23, 0x30 -> rt == 0 ? NOP : LW; // ll is lw here: Cannon has no reservation
            case 0x24 -> rt == 0 ? NOP : LBU;
            case 0x25 -> rt == 0 ? NOP : LHU;
            case 0x26 -> rt == 0 ? NOP : LWR;
            case 0x28 -> SB;
            case 0x29 -> SH;
            case 0x2A -> SWL;
            case 0x2B -> SW;
            case 0x2E -> SWR;
            case 0x38 -> SC;
            default -> SLOW;
        };
    }

    private static int special(int fun, int rd) {
        int op = switch (fun) {
            case 0x00 -> SLL;
            case 0x02 -> SRL;
            case 0x03 -> SRA;
            case 0x04 -> SLLV;
            case 0x06 -> SRLV;
            case 0x07 -> SRAV;
            case 0x08 -> JR;
            case 0x09 -> JALR;
            case 0x0A -> MOVZ;
            case 0x0B -> MOVN;
            case 0x0F -> SYNC;
            case 0x10, 0x11, 0x12, 0x13, 0x18, 0x19, 0x1A, 0x1B -> HILO;
            case 0x20, 0x21 -> ADDU;
            case 0x22, 0x23 -> SUBU;
            case 0x24 -> AND;
            case 0x25 -> OR;
            case 0x26 -> XOR;
            case 0x27 -> NOR;
            case 0x2A -> SLT;
            case 0x2B -> SLTU;
            default -> SLOW; // syscall 0x0C and every invalid funct
        };
        boolean writesOnlyRd = op != SLOW && op != JR && op != JALR && op != HILO;
        return writesOnlyRd && rd == 0 ? NOP : op;
    }
}
