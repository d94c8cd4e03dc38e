package dev.faultscope.vm;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static dev.faultscope.vm.Asm.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The HI/LO group (spec section 3): 64-bit products, truncating division, INT_MIN / -1 wrapping, division
 * by zero as an error, and the rule that all eight write R[rd] when rd != 0 (HI/LO for mfhi/mflo, 0 else).
 * Products and quotients are worked out by hand.
 */
class HiLoTest {
    static final int HI0 = 0xAAAAAAAA;
    static final int LO0 = 0xBBBBBBBB;

    static int h(String hex) {
        return Integer.parseUnsignedInt(hex, 16);
    }

    private static TestVm machine(int insn, int rs, int rt) {
        TestVm vm = TestVm.with(insn).reg(T0, rs).reg(T1, rt).reg(T2, 0x5A5A5A5A);
        vm.state.setHi(HI0);
        vm.state.setLo(LO0);
        return vm;
    }

    private static void assertHiLo(int insn, int rs, int rt, int hi, int lo) {
        TestVm vm = machine(insn, rs, rt);
        TestVm.Expect want = vm.expect().advanced().hi(hi).lo(lo);
        vm.step();
        want.matches(vm.state);
    }

    @ParameterizedTest(name = "mult {0} * {1} = {2}:{3}")
    @CsvSource({
        "00000003, 00000005, 00000000, 0000000F",
        "FFFFFFFD, 00000005, FFFFFFFF, FFFFFFF1", // -3 * 5 = -15
        "00000003, FFFFFFFB, FFFFFFFF, FFFFFFF1", // 3 * -5
        "FFFFFFFD, FFFFFFFB, 00000000, 0000000F", // -3 * -5
        "00010000, 00010000, 00000001, 00000000",
        "80000000, 80000000, 40000000, 00000000", // 2^62
        "7FFFFFFF, 7FFFFFFF, 3FFFFFFF, 00000001", // 2^62 - 2^32 + 1
        "80000000, FFFFFFFF, 00000000, 80000000", // -2^31 * -1 = 2^31
        "80000000, 7FFFFFFF, C0000000, 80000000", // -(2^62 - 2^31)
        "00000000, FFFFFFFF, 00000000, 00000000",
    })
    void mult(String rs, String rt, String hi, String lo) {
        assertHiLo(Asm.mult(T0, T1), h(rs), h(rt), h(hi), h(lo));
    }

    @ParameterizedTest(name = "multu {0} * {1} = {2}:{3}")
    @CsvSource({
        "00000003, 00000005, 00000000, 0000000F",
        "FFFFFFFF, FFFFFFFF, FFFFFFFE, 00000001", // (2^32 - 1)^2
        "FFFFFFFF, 00000002, 00000001, FFFFFFFE",
        "FFFFFFFD, 00000005, 00000004, FFFFFFF1",
        "00000005, FFFFFFFD, 00000004, FFFFFFF1",
        "80000000, 80000000, 40000000, 00000000",
        "80000000, FFFFFFFF, 7FFFFFFF, 80000000", // 2^31 * (2^32 - 1)
    })
    void multu(String rs, String rt, String hi, String lo) {
        assertHiLo(Asm.multu(T0, T1), h(rs), h(rt), h(hi), h(lo));
    }

    /** LO = quotient, HI = remainder; the quotient truncates toward zero, the remainder has rs's sign. */
    @ParameterizedTest(name = "div {0} / {1} = {2} rem {3}")
    @CsvSource({
        "00000007, 00000002, 00000003, 00000001",
        "FFFFFFF9, 00000002, FFFFFFFD, FFFFFFFF", // -7 / 2 = -3 rem -1
        "00000007, FFFFFFFE, FFFFFFFD, 00000001", // 7 / -2 = -3 rem 1
        "FFFFFFF9, FFFFFFFE, 00000003, FFFFFFFF", // -7 / -2 = 3 rem -1
        "80000000, FFFFFFFF, 80000000, 00000000", // INT_MIN / -1 wraps to INT_MIN
        "80000000, 00000001, 80000000, 00000000",
        "00000005, 00000007, 00000000, 00000005",
        "00000000, 00000005, 00000000, 00000000",
        "7FFFFFFF, 80000000, 00000000, 7FFFFFFF",
    })
    void div(String rs, String rt, String quotient, String remainder) {
        assertHiLo(Asm.div(T0, T1), h(rs), h(rt), h(remainder), h(quotient));
    }

    @ParameterizedTest(name = "divu {0} / {1} = {2} rem {3}")
    @CsvSource({
        "00000007, 00000002, 00000003, 00000001",
        "FFFFFFF9, 00000002, 7FFFFFFC, 00000001", // 4294967289 / 2
        "00000007, FFFFFFFE, 00000000, 00000007",
        "80000000, FFFFFFFF, 00000000, 80000000",
        "FFFFFFFF, FFFFFFFF, 00000001, 00000000",
        "FFFFFFFF, 00000010, 0FFFFFFF, 0000000F",
    })
    void divu(String rs, String rt, String quotient, String remainder) {
        assertHiLo(Asm.divu(T0, T1), h(rs), h(rt), h(remainder), h(quotient));
    }

    @Test
    void mfhiAndMfloReadTheSpecialRegisters() {
        TestVm vm = machine(mfhi(T2), 0, 0);
        TestVm.Expect want = vm.expect().advanced().reg(T2, HI0);
        vm.step();
        want.matches(vm.state);

        vm = machine(mflo(T2), 0, 0);
        want = vm.expect().advanced().reg(T2, LO0);
        vm.step();
        want.matches(vm.state);
    }

    @Test
    void mthiAndMtloWriteTheSpecialRegisters() {
        assertHiLo(mthi(T0), 0x12345678, 0, 0x12345678, LO0);
        assertHiLo(mtlo(T0), 0x12345678, 0, HI0, 0x12345678);
    }

    @Test
    void multiplyThenReadBack() {
        TestVm vm = TestVm.with(Asm.mult(T0, T1), mfhi(T2), mflo(T3)).reg(T0, -3).reg(T1, 0x40000000);
        vm.emu.run(3);
        // -3 * 2^30 = -0xC0000000 = 0xFFFFFFFF_40000000
        assertEquals(0xFFFFFFFF, vm.reg(T2));
        assertEquals(0x40000000, vm.reg(T3));
        assertEquals(0xFFFFFFFF, vm.state.hi());
        assertEquals(0x40000000, vm.state.lo());
    }

    /**
     * With a non-zero rd field, the six that do not read HI/LO still write R[rd] — with 0. (This is how the
     * on-chain MIPS.sol behaves; compilers always emit rd = 0, so only a crafted word shows it.)
     */
    @ParameterizedTest(name = "funct 0x{0} with rd = t2")
    @ValueSource(strings = {"11", "13", "18", "19", "1A", "1B"})
    void hiLoOpsWithRdSetWriteZeroToRd(String funct) {
        int f = h(funct);
        int rs = 0x00000007;
        int rt = 0x00000002;
        TestVm vm = machine(special(T0, T1, T2, 0, f), rs, rt);
        TestVm.Expect want = vm.expect().advanced().reg(T2, 0);
        switch (f) {
            case 0x11 -> want.hi(rs);
            case 0x13 -> want.lo(rs);
            case 0x18, 0x19 -> want.hi(0).lo(14);
            case 0x1A, 0x1B -> want.hi(1).lo(3);
            default -> throw new IllegalArgumentException(funct);
        }
        vm.step();
        want.matches(vm.state);
    }

    @Test
    void mfhiMfloIntoR0ChangeNothing() {
        for (int insn : new int[] {mfhi(ZERO), mflo(ZERO)}) {
            TestVm vm = machine(insn, 0, 0);
            TestVm.Expect want = vm.expect().advanced();
            vm.step();
            want.matches(vm.state);
        }
    }

    @ParameterizedTest(name = "{0} {1} / 0")
    @CsvSource({
        "div,  00000005",
        "div,  00000000",
        "div,  80000000",
        "divu, 00000005",
        "divu, FFFFFFFF",
    })
    void divisionByZeroIsAnError(String op, String rs) {
        int insn = op.equals("div") ? Asm.div(T0, T1) : Asm.divu(T0, T1);
        machine(insn, h(rs), 0).assertFault("division by zero");
    }

    @Test
    void divisionByZeroWithRdSetIsStillAnErrorAndWritesNothing() {
        machine(special(T0, T1, T2, 0, 0x1A), 5, 0).assertFault("division by zero");
        machine(special(T0, T1, T2, 0, 0x1B), 5, 0).assertFault("division by zero");
    }
}
