package dev.faultscope.vm;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static dev.faultscope.vm.Asm.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Loads and stores at every byte offset of a word (spec section 3, "Loads/stores"): big-endian, the
 * word at {@code vaddr & ~3} is the only one touched, and a misaligned address never faults. Expected
 * words are written out by hand.
 */
class LoadStoreTest {
    /** The aligned word under test, with guard words on both sides that must never change. */
    static final int A = TestVm.DATA + 0x10;
    static final int LOAD_WORD = 0x8142C314;
    static final int STORE_MEM = 0x11223344;
    static final int STORE_RT = 0xAABBCCDD;

    static int h(String hex) {
        return Integer.parseUnsignedInt(hex, 16);
    }

    private static TestVm machine(int insn, int base, int rtValue, int memWord) {
        return TestVm.with(insn).reg(T0, base).reg(T1, rtValue)
            .word(A - 4, 0x99999999).word(A, memWord).word(A + 4, 0x77777777);
    }

    /**
     * Runs the load twice: once as {@code op t1, 0(t0)} with t0 at the byte, once as {@code op t1, -0x40(t0)}
     * with t0 past it, so the signed offset is part of the address as well.
     */
    private static void assertLoad(String op, int offset, int rtBefore, int expected) {
        for (int imm : new int[] {0, -0x40, 0x7FF0}) {
            int insn = switch (op) {
                case "lb" -> lb(T1, imm, T0);
                case "lbu" -> lbu(T1, imm, T0);
                case "lh" -> lh(T1, imm, T0);
                case "lhu" -> lhu(T1, imm, T0);
                case "lw" -> lw(T1, imm, T0);
                case "lwl" -> lwl(T1, imm, T0);
                case "lwr" -> lwr(T1, imm, T0);
                default -> throw new IllegalArgumentException(op);
            };
            int mem = op.startsWith("lw") && !op.equals("lw") ? STORE_MEM : LOAD_WORD;
            TestVm vm = machine(insn, A + offset - imm, rtBefore, mem);
            TestVm.Expect want = vm.expect().advanced().reg(T1, expected);
            vm.step();
            want.matches(vm.state);
            assertEquals(A, vm.emu.lastDataAddress(), "the data word a load reads is the aligned one");
        }
    }

    private static void assertStore(String op, int offset, int expectedWord) {
        for (int imm : new int[] {0, -0x40, 0x7FF0}) {
            int insn = switch (op) {
                case "sb" -> sb(T1, imm, T0);
                case "sh" -> sh(T1, imm, T0);
                case "sw" -> sw(T1, imm, T0);
                case "swl" -> swl(T1, imm, T0);
                case "swr" -> swr(T1, imm, T0);
                default -> throw new IllegalArgumentException(op);
            };
            TestVm vm = machine(insn, A + offset - imm, STORE_RT, STORE_MEM);
            // A store changes its memory word and no register.
            TestVm.Expect want = vm.expect().advanced().word(A, expectedWord);
            vm.step();
            want.matches(vm.state);
            assertEquals(String.format("%08x", expectedWord), String.format("%08x", vm.word(A)));
            assertEquals(0x99999999, vm.word(A - 4));
            assertEquals(0x77777777, vm.word(A + 4));
            assertEquals(A, vm.emu.lastDataAddress());
        }
    }

    // memory word 0x8142C314: bytes 81 42 C3 14 at offsets 0..3
    @ParameterizedTest(name = "{0} at +{1} = {2}")
    @CsvSource({
        "lb,  0, FFFFFF81",
        "lb,  1, 00000042",
        "lb,  2, FFFFFFC3",
        "lb,  3, 00000014",
        "lbu, 0, 00000081",
        "lbu, 1, 00000042",
        "lbu, 2, 000000C3",
        "lbu, 3, 00000014",
        "lh,  0, FFFF8142",
        "lh,  1, FFFF8142", // misaligned: the halfword at vaddr & 3 & ~1
        "lh,  2, FFFFC314",
        "lh,  3, FFFFC314",
        "lhu, 0, 00008142",
        "lhu, 1, 00008142",
        "lhu, 2, 0000C314",
        "lhu, 3, 0000C314",
        "lw,  0, 8142C314",
        "lw,  1, 8142C314", // misaligned: the whole aligned word, no fault
        "lw,  2, 8142C314",
        "lw,  3, 8142C314",
    })
    void loads(String op, int offset, String expected) {
        assertLoad(op, offset, 0x5A5A5A5A, h(expected));
    }

    // memory 0x11223344, rt before 0xAABBCCDD
    @ParameterizedTest(name = "{0} at +{1} = {2}")
    @CsvSource({
        "lwl, 0, 11223344",
        "lwl, 1, 223344DD",
        "lwl, 2, 3344CCDD",
        "lwl, 3, 44BBCCDD",
        "lwr, 0, AABBCC11",
        "lwr, 1, AABB1122",
        "lwr, 2, AA112233",
        "lwr, 3, 11223344",
    })
    void unalignedLoads(String op, int offset, String expected) {
        assertLoad(op, offset, STORE_RT, h(expected));
    }

    // memory 0x11223344, rt 0xAABBCCDD
    @ParameterizedTest(name = "{0} at +{1} -> {2}")
    @CsvSource({
        "sb,  0, DD223344",
        "sb,  1, 11DD3344",
        "sb,  2, 1122DD44",
        "sb,  3, 112233DD",
        "sh,  0, CCDD3344",
        "sh,  1, CCDD3344",
        "sh,  2, 1122CCDD",
        "sh,  3, 1122CCDD",
        "sw,  0, AABBCCDD",
        "sw,  1, AABBCCDD",
        "sw,  2, AABBCCDD",
        "sw,  3, AABBCCDD",
        "swl, 0, AABBCCDD",
        "swl, 1, 11AABBCC",
        "swl, 2, 1122AABB",
        "swl, 3, 112233AA",
        "swr, 0, DD223344",
        "swr, 1, CCDD3344",
        "swr, 2, BBCCDD44",
        "swr, 3, AABBCCDD",
    })
    void stores(String op, int offset, String expectedWord) {
        assertStore(op, offset, h(expectedWord));
    }

    @Test
    void lwlThenLwrAssembleAnUnalignedWord() {
        // The classic pair for an unaligned load of the 4 bytes at A + 1: lwl t1, 0(t0); lwr t1, 3(t0).
        TestVm vm = TestVm.with(lwl(T1, 0, T0), lwr(T1, 3, T0)).reg(T0, A + 1).word(A, 0x11223344).word(A + 4, 0x55667788);
        vm.emu.run(2);
        assertEquals(0x22334455, vm.reg(T1));
    }

    @Test
    void swlThenSwrStoreAnUnalignedWord() {
        TestVm vm = TestVm.with(swl(T1, 0, T0), swr(T1, 3, T0)).reg(T0, A + 2).reg(T1, 0xAABBCCDD)
            .word(A, 0x11223344).word(A + 4, 0x55667788);
        vm.emu.run(2);
        assertEquals(0x1122AABB, vm.word(A));
        assertEquals(0xCCDD7788, vm.word(A + 4));
    }

    @Test
    void addressArithmeticWrapsAt4GiB() {
        // 0xFFFFFFFE + 6 = 4 (mod 2^32)
        TestVm vm = TestVm.with(lw(T1, 6, T0)).reg(T0, 0xFFFFFFFE).word(4, 0x12345678);
        TestVm.Expect want = vm.expect().advanced().reg(T1, 0x12345678);
        vm.step();
        want.matches(vm.state);

        // 2 - 6 = 0xFFFFFFFC, the last word of memory
        TestVm top = TestVm.with(sw(T1, -6, T0)).reg(T0, 2).reg(T1, 0xFEEDFACE);
        TestVm.Expect wantTop = top.expect().advanced().word(0xFFFFFFFC, 0xFEEDFACE);
        top.step();
        wantTop.matches(top.state);
    }

    @Test
    void loadIntoItsOwnBaseRegisterUsesTheOldBase() {
        TestVm vm = TestVm.with(lw(T0, 4, T0)).reg(T0, A - 4).word(A, 0x600DF00D);
        TestVm.Expect want = vm.expect().advanced().reg(T0, 0x600DF00D);
        vm.step();
        want.matches(vm.state);
    }

    @Test
    void loadIntoR0ChangesNothing() {
        TestVm vm = TestVm.with(lw(ZERO, 0, T0)).reg(T0, A).word(A, 0x12345678);
        TestVm.Expect want = vm.expect().advanced();
        vm.step();
        want.matches(vm.state);
    }

    @Test
    void storeFromR0WritesZero() {
        TestVm vm = TestVm.with(sw(ZERO, 0, T0)).reg(T0, A).word(A, 0x12345678);
        TestVm.Expect want = vm.expect().advanced().word(A, 0);
        vm.step();
        want.matches(vm.state);
    }

    @Test
    void storeToUntouchedMemoryCreatesTheWord() {
        int fresh = 0x2345_6000;
        TestVm vm = TestVm.with(sb(T1, 2, T0)).reg(T0, fresh).reg(T1, 0x1AB);
        TestVm.Expect want = vm.expect().advanced().word(fresh, 0x0000AB00);
        vm.step();
        want.matches(vm.state);
    }

    // ---- LL / SC ----

    @Test
    void llLoadsTheAlignedWord() {
        // ll aligns its address down (spec: mem32[(base + imm) & ~3]), so A + 2 reads the word at A.
        TestVm vm = TestVm.with(ll(T1, 3, T0)).reg(T0, A - 1).word(A, 0x0A0B0C0D);
        TestVm.Expect want = vm.expect().advanced().reg(T1, 0x0A0B0C0D);
        vm.step();
        want.matches(vm.state);
        assertEquals(A, vm.emu.lastDataAddress());
    }

    @Test
    void scStoresAndSetsRtToOne() {
        TestVm vm = TestVm.with(sc(T1, -4, T0)).reg(T0, A + 4).reg(T1, 0xDEADBEEF).word(A, 0x11223344);
        TestVm.Expect want = vm.expect().advanced().word(A, 0xDEADBEEF).reg(T1, 1);
        vm.step();
        want.matches(vm.state);
        assertEquals(A, vm.emu.lastDataAddress());
    }

    @Test
    void scAtAMisalignedAddressStoresTheWholeAlignedWord() {
        TestVm vm = TestVm.with(sc(T1, 3, T0)).reg(T0, A).reg(T1, 0xDEADBEEF).word(A, 0x11223344);
        TestVm.Expect want = vm.expect().advanced().word(A, 0xDEADBEEF).reg(T1, 1);
        vm.step();
        want.matches(vm.state);
    }

    @Test
    void scWithRtZeroStoresZeroAndLeavesR0Alone() {
        TestVm vm = TestVm.with(sc(ZERO, 0, T0)).reg(T0, A).word(A, 0x11223344);
        TestVm.Expect want = vm.expect().advanced().word(A, 0);
        vm.step();
        want.matches(vm.state);
    }

    @Test
    void llIntoR0ChangesNothing() {
        TestVm vm = TestVm.with(ll(ZERO, 0, T0)).reg(T0, A).word(A, 0x11223344);
        TestVm.Expect want = vm.expect().advanced();
        vm.step();
        want.matches(vm.state);
    }

    @Test
    void llScPairIncrementsACounter() {
        // retry: ll t1, 0(t0); addiu t1, t1, 1; sc t1, 0(t0); beq t1, zero, retry; nop
        TestVm vm = TestVm.with(ll(T1, 0, T0), addiu(T1, T1, 1), sc(T1, 0, T0), beq(T1, ZERO, -4), nop())
            .reg(T0, A).word(A, 41);
        vm.emu.run(5);
        assertEquals(42, vm.word(A));
        assertEquals(1, vm.reg(T1));
        assertEquals(TestVm.CODE + 20, vm.state.pc(), "SC always succeeds, so the loop never retries");
    }
}
