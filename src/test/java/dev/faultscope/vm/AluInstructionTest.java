package dev.faultscope.vm;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static dev.faultscope.vm.Asm.*;

/**
 * Register arithmetic (spec section 3, "ALU", movz/movn, sync, SPECIAL2). Every expected value below is
 * worked out by hand from the MIPS32 definition of the instruction; each row also checks that nothing
 * but rd, pc, nextPC and step changes.
 */
class AluInstructionTest {
    static int h(String hex) {
        return Integer.parseUnsignedInt(hex, 16);
    }

    /** Runs {@code insn} with T0 = rs and T1 = rt and expects rd = T2 to become {@code expected}. */
    private static void runRegisterForm(int insn, int rs, int rt, int expected) {
        TestVm vm = TestVm.with(insn).reg(T0, rs).reg(T1, rt).reg(T2, 0x5A5A5A5A);
        TestVm.Expect want = vm.expect().advanced().reg(T2, expected);
        vm.step();
        want.matches(vm.state);
    }

    @ParameterizedTest(name = "{0} {1}, {2} = {3}")
    @CsvSource({
        // add/addu wrap and never trap on overflow
        "add,  00000005, FFFFFFFD, 00000002",
        "add,  7FFFFFFF, 00000001, 80000000",
        "add,  80000000, 80000000, 00000000",
        "addu, FFFFFFFF, 00000001, 00000000",
        "addu, 12345678, 11111111, 23456789",
        "sub,  00000005, 00000007, FFFFFFFE",
        "sub,  80000000, 00000001, 7FFFFFFF",
        "subu, 00000000, 00000001, FFFFFFFF",
        "subu, 23456789, 11111111, 12345678",
        "and,  F0F0F0F0, FF00FF00, F000F000",
        "or,   F0F0F0F0, FF00FF00, FFF0FFF0",
        "xor,  F0F0F0F0, FF00FF00, 0FF00FF0",
        "nor,  F0F0F0F0, FF00FF00, 000F000F",
        "nor,  00000000, 00000000, FFFFFFFF",
        // slt is signed, sltu unsigned
        "slt,  FFFFFFFF, 00000000, 00000001",
        "slt,  00000000, FFFFFFFF, 00000000",
        "slt,  80000000, 7FFFFFFF, 00000001",
        "slt,  00000005, 00000005, 00000000",
        "sltu, FFFFFFFF, 00000000, 00000000",
        "sltu, 00000000, FFFFFFFF, 00000001",
        "sltu, 7FFFFFFF, 80000000, 00000001",
        "sltu, 00000005, 00000005, 00000000",
        // SPECIAL2 mul keeps the low 32 bits of the product
        "mul,  00010000, 00010000, 00000000",
        "mul,  FFFFFFFD, 00000007, FFFFFFEB",
        "mul,  7FFFFFFF, 00000002, FFFFFFFE",
        "mul,  00001234, 00005678, 06260060",
    })
    void registerForms(String op, String rs, String rt, String expected) {
        int insn = switch (op) {
            case "add" -> add(T2, T0, T1);
            case "addu" -> addu(T2, T0, T1);
            case "sub" -> sub(T2, T0, T1);
            case "subu" -> subu(T2, T0, T1);
            case "and" -> and(T2, T0, T1);
            case "or" -> or(T2, T0, T1);
            case "xor" -> xor(T2, T0, T1);
            case "nor" -> nor(T2, T0, T1);
            case "slt" -> slt(T2, T0, T1);
            case "sltu" -> sltu(T2, T0, T1);
            case "mul" -> mul(T2, T0, T1);
            default -> throw new IllegalArgumentException(op);
        };
        runRegisterForm(insn, h(rs), h(rt), h(expected));
    }

    @ParameterizedTest(name = "{0} {1}, imm {2} = {3}")
    @CsvSource({
        // addi/addiu: sign-extended immediate, no overflow trap
        "addi,  00000001, FFFF, 00000000",
        "addi,  7FFFFFFF, 0001, 80000000",
        "addiu, 00000010, 8000, FFFF8010",
        "addiu, FFFFFFFF, 0002, 00000001",
        // andi/ori/xori: zero-extended immediate (the high half comes only from rs)
        "andi,  FFFFFFFF, 8000, 00008000",
        "andi,  FFFFFFFF, FFFF, 0000FFFF",
        "ori,   00000000, 8001, 00008001",
        "ori,   12340000, FFFF, 1234FFFF",
        "xori,  FFFFFFFF, 8000, FFFF7FFF",
        "xori,  00000000, FFFF, 0000FFFF",
        // slti: signed compare with the sign-extended immediate
        "slti,  00000000, FFFF, 00000000",
        "slti,  FFFFFFFE, FFFF, 00000001",
        "slti,  00007FFF, 8000, 00000000",
        "slti,  FFFF7FFF, 8000, 00000001",
        // sltiu: the immediate is sign-extended too, then compared unsigned
        "sltiu, 7FFFFFFF, 8000, 00000001",
        "sltiu, FFFF8000, 8000, 00000000",
        "sltiu, FFFF7FFF, 8000, 00000001",
        "sltiu, FFFFFFFE, FFFF, 00000001",
        "sltiu, FFFFFFFF, FFFF, 00000000",
        "sltiu, 00000000, 0001, 00000001",
    })
    void immediateForms(String op, String rs, String imm, String expected) {
        int i = h(imm);
        int insn = switch (op) {
            case "addi" -> addi(T2, T0, i);
            case "addiu" -> addiu(T2, T0, i);
            case "andi" -> andi(T2, T0, i);
            case "ori" -> ori(T2, T0, i);
            case "xori" -> xori(T2, T0, i);
            case "slti" -> slti(T2, T0, i);
            case "sltiu" -> sltiu(T2, T0, i);
            default -> throw new IllegalArgumentException(op);
        };
        // The rt field names T2, preset to 0x5A5A5A5A: reading that register instead of the immediate shows.
        runRegisterForm(insn, h(rs), 0x0F0F0F0F, h(expected));
    }

    @ParameterizedTest(name = "lui {0} = {1}")
    @CsvSource({
        "0000, 00000000",
        "1234, 12340000",
        "8001, 80010000",
        "FFFF, FFFF0000",
    })
    void lui(String imm, String expected) {
        TestVm vm = TestVm.with(Asm.lui(T2, h(imm))).reg(T2, 0x0000BEEF);
        TestVm.Expect want = vm.expect().advanced().reg(T2, h(expected));
        vm.step();
        want.matches(vm.state);
    }

    @ParameterizedTest(name = "{0} {1} by {2} = {3}")
    @CsvSource({
        "sll, 80000001, 1,  00000002",
        "sll, 80000001, 0,  80000001",
        "sll, 00000001, 31, 80000000",
        "sll, 12345678, 4,  23456780",
        "srl, 80000000, 31, 00000001",
        "srl, 80000000, 4,  08000000",
        "srl, FFFFFFFF, 0,  FFFFFFFF",
        "sra, 80000000, 31, FFFFFFFF",
        "sra, 80000000, 4,  F8000000",
        "sra, 40000000, 30, 00000001",
        "sra, 7FFFFFFF, 31, 00000000",
    })
    void shiftsByConstant(String op, String rt, int sa, String expected) {
        int insn = switch (op) {
            case "sll" -> sll(T2, T1, sa);
            case "srl" -> srl(T2, T1, sa);
            case "sra" -> sra(T2, T1, sa);
            default -> throw new IllegalArgumentException(op);
        };
        // rs (T0) is not part of a constant shift: give it a value that would change the result if it were.
        runRegisterForm(insn, 3, h(rt), h(expected));
    }

    @ParameterizedTest(name = "{0} {1} by rs {2} = {3}")
    @CsvSource({
        "sllv, 80000001, 00000001, 00000002",
        "sllv, 00000001, 0000001F, 80000000",
        "sllv, 00000001, 00000021, 00000002", // only rs & 31 counts: 33 shifts by 1
        "sllv, 12345678, 00000020, 12345678", // 32 shifts by 0
        "srlv, 80000000, 0000001F, 00000001",
        "srlv, 80000000, FFFFFFE4, 08000000", // -28 & 31 = 4
        "srav, 80000000, 0000001F, FFFFFFFF",
        "srav, 80000000, 00000024, F8000000", // 36 & 31 = 4
        "srav, 40000000, 00000000, 40000000",
        "srav, 7FFFFFFF, 0000003F, 00000000",
    })
    void shiftsByRegister(String op, String rt, String rs, String expected) {
        int insn = switch (op) {
            case "sllv" -> sllv(T2, T1, T0);
            case "srlv" -> srlv(T2, T1, T0);
            case "srav" -> srav(T2, T1, T0);
            default -> throw new IllegalArgumentException(op);
        };
        runRegisterForm(insn, h(rs), h(rt), h(expected));
    }

    @ParameterizedTest(name = "{0} {1} = {2}")
    @CsvSource({
        "clz, 00000000, 32",
        "clz, 00000001, 31",
        "clz, 80000000, 0",
        "clz, 00010000, 15",
        "clz, 0000FFFF, 16",
        "clz, FFFFFFFF, 0",
        "clo, FFFFFFFF, 32",
        "clo, 00000000, 0",
        "clo, FFFF0000, 16",
        "clo, 80000000, 1",
        "clo, FFFFFFFE, 31",
        "clo, 7FFFFFFF, 0",
    })
    void countLeading(String op, String rs, int expected) {
        int insn = op.equals("clz") ? clz(T2, T0) : clo(T2, T0);
        runRegisterForm(insn, h(rs), 0x0F0F0F0F, expected);
    }

    @Test
    void movzMovesOnlyWhenRtIsZero() {
        runRegisterForm(movz(T2, T0, T1), 0x2222, 0, 0x2222);
        runRegisterForm(movz(T2, T0, T1), 0x2222, 5, 0x5A5A5A5A);
        runRegisterForm(movz(T2, T0, T1), 0x2222, 0x80000000, 0x5A5A5A5A);
    }

    @Test
    void movnMovesOnlyWhenRtIsNonZero() {
        runRegisterForm(movn(T2, T0, T1), 0x2222, 5, 0x2222);
        runRegisterForm(movn(T2, T0, T1), 0x2222, 0x80000000, 0x2222);
        runRegisterForm(movn(T2, T0, T1), 0x2222, 0, 0x5A5A5A5A);
    }

    @Test
    void syncInItsStandardEncodingChangesNothingButPc() {
        TestVm vm = TestVm.with(sync());
        for (int r = 1; r < 32; r++) {
            vm.reg(r, 0x01010101 * r);
        }
        TestVm.Expect want = vm.expect().advanced();
        vm.step();
        want.matches(vm.state);
    }

    @Test
    void syncWritesRsToRd() {
        // The spec's rule for a sync with register fields set (not emitted by compilers, but a defined step).
        TestVm vm = TestVm.with(special(T0, 0, T2, 0, 0x0F)).reg(T0, 0x13572468).reg(T2, 7);
        TestVm.Expect want = vm.expect().advanced().reg(T2, 0x13572468);
        vm.step();
        want.matches(vm.state);
    }

    @Test
    void nopIsSllOfZero() {
        TestVm vm = TestVm.with(nop());
        TestVm.Expect want = vm.expect().advanced();
        vm.step();
        want.matches(vm.state);
    }

    /** r0 is hard-wired: each instruction that writes rd or rt leaves it 0 when that register is r0. */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"addiu", "addu", "lui", "ori", "sll", "nor", "mul", "clz", "movz", "movn", "slti", "sync"})
    void zeroRegisterIsNeverWritten(String op) {
        int insn = switch (op) {
            case "addiu" -> addiu(ZERO, T0, 5);
            case "addu" -> addu(ZERO, T0, T0);
            case "lui" -> Asm.lui(ZERO, 0x1234);
            case "ori" -> ori(ZERO, T0, 0xFFFF);
            case "sll" -> sll(ZERO, T0, 1);
            case "nor" -> nor(ZERO, ZERO, ZERO);
            case "mul" -> mul(ZERO, T0, T0);
            case "clz" -> clz(ZERO, ZERO);
            case "movz" -> movz(ZERO, T0, ZERO);
            case "movn" -> movn(ZERO, T0, T0);
            case "slti" -> slti(ZERO, ZERO, 1);
            case "sync" -> special(T0, 0, ZERO, 0, 0x0F);
            default -> throw new IllegalArgumentException(op);
        };
        TestVm vm = TestVm.with(insn, addu(T1, ZERO, ZERO)).reg(T0, 0x7777).reg(T1, 99);
        TestVm.Expect want = vm.expect().advanced();
        vm.step();
        want.matches(vm.state);
        // And reading r0 afterwards gives 0 to the next instruction.
        TestVm.Expect then = vm.expect().advanced().reg(T1, 0);
        vm.step();
        then.matches(vm.state);
    }
}
