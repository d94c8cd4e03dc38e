package dev.faultscope.vm.disasm;

import dev.faultscope.vm.Symbols;

import java.util.Optional;

/**
 * MIPS32 disassembly as GNU objdump prints it (same mnemonics, pseudo-instructions and operand order), with
 * ABI register names written {@code $name} and operands separated by {@code ", "}.
 *
 * <p>The instruction set is the one the VM executes (cannon-mips32.md section 3, {@code Mips32Emulator}), not
 * the whole architecture: every word the VM rejects prints as {@code .word 0x........} followed by a comment
 * naming the instruction. A word the VM accepts but whose reserved fields are not zero prints as what the VM
 * executes, with a comment, since objdump's reading of such words need not be the VM's.
 */
public final class Disassembler {
    private static final String[] REG = {
        "$zero", "$at", "$v0", "$v1", "$a0", "$a1", "$a2", "$a3",
        "$t0", "$t1", "$t2", "$t3", "$t4", "$t5", "$t6", "$t7",
        "$s0", "$s1", "$s2", "$s3", "$s4", "$s5", "$s6", "$s7",
        "$t8", "$t9", "$k0", "$k1", "$gp", "$sp", "$fp", "$ra",
    };

    // The *_REJECTED and REGIMM_OTHER tables only name words for the reader; which words the VM executes is
    // decided by SPECIAL and OPCODE alone (null = rejected), so a gap in a name table cannot change a verdict.
    private static final String[] SPECIAL = new String[64];
    private static final String[] SPECIAL_REJECTED = new String[64];
    private static final String[] OPCODE = new String[64];
    private static final String[] OPCODE_REJECTED = new String[64];
    private static final String[] REGIMM_OTHER = new String[32];

    static {
        String[][] special = {
            {"0", "sll"}, {"2", "srl"}, {"3", "sra"}, {"4", "sllv"}, {"6", "srlv"}, {"7", "srav"},
            {"8", "jr"}, {"9", "jalr"}, {"10", "movz"}, {"11", "movn"}, {"12", "syscall"}, {"15", "sync"},
            {"16", "mfhi"}, {"17", "mthi"}, {"18", "mflo"}, {"19", "mtlo"},
            {"24", "mult"}, {"25", "multu"}, {"26", "div"}, {"27", "divu"},
            {"32", "add"}, {"33", "addu"}, {"34", "sub"}, {"35", "subu"},
            {"36", "and"}, {"37", "or"}, {"38", "xor"}, {"39", "nor"}, {"42", "slt"}, {"43", "sltu"},
        };
        for (String[] e : special) {
            SPECIAL[Integer.parseInt(e[0])] = e[1];
        }
        String[][] specialRejected = {
            {"1", "movf/movt"}, {"13", "break"}, {"48", "tge"}, {"49", "tgeu"}, {"50", "tlt"}, {"51", "tltu"},
            {"52", "teq"}, {"54", "tne"},
        };
        for (String[] e : specialRejected) {
            SPECIAL_REJECTED[Integer.parseInt(e[0])] = e[1];
        }
        String[][] opcodes = {
            {"2", "j"}, {"3", "jal"}, {"4", "beq"}, {"5", "bne"}, {"6", "blez"}, {"7", "bgtz"},
            {"8", "addi"}, {"9", "addiu"}, {"10", "slti"}, {"11", "sltiu"}, {"12", "andi"}, {"13", "ori"},
            {"14", "xori"}, {"15", "lui"},
            {"32", "lb"}, {"33", "lh"}, {"34", "lwl"}, {"35", "lw"}, {"36", "lbu"}, {"37", "lhu"}, {"38", "lwr"},
            {"40", "sb"}, {"41", "sh"}, {"42", "swl"}, {"43", "sw"}, {"46", "swr"}, {"48", "ll"}, {"56", "sc"},
        };
        for (String[] e : opcodes) {
            OPCODE[Integer.parseInt(e[0])] = e[1];
        }
        String[][] opcodesRejected = {
            {"16", "coprocessor 0"}, {"17", "FPU (coprocessor 1)"}, {"18", "coprocessor 2"}, {"19", "FPU (cop1x)"},
            {"20", "beql"}, {"21", "bnel"}, {"22", "blezl"}, {"23", "bgtzl"}, {"29", "jalx"},
            {"47", "cache"}, {"49", "lwc1"}, {"50", "lwc2"}, {"51", "pref"}, {"53", "ldc1"}, {"54", "ldc2"},
            {"57", "swc1"}, {"58", "swc2"}, {"61", "sdc1"}, {"62", "sdc2"},
        };
        for (String[] e : opcodesRejected) {
            OPCODE_REJECTED[Integer.parseInt(e[0])] = e[1];
        }
        String[][] regimm = {
            {"2", "bltzl"}, {"3", "bgezl"}, {"8", "tgei"}, {"9", "tgeiu"}, {"10", "tlti"}, {"11", "tltiu"},
            {"12", "teqi"}, {"14", "tnei"}, {"16", "bltzal"}, {"18", "bltzall"}, {"19", "bgezall"}, {"31", "synci"},
        };
        for (String[] e : regimm) {
            REGIMM_OTHER[Integer.parseInt(e[0])] = e[1];
        }
    }

    private Disassembler() {
    }

    /** True exactly when the VM executes this word rather than stopping with "invalid instruction". */
    public static boolean isSupported(int insn) {
        int op = insn >>> 26;
        return switch (op) {
            case 0 -> SPECIAL[insn & 0x3F] != null;
            case 0x1C -> {
                int fn = insn & 0x3F;
                yield fn == 0x02 || fn == 0x20 || fn == 0x21;
            }
            default -> OPCODE[op] != null || op == 1;
        };
    }

    /**
     * Why a compiled program must not contain this word, or null if it may: the VM rejects it, or the VM runs it
     * differently from a MIPS32 processor (MIPS32r2 rotations execute as plain shifts; REGIMM traps, branch-likely
     * and link forms other than bgezal are never taken).
     */
    public static String incompatibility(int insn) {
        if (!isSupported(insn)) {
            String name = rejectedName(insn);
            return name == null ? "invalid instruction" : "invalid instruction (" + name + ")";
        }
        int op = insn >>> 26;
        int fn = insn & 0x3F;
        if (op == 1 && !isKnownRegimm(rt(insn))) {
            String name = REGIMM_OTHER[rt(insn)];
            return (name == null ? "REGIMM rt=0x" + Integer.toHexString(rt(insn)) : name) + ": the VM treats it as a branch never taken";
        }
        if (op == 0 && fn == 0x02 && rs(insn) == 1) {
            return "rotr (MIPS32r2): the VM executes it as srl";
        }
        if (op == 0 && fn == 0x06 && sa(insn) == 1) {
            return "rotrv (MIPS32r2): the VM executes it as srlv";
        }
        return null;
    }

    /**
     * The target of a branch or jump whose target is encoded in the word (j, jal, the conditional branches),
     * or null for anything else, including jr/jalr and REGIMM words the VM never takes.
     */
    public static Integer branchTarget(int insn, int pc) {
        int op = insn >>> 26;
        if (op == 2 || op == 3) {
            return ((pc + 4) & 0xF0000000) | ((insn & 0x03FFFFFF) << 2);
        }
        if ((op >= 4 && op <= 7) || (op == 1 && isKnownRegimm(rt(insn)))) {
            return pc + 4 + ((short) insn << 2);
        }
        return null;
    }

    /** Disassembles one word at {@code pc}; {@code symbols} (may be null) labels branch and jump targets. */
    public static String disassemble(int insn, int pc, Symbols symbols) {
        int op = insn >>> 26;
        return switch (op) {
            case 0 -> special(insn);
            case 1 -> regimm(insn, pc, symbols);
            case 2, 3 -> OPCODE[op] + " " + target(branchTarget(insn, pc), symbols);
            case 4, 5, 6, 7 -> branch(insn, op, pc, symbols);
            case 8, 9, 10, 11, 12, 13, 14, 15 -> immediate(insn, op);
            case 0x1C -> special2(insn);
            default -> OPCODE[op] != null ? loadStore(insn, op) : rejected(insn);
        };
    }

    private static String special(int insn) {
        int fn = insn & 0x3F;
        String m = SPECIAL[fn];
        if (m == null) {
            return rejected(insn);
        }
        int rs = rs(insn);
        int rt = rt(insn);
        int rd = rd(insn);
        int sa = sa(insn);
        switch (fn) {
            case 0x00, 0x02, 0x03 -> {
                if (rs != 0) {
                    String note = fn == 0x02 && rs == 1 ? "rotr encoding (MIPS32r2): the VM executes srl" : NONSTANDARD;
                    return noted(m + " " + REG[rd] + ", " + REG[rt] + ", " + hex(sa), note);
                }
                if (fn == 0 && rd == 0 && rt == 0 && (sa == 0 || sa == 1 || sa == 3)) {
                    return sa == 0 ? "nop" : sa == 1 ? "ssnop" : "ehb";
                }
                return m + " " + REG[rd] + ", " + REG[rt] + ", " + hex(sa);
            }
            case 0x04, 0x06, 0x07 -> {
                String text = m + " " + REG[rd] + ", " + REG[rt] + ", " + REG[rs];
                if (sa != 0) {
                    return noted(text, fn == 0x06 && sa == 1 ? "rotrv encoding (MIPS32r2): the VM executes srlv" : NONSTANDARD);
                }
                return text;
            }
            case 0x08 -> {
                String text = (sa == 0x10 ? "jr.hb " : "jr ") + REG[rs];
                return rt != 0 || rd != 0 || (sa != 0 && sa != 0x10) ? noted(text, NONSTANDARD) : text;
            }
            case 0x09 -> {
                String text = (sa == 0x10 ? "jalr.hb " : "jalr ") + (rd == 31 ? "" : REG[rd] + ", ") + REG[rs];
                return rt != 0 || (sa != 0 && sa != 0x10) ? noted(text, NONSTANDARD) : text;
            }
            case 0x0C -> {
                int code = (insn >>> 6) & 0xFFFFF;
                return code == 0 ? "syscall" : "syscall " + hex(code);
            }
            case 0x0F -> {
                String text = sa == 0 ? "sync" : "sync " + hex(sa);
                if (rd != 0) {
                    return noted(text, "non-standard encoding: the VM copies " + REG[rs] + " to " + REG[rd]);
                }
                return rs != 0 || rt != 0 ? noted(text, NONSTANDARD) : text;
            }
            case 0x10, 0x12 -> {
                String text = m + " " + REG[rd];
                return rs != 0 || rt != 0 || sa != 0 ? noted(text, NONSTANDARD) : text;
            }
            case 0x11, 0x13 -> {
                return hiLoWrite(m + " " + REG[rs], rt != 0 || sa != 0, rd);
            }
            case 0x18, 0x19 -> {
                return hiLoWrite(m + " " + REG[rs] + ", " + REG[rt], sa != 0, rd);
            }
            case 0x1A, 0x1B -> {
                // objdump writes the divide instruction with an explicit $zero destination, to tell it from the
                // assembler's div macro, which checks for a zero divisor.
                return hiLoWrite(m + " $zero, " + REG[rs] + ", " + REG[rt], sa != 0, rd);
            }
            default -> {
                String text;
                if ((fn == 0x21 || fn == 0x25) && rt == 0) {
                    text = "move " + REG[rd] + ", " + REG[rs];
                } else if (fn == 0x22 && rs == 0) {
                    text = "neg " + REG[rd] + ", " + REG[rt];
                } else if (fn == 0x23 && rs == 0) {
                    text = "negu " + REG[rd] + ", " + REG[rt];
                } else {
                    text = m + " " + REG[rd] + ", " + REG[rs] + ", " + REG[rt];
                }
                return sa != 0 ? noted(text, NONSTANDARD) : text;
            }
        }
    }

    private static final String NONSTANDARD = "non-standard encoding";

    /** The HI/LO instructions other than mfhi/mflo: the VM writes 0 to a non-zero rd field. */
    private static String hiLoWrite(String text, boolean otherFieldsSet, int rd) {
        if (rd != 0) {
            return noted(text, "non-standard encoding: the VM also sets " + REG[rd] + " to 0");
        }
        return otherFieldsSet ? noted(text, NONSTANDARD) : text;
    }

    private static String regimm(int insn, int pc, Symbols symbols) {
        int rs = rs(insn);
        int rt = rt(insn);
        if (!isKnownRegimm(rt)) {
            String name = REGIMM_OTHER[rt];
            return word(insn) + "  # " + (name == null ? "REGIMM rt=" + hex(rt) : name) + ": a branch never taken in this VM";
        }
        String t = target(branchTarget(insn, pc), symbols);
        return switch (rt) {
            case 0x00 -> "bltz " + REG[rs] + ", " + t;
            case 0x01 -> rs == 0 ? "b " + t : "bgez " + REG[rs] + ", " + t;
            default -> rs == 0 ? "bal " + t : "bgezal " + REG[rs] + ", " + t;
        };
    }

    private static boolean isKnownRegimm(int rt) {
        return rt == 0x00 || rt == 0x01 || rt == 0x11;
    }

    private static String branch(int insn, int op, int pc, Symbols symbols) {
        int rs = rs(insn);
        int rt = rt(insn);
        String t = target(branchTarget(insn, pc), symbols);
        return switch (op) {
            case 4 -> rs == 0 && rt == 0 ? "b " + t : rt == 0 ? "beqz " + REG[rs] + ", " + t
                : "beq " + REG[rs] + ", " + REG[rt] + ", " + t;
            case 5 -> rt == 0 ? "bnez " + REG[rs] + ", " + t : "bne " + REG[rs] + ", " + REG[rt] + ", " + t;
            default -> {
                String text = OPCODE[op] + " " + REG[rs] + ", " + t;
                yield rt != 0 ? noted(text, NONSTANDARD) : text;
            }
        };
    }

    private static String immediate(int insn, int op) {
        int rs = rs(insn);
        int rt = rt(insn);
        int simm = (short) insn;
        int uimm = insn & 0xFFFF;
        return switch (op) {
            case 0x09 -> rs == 0 ? "li " + REG[rt] + ", " + simm : "addiu " + REG[rt] + ", " + REG[rs] + ", " + simm;
            case 0x0D -> rs == 0 ? "li " + REG[rt] + ", " + hex(uimm) : "ori " + REG[rt] + ", " + REG[rs] + ", " + hex(uimm);
            case 0x0C, 0x0E -> OPCODE[op] + " " + REG[rt] + ", " + REG[rs] + ", " + hex(uimm);
            case 0x0F -> {
                String text = "lui " + REG[rt] + ", " + hex(uimm);
                yield rs != 0 ? noted(text, NONSTANDARD) : text;
            }
            default -> OPCODE[op] + " " + REG[rt] + ", " + REG[rs] + ", " + simm;
        };
    }

    private static String special2(int insn) {
        int fn = insn & 0x3F;
        int rs = rs(insn);
        int rt = rt(insn);
        int rd = rd(insn);
        boolean saSet = sa(insn) != 0;
        return switch (fn) {
            case 0x02 -> {
                String text = "mul " + REG[rd] + ", " + REG[rs] + ", " + REG[rt];
                yield saSet ? noted(text, NONSTANDARD) : text;
            }
            case 0x20, 0x21 -> {
                // MIPS32 requires the rt field to repeat rd; the VM reads rd only.
                String text = (fn == 0x20 ? "clz " : "clo ") + REG[rd] + ", " + REG[rs];
                yield saSet || rt != rd ? noted(text, NONSTANDARD) : text;
            }
            default -> rejected(insn);
        };
    }

    private static String loadStore(int insn, int op) {
        return OPCODE[op] + " " + REG[rt(insn)] + ", " + (short) insn + "(" + REG[rs(insn)] + ")";
    }

    private static String rejected(int insn) {
        String name = rejectedName(insn);
        return word(insn) + "  # " + (name == null ? "invalid instruction" : name + ": invalid in this VM");
    }

    /** The architectural name of a word the VM rejects, when it has one. */
    static String rejectedName(int insn) {
        int op = insn >>> 26;
        int fn = insn & 0x3F;
        return switch (op) {
            case 0 -> SPECIAL_REJECTED[fn];
            case 0x1C -> switch (fn) {
                case 0x00 -> "madd";
                case 0x01 -> "maddu";
                case 0x04 -> "msub";
                case 0x05 -> "msubu";
                case 0x3F -> "sdbbp";
                default -> null;
            };
            case 0x1F -> switch (fn) { // SPECIAL3, all MIPS32r2
                case 0x00 -> "ext";
                case 0x04 -> "ins";
                case 0x3B -> "rdhwr";
                case 0x20 -> switch (sa(insn)) {
                    case 0x02 -> "wsbh";
                    case 0x10 -> "seb";
                    case 0x18 -> "seh";
                    default -> null;
                };
                default -> null;
            };
            default -> OPCODE_REJECTED[op];
        };
    }

    private static String word(int insn) {
        return String.format(".word 0x%08x", insn);
    }

    private static String noted(String text, String note) {
        return text + "  # " + note;
    }

    private static String target(int addr, Symbols symbols) {
        String hex = String.format("0x%08x", addr);
        if (symbols == null) {
            return hex;
        }
        Optional<Symbols.Symbol> s = symbols.lookup(addr);
        if (s.isEmpty()) {
            return hex;
        }
        int off = addr - s.get().start();
        return hex + " <" + s.get().name() + (off == 0 ? "" : "+" + hex(off)) + ">";
    }

    private static String hex(int v) {
        return "0x" + Integer.toHexString(v);
    }

    private static int rs(int insn) {
        return (insn >>> 21) & 31;
    }

    private static int rt(int insn) {
        return (insn >>> 16) & 31;
    }

    private static int rd(int insn) {
        return (insn >>> 11) & 31;
    }

    private static int sa(int insn) {
        return (insn >>> 6) & 31;
    }
}
