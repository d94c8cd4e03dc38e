package dev.faultscope.vm.disasm;

import dev.faultscope.oracle.PreimageOracle;
import dev.faultscope.vm.Mips32Emulator;
import dev.faultscope.vm.Symbols;
import dev.faultscope.vm.VmFault;
import dev.faultscope.vm.VmState;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DisassemblerTest {
    private static final Symbols SYMS = new Symbols(List.of(
        new Symbols.Symbol("main", 0x400100, 0x40), new Symbols.Symbol("helper", 0x400200, 0x20)));

    private static String dis(int insn) {
        return Disassembler.disassemble(insn, 0x400100, null);
    }

    @Test
    void specialShiftsAndRegisterArithmetic() {
        assertEquals("nop", dis(0));
        assertEquals("sll $t0, $t1, 0x5", dis(0x00094140));
        assertEquals("srl $t0, $t1, 0x1f", dis(0x000947c2));
        assertEquals("sra $v0, $a0, 0x1", dis(0x00041043));
        assertEquals("sllv $a1, $a0, $a1", dis(0x00a42804));
        assertEquals("srav $t0, $t1, $t2", dis(0x01494007));
        assertEquals("addu $v0, $v1, $v0", dis(0x00621021));
        assertEquals("add $t0, $t1, $t2", dis(0x012a4020));
        assertEquals("sub $t0, $t1, $t2", dis(0x012a4022));
        assertEquals("and $t0, $t1, $t2", dis(0x012a4024));
        assertEquals("xor $v0, $a1, $v0", dis(0x00a21026));
        assertEquals("nor $v0, $zero, $a0", dis(0x00041027));
        assertEquals("slt $t0, $t1, $t2", dis(0x012a402a));
        assertEquals("sltu $t0, $t1, $t2", dis(0x012a402b));
        assertEquals("movz $v0, $v1, $a0", dis(0x0064100a));
        assertEquals("movn $v0, $v1, $a0", dis(0x0064100b));
    }

    @Test
    void pseudoInstructionsAsObjdumpPrintsThem() {
        assertEquals("move $v0, $zero", dis(0x00001025));
        assertEquals("move $t0, $t1", dis(0x01204021));
        assertEquals("addu $t0, $zero, $t1", dis(0x00094021));
        assertEquals("negu $v0, $a0", dis(0x00041023));
        assertEquals("neg $t0, $t2", dis(0x000a4022));
        assertEquals("li $v0, 11", dis(0x2402000b));
        assertEquals("li $t0, -100", dis(0x2408ff9c));
        assertEquals("li $t0, 0x8000", dis(0x34088000));
        assertEquals("ssnop", dis(0x00000040));
        assertEquals("ehb", dis(0x000000c0));
    }

    @Test
    void hiLoSyscallAndSync() {
        assertEquals("mfhi $v0", dis(0x00001010));
        assertEquals("mflo $a3", dis(0x00003812));
        assertEquals("mthi $a0", dis(0x00800011));
        assertEquals("mtlo $a1", dis(0x00a00013));
        assertEquals("mult $a0, $v0", dis(0x00820018));
        assertEquals("multu $a0, $a1", dis(0x00850019));
        assertEquals("div $zero, $a0, $a1", dis(0x0085001a));
        assertEquals("divu $zero, $a0, $a1", dis(0x0085001b));
        assertEquals("syscall", dis(0x0000000c));
        assertEquals("syscall 0x5", dis(0x0000014c));
        assertEquals("sync", dis(0x0000000f));
        assertEquals("sync 0x4", dis(0x0000010f));
    }

    @Test
    void jumpsThroughRegisters() {
        assertEquals("jr $ra", dis(0x03e00008));
        assertEquals("jr.hb $ra", dis(0x03e00408));
        assertEquals("jalr $t9", dis(0x0320f809));
        assertEquals("jalr $s0, $t9", dis(0x03208009));
        assertNull(Disassembler.branchTarget(0x03e00008, 0x400100), "jr has no static target");
        assertNull(Disassembler.branchTarget(0x0320f809, 0x400100));
    }

    @Test
    void immediatesAndLui() {
        assertEquals("addiu $sp, $sp, -40", dis(0x27bdffd8));
        assertEquals("addi $t0, $t1, -1", dis(0x2128ffff));
        assertEquals("slti $t0, $t1, -3", dis(0x2928fffd));
        assertEquals("sltiu $v1, $v0, 6", dis(0x2c430006));
        assertEquals("andi $v1, $v1, 0xff", dis(0x306300ff));
        assertEquals("ori $t0, $t1, 0x8000", dis(0x35288000));
        assertEquals("xori $v0, $a0, 0x5a", dis(0x3882005a));
        assertEquals("lui $v0, 0x9249", dis(0x3c029249));
        assertEquals("lui $t0, 0x0", dis(0x3c080000));
    }

    @Test
    void special2() {
        assertEquals("mul $t0, $t1, $t2", dis(0x712a4002));
        assertEquals("clz $t0, $t1", dis(0x71284020));
        assertEquals("clo $t0, $t1", dis(0x71284021));
    }

    @Test
    void loadsAndStores() {
        assertEquals("lb $v1, 0($a0)", dis(0x80830000));
        assertEquals("lh $t0, 2($sp)", dis(0x87a80002));
        assertEquals("lwl $t0, 3($a0)", dis(0x88880003));
        assertEquals("lw $ra, 36($sp)", dis(0x8fbf0024));
        assertEquals("lbu $t0, 32767($a0)", dis(0x90887fff));
        assertEquals("lhu $t0, -32768($a0)", dis(0x94888000));
        assertEquals("lwr $t0, 0($a0)", dis(0x98880000));
        assertEquals("sb $a0, 0($a1)", dis(0xa0a40000));
        assertEquals("sh $s1, 976($v0)", dis(0xa45103d0));
        assertEquals("swl $t0, 0($a0)", dis(0xa8880000));
        assertEquals("sw $ra, 36($sp)", dis(0xafbf0024));
        assertEquals("swr $t0, 3($a0)", dis(0xb8880003));
        assertEquals("ll $t0, 0($a0)", dis(0xc0880000));
        assertEquals("sc $t0, -8($a0)", dis(0xe088fff8));
    }

    @Test
    void branchTargetsWithSymbols() {
        // beq $a0, $a1, -1 word: pc + 4 - 4 = pc, the start of main.
        assertEquals("beq $a0, $a1, 0x00400100 <main>", Disassembler.disassemble(0x1085ffff, 0x400100, SYMS));
        assertEquals("bnez $v1, 0x00400114 <main+0x14>", Disassembler.disassemble(0x1460fffa, 0x400128, SYMS));
        assertEquals("beqz $v1, 0x00400188", Disassembler.disassemble(0x1060000c, 0x400154, null));
        assertEquals("b 0x00400100 <main>", Disassembler.disassemble(0x1000ffff, 0x400100, SYMS));
        assertEquals("bal 0x00400208 <helper+0x8>", Disassembler.disassemble(0x04110040, 0x400104, SYMS));
        assertEquals("bgezal $a0, 0x00400208 <helper+0x8>", Disassembler.disassemble(0x04910040, 0x400104, SYMS));
        assertEquals("bltz $a0, 0x00400104 <main+0x4>", Disassembler.disassemble(0x04800000, 0x400100, SYMS));
        assertEquals("bgez $a0, 0x00400104 <main+0x4>", Disassembler.disassemble(0x04810000, 0x400100, SYMS));
        assertEquals("blez $a0, 0x00400100 <main>", Disassembler.disassemble(0x1880ffff, 0x400100, SYMS));
        assertEquals("bgtz $a0, 0x00400100 <main>", Disassembler.disassemble(0x1c80ffff, 0x400100, SYMS));
        assertEquals("jal 0x00400200 <helper>", Disassembler.disassemble(0x0c100080, 0x400100, SYMS));
        assertEquals("j 0x00400100 <main>", Disassembler.disassemble(0x08100040, 0x400300, SYMS));
        // Below every symbol: no label.
        assertEquals("j 0x00000040", Disassembler.disassemble(0x08000010, 0x400100, SYMS));
    }

    @Test
    void branchTargetArithmetic() {
        assertEquals(0x400104 + (0x7fff << 2), Disassembler.branchTarget(0x10007fff, 0x400100));
        assertEquals(0x400104 - (0x8000 << 2), Disassembler.branchTarget(0x10008000, 0x400100));
        // A jump takes its top four bits from the delay slot's address, not the jump's.
        assertEquals(0x10000040, Disassembler.branchTarget(0x08000010, 0x0FFFFFFC));
        assertEquals(0x00000040, Disassembler.branchTarget(0x08000010, 0x0FFFFFF8));
        assertEquals(0xFFFFFFFC, Disassembler.branchTarget(0x0FFFFFFF, 0xF0000000));
        assertNull(Disassembler.branchTarget(0x24020001, 0x400100));
        assertNull(Disassembler.branchTarget(0x04100003, 0x400100), "bltzal is never taken by the VM");
    }

    @Test
    void rejectedWordsPrintAsWordWithTheirName() {
        assertEquals(".word 0x0000000d  # break: invalid in this VM", dis(0x0000000d));
        assertEquals(".word 0x00a001f4  # teq: invalid in this VM", dis(0x00a001f4));
        assertEquals(".word 0x7c041420  # seb: invalid in this VM", dis(0x7c041420));
        assertEquals(".word 0x7c108e20  # seh: invalid in this VM", dis(0x7c108e20));
        assertEquals(".word 0x7c4b1c84  # ins: invalid in this VM", dis(0x7c4b1c84));
        assertEquals(".word 0x7c4b1c80  # ext: invalid in this VM", dis(0x7c4b1c80));
        assertEquals(".word 0x70850000  # madd: invalid in this VM", dis(0x70850000));
        assertEquals(".word 0x70850004  # msub: invalid in this VM", dis(0x70850004));
        assertEquals(".word 0x50000000  # beql: invalid in this VM", dis(0x50000000));
        assertEquals(".word 0xcc000000  # pref: invalid in this VM", dis(0xcc000000));
        assertEquals(".word 0xc7a00010  # lwc1: invalid in this VM", dis(0xc7a00010));
        assertEquals(".word 0x46020800  # FPU (coprocessor 1): invalid in this VM", dis(0x46020800));
        assertEquals(".word 0x00000001  # movf/movt: invalid in this VM", dis(0x00000001));
        for (int fn = 0x14; fn <= 0x17; fn++) {
            assertEquals(String.format(".word 0x%08x  # invalid instruction", fn), dis(fn));
        }
        assertEquals(".word 0xffffffff  # invalid instruction", dis(0xffffffff));
    }

    @Test
    void unknownRegimmIsAcceptedButNeverTaken() {
        int bltzal = 0x04900003;
        assertTrue(Disassembler.isSupported(bltzal));
        assertEquals(".word 0x04900003  # bltzal: a branch never taken in this VM", dis(bltzal));
        assertEquals(".word 0x048c0005  # teqi: a branch never taken in this VM", dis(0x048c0005));
        assertEquals(".word 0x04950000  # REGIMM rt=0x15: a branch never taken in this VM", dis(0x04950000));
    }

    @Test
    void wordsTheVmRunsDifferentlyAreAnnotated() {
        assertEquals("srl $zero, $v0, 0x0  # rotr encoding (MIPS32r2): the VM executes srl", dis(0x00220002));
        assertEquals("srlv $zero, $v0, $at  # rotrv encoding (MIPS32r2): the VM executes srlv", dis(0x00220046));
        assertEquals("mult $a0, $a1  # non-standard encoding: the VM also sets $v0 to 0", dis(0x00851018));
        assertEquals("sync  # non-standard encoding: the VM copies $at to $at", dis(0x0020080f));
        assertEquals("sll $zero, $zero, 0x0  # non-standard encoding", dis(0x00200000));
        assertEquals("clz $ra, $t1  # non-standard encoding", dis(0x7128f820));
    }

    @Test
    void incompatibilities() {
        assertNull(Disassembler.incompatibility(0x27bdffd8));
        assertNull(Disassembler.incompatibility(0x04110040), "bal");
        assertNull(Disassembler.incompatibility(0x00851018), "odd but deterministic: the VM runs it like its spec says");
        assertEquals("invalid instruction (teq)", Disassembler.incompatibility(0x00a001f4));
        assertEquals("invalid instruction", Disassembler.incompatibility(0x00000014));
        assertTrue(Disassembler.incompatibility(0x00220002).startsWith("rotr"));
        assertTrue(Disassembler.incompatibility(0x00220046).startsWith("rotrv"));
        assertTrue(Disassembler.incompatibility(0x04900003).startsWith("bltzal"));
        assertTrue(Disassembler.incompatibility(0x04020003).startsWith("bltzl"));
    }

    /**
     * {@link Disassembler#isSupported} against the emulator itself: every opcode, every SPECIAL/SPECIAL2 funct,
     * every REGIMM rt, plus random words, executed on a fresh state; only "invalid instruction" faults count.
     */
    @Test
    void isSupportedMatchesTheEmulator() {
        Random rnd = new Random(7);
        for (int op = 0; op < 64; op++) {
            for (int low = 0; low < 64; low++) {
                int fields = rnd.nextInt(1 << 20) << 6;
                checkAgainstEmulator((op << 26) | low | fields);
                checkAgainstEmulator((op << 26) | (low << 16) | (rnd.nextInt() & 0x03E0FFFF));
            }
        }
        for (int i = 0; i < 20000; i++) {
            checkAgainstEmulator(rnd.nextInt());
        }
    }

    /** One state reused for every word: building a fresh 4 GiB memory per word would dominate the test. */
    private static final VmState STATE = new VmState();

    private static void checkAgainstEmulator(int insn) {
        VmState s = STATE;
        for (int r = 1; r < 32; r++) {
            s.setRegister(r, 0x10000 + 8 * r); // addresses far from the code word; non-zero divisors but $zero
        }
        s.setPc(0x1000);
        s.setNextPC(0x1004);
        s.setStep(0);
        s.memory().setWord(0x1000, insn);
        boolean vmRuns;
        try {
            new Mips32Emulator(s, PreimageOracle.NONE).step();
            vmRuns = true;
        } catch (VmFault f) {
            // Division by $zero is a fault of a supported instruction; only "invalid instruction" is a verdict.
            vmRuns = !f.getMessage().endsWith("invalid instruction");
        }
        assertFalse(s.exited(), String.format("word %08x", insn));
        assertEquals(vmRuns, Disassembler.isSupported(insn), String.format("word %08x", insn));
        assertEquals(vmRuns, !Disassembler.disassemble(insn, 0x1000, null).contains("invalid"),
            String.format("word %08x: %s", insn, Disassembler.disassemble(insn, 0x1000, null)));
    }

    @Test
    void everyWordDisassemblesToOneLine() {
        Random rnd = new Random(11);
        for (int i = 0; i < 100000; i++) {
            int w = rnd.nextInt();
            String s = Disassembler.disassemble(w, rnd.nextInt() & ~3, SYMS);
            assertFalse(s.isBlank() || s.contains("\n") || s.contains("null"), String.format("%08x: %s", w, s));
        }
    }
}
