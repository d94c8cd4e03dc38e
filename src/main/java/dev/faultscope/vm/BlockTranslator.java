package dev.faultscope.vm;

import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

import java.lang.invoke.MethodHandles;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Translates a hot straight run of MIPS instructions into a JVM class ({@link CompiledBlock}), so the JIT compiles
 * it to machine code with the registers it uses held in locals. Only instructions that cannot fault are taken (a
 * division, never a delay slot, leaves the block before itself when its divisor is zero); the run ends before the
 * first other one, at the page's end, or after a branch or jump and its delay slot. A store that hits the block's own page ends the run right after it, since it may have changed the code that follows.
 *
 * <p>Classes are cached by address and words, so a program loaded again (the fault proof program, once per run)
 * reuses them. Class files are version 49, which needs no stack map frames.
 */
final class BlockTranslator {
    /** Longer runs gain nothing and make large methods the JIT may refuse to compile. */
    static final int MAX_LENGTH = 64;
    private static final int MAX_CACHED = 50_000;
    private static final Map<Key, CompiledBlock> CACHE = new ConcurrentHashMap<>();
    private static final MethodHandles.Lookup LOOKUP = MethodHandles.lookup();

    private static final String MEMORY = Type.getInternalName(Memory.class);
    private static final String STATE = Type.getInternalName(VmState.class);
    private static final String OPS = Type.getInternalName(BlockOps.class);
    private static final String BASE = Type.getInternalName(CompiledBlock.class);
    private static final String NAME = BASE.substring(0, BASE.lastIndexOf('/') + 1) + "TranslatedBlock";
    /**
     * Locals: 0 this, 1 registers, 2 memory, 3 state, 4 the most steps to run, 5 address, 6 next pc, 6 + k register k
     * (k = 1..31), 38 steps run so far, 39-40 the result of an early exit.
     */
    private static final int BUDGET = 4;
    private static final int ADDR = 5;
    private static final int TARGET = 6;
    private static final int REGS = 6;
    private static final int STEPS = REGS + 32;
    private static final int RESULT = STEPS + 1;

    private BlockTranslator() {
    }

    private record Key(int pc, int[] words) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.pc == pc && Arrays.equals(k.words, words);
        }

        @Override
        public int hashCode() {
            return pc * 31 + Arrays.hashCode(words);
        }
    }

    /** The block starting at {@code pc} in {@code page}, or null when its first instruction is not translatable. */
    static CompiledBlock translate(MemoryPage page, int pc) {
        int first = (pc >>> 2) & (MemoryPage.WORDS - 1);
        int n = 0;
        int end = first;
        while (end < MemoryPage.WORDS && n < MAX_LENGTH) {
            int op = Decoder.decode(page.words[end]);
            if (isBody(op)) {
                end++;
                n++;
            } else if (isBranch(op) && end + 1 < MemoryPage.WORDS && isBody(Decoder.decode(page.words[end + 1]))
                && !isDivision(page.words[end + 1])) {
                end += 2;
                n += 2;
                if (!isConditional(op)) {
                    break; // past a jump or call, code is reached only from elsewhere
                }
            } else {
                break;
            }
        }
        if (n == 0) {
            return null;
        }
        Key key = new Key(pc, Arrays.copyOfRange(page.words, first, end));
        CompiledBlock block = CACHE.get(key);
        if (block == null) {
            block = define(pc, key.words);
            block.source = key.words;
            if (CACHE.size() >= MAX_CACHED) {
                CACHE.clear();
            }
            CACHE.put(key, block);
        }
        return block;
    }

    private static boolean isBody(int op) {
        return op >= Decoder.NOP && op != Decoder.SLOW && !isBranch(op);
    }

    private static boolean isDivision(int insn) {
        return Decoder.decode(insn) == Decoder.HILO && ((insn & 0x3F) == 0x1A || (insn & 0x3F) == 0x1B);
    }

    /** Branches whose fall-through can stay in the block: neither jumps nor calls. */
    private static boolean isConditional(int op) {
        return switch (op) {
            case Decoder.BLTZ, Decoder.BGEZ, Decoder.BEQ, Decoder.BNE, Decoder.BLEZ, Decoder.BGTZ, Decoder.BNEVER -> true;
            default -> false;
        };
    }

    static boolean isBranch(int op) {
        return switch (op) {
            case Decoder.JR, Decoder.JALR, Decoder.BLTZ, Decoder.BGEZ, Decoder.BGEZAL, Decoder.J, Decoder.JAL,
                 Decoder.BEQ, Decoder.BNE, Decoder.BLEZ, Decoder.BGTZ, Decoder.BNEVER -> true;
            default -> false;
        };
    }

    private static CompiledBlock define(int pc, int[] words) {
        ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_MAXS);
        cw.visit(Opcodes.V1_5, Opcodes.ACC_FINAL | Opcodes.ACC_SUPER, NAME, null, BASE, null);
        MethodVisitor init = cw.visitMethod(0, "<init>", "()V", null, null);
        init.visitCode();
        init.visitVarInsn(Opcodes.ALOAD, 0);
        init.visitMethodInsn(Opcodes.INVOKESPECIAL, BASE, "<init>", "()V", false);
        init.visitInsn(Opcodes.RETURN);
        init.visitMaxs(0, 0);
        init.visitEnd();
        MethodVisitor mv = cw.visitMethod(0, "run", "([IL" + MEMORY + ";L" + STATE + ";I)J", null, null);
        mv.visitCode();
        new Emitter(mv, pc, words).emit();
        mv.visitMaxs(0, 0);
        mv.visitEnd();
        cw.visitEnd();
        try {
            Class<?> c = LOOKUP.defineHiddenClass(cw.toByteArray(), true).lookupClass();
            return (CompiledBlock) c.getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot define the translated block at pc " + Integer.toHexString(pc), e);
        }
    }

    /** Writes one block's {@code run} method. */
    private static final class Emitter {
        private final MethodVisitor mv;
        private final int pc0;
        private final int[] words;
        /** Registers the block reads or writes (loaded into locals on entry) and writes (stored back on exit). */
        private int used;
        private int written;
        /** Where control can enter, by instruction index; null elsewhere. */
        private Label[] labels;
        /** Index of the label starting the segment being written: exits count their steps from there. */
        private int segmentStart;
        private final Label sharedExit = new Label();

        Emitter(MethodVisitor mv, int pc0, int[] words) {
            this.mv = mv;
            this.pc0 = pc0;
            this.words = words;
        }

        void emit() {
            findLabels();
            for (int insn : words) {
                int op = Decoder.decode(insn);
                int rs = 1 << ((insn >>> 21) & 31);
                int rt = 1 << ((insn >>> 16) & 31);
                int rd = 1 << ((insn >>> 11) & 31);
                used |= op == Decoder.J || op == Decoder.JAL || op == Decoder.LUI ? 0 : rs | rt;
                written |= switch (op) {
                    case Decoder.ADDIU, Decoder.ANDI, Decoder.ORI, Decoder.XORI, Decoder.SLTI, Decoder.SLTIU, Decoder.LUI,
                         Decoder.LW, Decoder.LB, Decoder.LBU, Decoder.LH, Decoder.LHU, Decoder.LWL, Decoder.LWR, Decoder.SC -> rt;
                    case Decoder.JAL, Decoder.BGEZAL -> 1 << 31;
                    case Decoder.NOP, Decoder.SW, Decoder.SB, Decoder.SH, Decoder.SWL, Decoder.SWR, Decoder.J, Decoder.JR,
                         Decoder.BEQ, Decoder.BNE, Decoder.BLTZ, Decoder.BGEZ, Decoder.BLEZ, Decoder.BGTZ, Decoder.BNEVER -> 0;
                    default -> rd; // register and SPECIAL2 operations, hi/lo, jalr
                };
                if (op == Decoder.MOVZ || op == Decoder.MOVN) {
                    used |= rd; // kept when the condition fails
                }
            }
            // Written registers are loaded too: an exit before the write stores back the value they came in with.
            used = (used | written) & ~1;
            written &= ~1;
            for (int k = 1; k < 32; k++) {
                if ((used & (1 << k)) != 0) {
                    mv.visitVarInsn(Opcodes.ALOAD, 1);
                    pushInt(mv, k);
                    mv.visitInsn(Opcodes.IALOAD);
                    mv.visitVarInsn(Opcodes.ISTORE, REGS + k);
                }
            }
            mv.visitInsn(Opcodes.ICONST_0);
            mv.visitVarInsn(Opcodes.ISTORE, STEPS);
            int n = words.length;
            boolean flowsIn = true;
            for (int i = 0; i < n; i++) {
                if (labels[i] != null) {
                    if (flowsIn && i > 0) {
                        addSteps(i - segmentStart);
                    }
                    mv.visitLabel(labels[i]);
                    segmentStart = i;
                    // Enough steps left for this whole segment? Otherwise the caller goes on from here.
                    Label enough = new Label();
                    mv.visitVarInsn(Opcodes.ILOAD, STEPS);
                    pushInt(mv, segmentLength(i));
                    mv.visitInsn(Opcodes.IADD);
                    mv.visitVarInsn(Opcodes.ILOAD, BUDGET);
                    mv.visitJumpInsn(Opcodes.IF_ICMPLE, enough);
                    exit(0, pc0 + 4 * i, 0);
                    mv.visitLabel(enough);
                    flowsIn = true;
                }
                int op = Decoder.decode(words[i]);
                if (!isBranch(op)) {
                    body(i, false);
                    continue;
                }
                branch(i);
                body(i + 1, true);
                addSteps(i + 2 - segmentStart);
                int target = internalTarget(i);
                if (target >= 0) {
                    mv.visitVarInsn(Opcodes.ILOAD, TARGET);
                    pushInt(mv, pc0 + 4 * target);
                    mv.visitJumpInsn(Opcodes.IF_ICMPEQ, labels[target]);
                }
                if (i + 2 < n && isConditional(op)) {
                    mv.visitVarInsn(Opcodes.ILOAD, TARGET);
                    pushInt(mv, pc0 + 4 * (i + 2));
                    mv.visitJumpInsn(Opcodes.IF_ICMPEQ, labels[i + 2]);
                }
                exitToTarget(0, 0);
                flowsIn = false;
                i++;
            }
            if (flowsIn) {
                addSteps(n - segmentStart);
                exit(0, pc0 + 4 * n, 0);
            }
            mv.visitLabel(sharedExit);
            writeBack();
            mv.visitVarInsn(Opcodes.LLOAD, RESULT);
            mv.visitInsn(Opcodes.LRETURN);
        }

        /**
         * Labels where control can enter from elsewhere in the block: its start, and the targets and fall-throughs
         * of its branches that lie inside it (never a delay slot, whose code here is tied to its branch).
         */
        private void findLabels() {
            int n = words.length;
            labels = new Label[n];
            boolean[] delaySlot = new boolean[n];
            for (int i = 0; i < n; i++) {
                if (isBranch(Decoder.decode(words[i])) && i + 1 < n) {
                    delaySlot[i + 1] = true;
                    i++;
                }
            }
            labels[0] = new Label();
            for (int i = 0; i < n; i++) {
                int op = Decoder.decode(words[i]);
                if (!isBranch(op)) {
                    continue;
                }
                int t = targetIndex(i);
                if (t >= 0 && t < n && !delaySlot[t]) {
                    labels[t] = labels[t] == null ? new Label() : labels[t];
                }
                if (isConditional(op) && i + 2 < n) {
                    labels[i + 2] = labels[i + 2] == null ? new Label() : labels[i + 2];
                }
                i++;
            }
        }

        /** Index in the block of the fixed target of the branch at i, or -1 (a register jump, or outside). */
        private int targetIndex(int i) {
            int insn = words[i];
            int pc = pc0 + 4 * i;
            int target = switch (Decoder.decode(insn)) {
                case Decoder.BEQ, Decoder.BNE, Decoder.BLTZ, Decoder.BGEZ, Decoder.BLEZ, Decoder.BGTZ -> pc + 4 + ((short) insn << 2);
                case Decoder.J -> ((pc + 4) & 0xF0000000) | ((insn & 0x03FFFFFF) << 2);
                default -> pc0 - 4; // calls leave the block: the callee's return comes back through the caller
            };
            int index = (target - pc0) >> 2;
            return target - pc0 >= 0 && index < words.length ? index : -1;
        }

        private int internalTarget(int i) {
            int t = targetIndex(i);
            return t >= 0 && labels[t] != null ? t : -1;
        }

        /** Instructions from label i to the next label or the end of the segment's branch, whichever comes first. */
        private int segmentLength(int i) {
            int j = i;
            while (j < words.length) {
                if (j > i && labels[j] != null) {
                    break;
                }
                if (isBranch(Decoder.decode(words[j]))) {
                    j += 2;
                    break;
                }
                j++;
            }
            return Math.min(j, words.length) - i;
        }

        private void addSteps(int k) {
            mv.visitIincInsn(STEPS, k);
        }

        /** Pushes the steps run so far plus {@code k}, shifted into bits 32..62 of the result. */
        private void pushSteps(int k) {
            mv.visitVarInsn(Opcodes.ILOAD, STEPS);
            pushInt(mv, k);
            mv.visitInsn(Opcodes.IADD);
            mv.visitInsn(Opcodes.I2L);
            pushInt(mv, 32);
            mv.visitInsn(Opcodes.LSHL);
        }

        /** Leaves the block after {@code k} more steps of the current segment, to {@code pc}. */
        private void exit(int k, int pc, long flags) {
            pushSteps(k);
            mv.visitLdcInsn((pc & 0xFFFFFFFFL) | flags);
            mv.visitInsn(Opcodes.LOR);
            jumpToSharedExit();
        }

        /** Leaves the block after {@code k} more steps of the current segment, to the branch's target. */
        private void exitToTarget(int k, long flags) {
            pushSteps(k);
            mv.visitVarInsn(Opcodes.ILOAD, TARGET);
            mv.visitInsn(Opcodes.I2L);
            mv.visitLdcInsn(0xFFFFFFFFL);
            mv.visitInsn(Opcodes.LAND);
            mv.visitInsn(Opcodes.LOR);
            if (flags != 0) {
                mv.visitLdcInsn(flags);
                mv.visitInsn(Opcodes.LOR);
            }
            jumpToSharedExit();
        }

        /** Every exit goes through one copy of the code storing the registers back. */
        private void jumpToSharedExit() {
            mv.visitVarInsn(Opcodes.LSTORE, RESULT);
            mv.visitJumpInsn(Opcodes.GOTO, sharedExit);
        }

        private void writeBack() {
            for (int k = 1; k < 32; k++) {
                if ((written & (1 << k)) != 0) {
                    mv.visitVarInsn(Opcodes.ALOAD, 1);
                    pushInt(mv, k);
                    mv.visitVarInsn(Opcodes.ILOAD, REGS + k);
                    mv.visitInsn(Opcodes.IASTORE);
                }
            }
        }

        private void read(int k) {
            if (k == 0) {
                mv.visitInsn(Opcodes.ICONST_0);
            } else {
                mv.visitVarInsn(Opcodes.ILOAD, REGS + k);
            }
        }

        /** Stores the stack's top into register k; r0 stays 0. */
        private void write(int k) {
            if (k == 0) {
                mv.visitInsn(Opcodes.POP);
            } else {
                mv.visitVarInsn(Opcodes.ISTORE, REGS + k);
            }
        }

        private void ops(String name, String desc) {
            mv.visitMethodInsn(Opcodes.INVOKESTATIC, OPS, name, desc, false);
        }

        private void address(int insn) {
            read((insn >>> 21) & 31);
            pushInt(mv, (short) insn);
            mv.visitInsn(Opcodes.IADD);
        }

        /** Instruction i of the block, which cannot fault; a store into the block's own page leaves the block. */
        private void body(int i, boolean delaySlot) {
            int insn = words[i];
            int rs = (insn >>> 21) & 31;
            int rt = (insn >>> 16) & 31;
            int rd = (insn >>> 11) & 31;
            int op = Decoder.decode(insn);
            switch (op) {
                case Decoder.NOP -> {
                }
                case Decoder.ADDIU -> binaryImm(rs, (short) insn, Opcodes.IADD, rt);
                case Decoder.ANDI -> binaryImm(rs, insn & 0xFFFF, Opcodes.IAND, rt);
                case Decoder.ORI -> binaryImm(rs, insn & 0xFFFF, Opcodes.IOR, rt);
                case Decoder.XORI -> binaryImm(rs, insn & 0xFFFF, Opcodes.IXOR, rt);
                case Decoder.SLTI, Decoder.SLTIU -> {
                    read(rs);
                    pushInt(mv, (short) insn);
                    ops(op == Decoder.SLTI ? "slt" : "sltu", "(II)I");
                    write(rt);
                }
                case Decoder.LUI -> {
                    pushInt(mv, insn << 16);
                    write(rt);
                }
                case Decoder.ADDU -> binary(rs, rt, Opcodes.IADD, rd);
                case Decoder.SUBU -> binary(rs, rt, Opcodes.ISUB, rd);
                case Decoder.AND -> binary(rs, rt, Opcodes.IAND, rd);
                case Decoder.OR -> binary(rs, rt, Opcodes.IOR, rd);
                case Decoder.XOR -> binary(rs, rt, Opcodes.IXOR, rd);
                case Decoder.MUL -> binary(rs, rt, Opcodes.IMUL, rd);
                case Decoder.NOR -> {
                    read(rs);
                    read(rt);
                    mv.visitInsn(Opcodes.IOR);
                    mv.visitInsn(Opcodes.ICONST_M1);
                    mv.visitInsn(Opcodes.IXOR);
                    write(rd);
                }
                case Decoder.SLT, Decoder.SLTU -> {
                    read(rs);
                    read(rt);
                    ops(op == Decoder.SLT ? "slt" : "sltu", "(II)I");
                    write(rd);
                }
                case Decoder.SLL, Decoder.SRL, Decoder.SRA -> {
                    read(rt);
                    pushInt(mv, (insn >>> 6) & 31);
                    mv.visitInsn(op == Decoder.SLL ? Opcodes.ISHL : op == Decoder.SRL ? Opcodes.IUSHR : Opcodes.ISHR);
                    write(rd);
                }
                case Decoder.SLLV, Decoder.SRLV, Decoder.SRAV -> { // the JVM masks shift distances to 5 bits, as MIPS
                    read(rt);
                    read(rs);
                    mv.visitInsn(op == Decoder.SLLV ? Opcodes.ISHL : op == Decoder.SRLV ? Opcodes.IUSHR : Opcodes.ISHR);
                    write(rd);
                }
                case Decoder.MOVZ, Decoder.MOVN -> {
                    read(rd);
                    read(rs);
                    read(rt);
                    ops(op == Decoder.MOVZ ? "movz" : "movn", "(III)I");
                    write(rd);
                }
                case Decoder.HILO -> {
                    int fun = insn & 0x3F;
                    if (fun == 0x1A || fun == 0x1B) {
                        // Division by zero faults: leave before it, for the reference step to report.
                        Label nonZero = new Label();
                        read(rt);
                        mv.visitJumpInsn(Opcodes.IFNE, nonZero);
                        exit(i - segmentStart, pc0 + 4 * i, 0);
                        mv.visitLabel(nonZero);
                    }
                    mv.visitVarInsn(Opcodes.ALOAD, 3);
                    pushInt(mv, fun);
                    read(rs);
                    read(rt);
                    ops("hiLo", "(L" + STATE + ";III)I");
                    write(rd);
                }
                case Decoder.SYNC -> {
                    read(rs);
                    write(rd);
                }
                case Decoder.CLZ, Decoder.CLO -> {
                    read(rs);
                    if (op == Decoder.CLO) {
                        mv.visitInsn(Opcodes.ICONST_M1);
                        mv.visitInsn(Opcodes.IXOR);
                    }
                    mv.visitMethodInsn(Opcodes.INVOKESTATIC, "java/lang/Integer", "numberOfLeadingZeros", "(I)I", false);
                    write(rd);
                }
                case Decoder.LW -> {
                    mv.visitVarInsn(Opcodes.ALOAD, 2);
                    address(insn);
                    mv.visitMethodInsn(Opcodes.INVOKEVIRTUAL, MEMORY, "getWord", "(I)I", false);
                    write(rt);
                }
                case Decoder.LB, Decoder.LBU, Decoder.LH, Decoder.LHU -> {
                    mv.visitVarInsn(Opcodes.ALOAD, 2);
                    address(insn);
                    ops(op == Decoder.LB ? "lb" : op == Decoder.LBU ? "lbu" : op == Decoder.LH ? "lh" : "lhu", "(L" + MEMORY + ";I)I");
                    write(rt);
                }
                case Decoder.LWL, Decoder.LWR -> {
                    mv.visitVarInsn(Opcodes.ALOAD, 2);
                    address(insn);
                    read(rt);
                    ops(op == Decoder.LWL ? "lwl" : "lwr", "(L" + MEMORY + ";II)I");
                    write(rt);
                }
                case Decoder.SW, Decoder.SC, Decoder.SB, Decoder.SH, Decoder.SWL, Decoder.SWR -> {
                    address(insn);
                    mv.visitVarInsn(Opcodes.ISTORE, ADDR);
                    mv.visitVarInsn(Opcodes.ALOAD, 2);
                    mv.visitVarInsn(Opcodes.ILOAD, ADDR);
                    read(rt);
                    if (op == Decoder.SW || op == Decoder.SC) {
                        mv.visitMethodInsn(Opcodes.INVOKEVIRTUAL, MEMORY, "setWord", "(II)V", false);
                    } else {
                        String name = op == Decoder.SB ? "sb" : op == Decoder.SH ? "sh" : op == Decoder.SWL ? "swl" : "swr";
                        ops(name, "(L" + MEMORY + ";II)V");
                    }
                    if (op == Decoder.SC && rt != 0) {
                        mv.visitInsn(Opcodes.ICONST_1);
                        write(rt);
                    }
                    // Still in this page: the code after the store may be what it wrote. Leave and look again.
                    Label other = new Label();
                    mv.visitVarInsn(Opcodes.ILOAD, ADDR);
                    pushInt(mv, 0xFFFFF000);
                    mv.visitInsn(Opcodes.IAND);
                    pushInt(mv, pc0 & 0xFFFFF000);
                    mv.visitJumpInsn(Opcodes.IF_ICMPNE, other);
                    if (delaySlot) {
                        exitToTarget(i + 1 - segmentStart, CompiledBlock.WROTE_OWN_PAGE);
                    } else {
                        exit(i + 1 - segmentStart, pc0 + 4 * (i + 1), CompiledBlock.WROTE_OWN_PAGE);
                    }
                    mv.visitLabel(other);
                }
                default -> throw new IllegalStateException("not a block instruction: " + op);
            }
        }

        /** The block's branch or jump at index i: the next pc goes to local TARGET before the delay slot runs. */
        private void branch(int i) {
            int insn = words[i];
            int pc = pc0 + 4 * i;
            int rs = (insn >>> 21) & 31;
            int op = Decoder.decode(insn);
            int taken = pc + 4 + ((short) insn << 2);
            switch (op) {
                case Decoder.BEQ, Decoder.BNE -> {
                    read(rs);
                    read((insn >>> 16) & 31);
                    pushInt(mv, taken);
                    pushInt(mv, pc + 8);
                    ops(op == Decoder.BEQ ? "beq" : "bne", "(IIII)I");
                }
                case Decoder.BLTZ, Decoder.BGEZ, Decoder.BGEZAL, Decoder.BLEZ, Decoder.BGTZ -> {
                    read(rs);
                    pushInt(mv, taken);
                    pushInt(mv, pc + 8);
                    ops(op == Decoder.BLTZ ? "bltz" : op == Decoder.BLEZ ? "blez" : op == Decoder.BGTZ ? "bgtz" : "bgez", "(III)I");
                }
                case Decoder.BNEVER -> pushInt(mv, pc + 8);
                case Decoder.J, Decoder.JAL -> pushInt(mv, ((pc + 4) & 0xF0000000) | ((insn & 0x03FFFFFF) << 2));
                case Decoder.JR, Decoder.JALR -> read(rs);
                default -> throw new IllegalStateException("not a branch: " + op);
            }
            mv.visitVarInsn(Opcodes.ISTORE, TARGET);
            int link = op == Decoder.BGEZAL || op == Decoder.JAL ? 31 : op == Decoder.JALR ? (insn >>> 11) & 31 : 0;
            if (link != 0) {
                pushInt(mv, pc + 8);
                write(link);
            }
        }

        private void binary(int a, int b, int opcode, int dst) {
            read(a);
            read(b);
            mv.visitInsn(opcode);
            write(dst);
        }

        private void binaryImm(int a, int imm, int opcode, int dst) {
            read(a);
            pushInt(mv, imm);
            mv.visitInsn(opcode);
            write(dst);
        }
    }

    private static void pushInt(MethodVisitor mv, int v) {
        if (v >= -1 && v <= 5) {
            mv.visitInsn(Opcodes.ICONST_0 + v);
        } else if (v >= Byte.MIN_VALUE && v <= Byte.MAX_VALUE) {
            mv.visitIntInsn(Opcodes.BIPUSH, v);
        } else if (v >= Short.MIN_VALUE && v <= Short.MAX_VALUE) {
            mv.visitIntInsn(Opcodes.SIPUSH, v);
        } else {
            mv.visitLdcInsn(v);
        }
    }
}
