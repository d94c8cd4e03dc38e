package dev.faultscope.vm;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static dev.faultscope.vm.Asm.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Everything outside the supported set is an invalid instruction (spec sections 3 and 6): the step has no
 * post-state, so the VM must stop with a fault naming step, pc, instruction and reason, and change nothing.
 */
class InvalidInstructionTest {
    static Stream<Arguments> invalidInstructions() {
        return Stream.of(
            // SPECIAL functs 0x14-0x17 sit inside the HI/LO group's range but are not part of it (dsllv etc.)
            Arguments.of("funct 0x14", special(T0, T1, T2, 0, 0x14)),
            Arguments.of("funct 0x15", special(T0, T1, T2, 0, 0x15)),
            Arguments.of("funct 0x16", special(T0, T1, T2, 0, 0x16)),
            Arguments.of("funct 0x17", special(T0, T1, T2, 0, 0x17)),
            Arguments.of("break", breakInsn(0)),
            Arguments.of("break 7", breakInsn(7)),
            // traps (what gcc emits for its zero-division check)
            Arguments.of("teq", teq(T0, T1)),
            Arguments.of("tge", special(T0, T1, 0, 0, 0x30)),
            Arguments.of("tgeu", special(T0, T1, 0, 0, 0x31)),
            Arguments.of("tlt", special(T0, T1, 0, 0, 0x32)),
            Arguments.of("tltu", special(T0, T1, 0, 0, 0x33)),
            Arguments.of("tne", special(T0, T1, 0, 0, 0x36)),
            // other unassigned or unsupported SPECIAL functs
            Arguments.of("movci (funct 0x01)", special(T0, 0, T2, 0, 0x01)),
            Arguments.of("funct 0x05", special(T0, T1, T2, 0, 0x05)),
            Arguments.of("funct 0x0E", special(T0, T1, T2, 0, 0x0E)),
            Arguments.of("funct 0x1C", special(T0, T1, T2, 0, 0x1C)),
            Arguments.of("funct 0x1F", special(T0, T1, T2, 0, 0x1F)),
            Arguments.of("funct 0x28", special(T0, T1, T2, 0, 0x28)),
            Arguments.of("funct 0x2C", special(T0, T1, T2, 0, 0x2C)),
            Arguments.of("funct 0x3F", special(T0, T1, T2, 0, 0x3F)),
            // branch-likely (the VM implements no nullified delay slots), with conditions that hold
            Arguments.of("beql", beql(T0, T0, 3)),
            Arguments.of("bnel", bnel(T0, T1, 3)),
            Arguments.of("blezl", blezl(ZERO, 3)),
            Arguments.of("bgtzl", bgtzl(T0, 3)),
            // FPU
            Arguments.of("add.s", addS(2, 4, 6)),
            Arguments.of("mfc1", word(0x44000000 | T2 << 16 | 4 << 11)),
            Arguments.of("lwc1", lwc1(2, 0, T3)),
            Arguments.of("swc1", swc1(2, 0, T3)),
            Arguments.of("ldc1", ldc1(2, 0, T3)),
            Arguments.of("sdc1", iType(0x3D, T3, 2, 0)),
            // SPECIAL2 multiply-accumulate and friends
            Arguments.of("madd", madd(T0, T1)),
            Arguments.of("maddu", maddu(T0, T1)),
            Arguments.of("msub", msub(T0, T1)),
            Arguments.of("msubu", special2(T0, T1, 0, 0x05)),
            Arguments.of("SPECIAL2 funct 0x03", special2(T0, T1, T2, 0x03)),
            Arguments.of("sdbbp", special2(0, 0, 0, 0x3F)),
            // MIPS32r2 SPECIAL3: seb, wsbh, ext
            Arguments.of("seb", word(0x7C000420 | T1 << 16 | T2 << 11)),
            Arguments.of("wsbh", word(0x7C0000A0 | T1 << 16 | T2 << 11)),
            Arguments.of("ext", word(0x7C000000 | T0 << 21 | T2 << 16 | 3 << 11 | 4 << 6)),
            // COP0 and other primary opcodes nothing decodes
            Arguments.of("mfc0", word(0x40000000 | T2 << 16 | 12 << 11)),
            Arguments.of("opcode 0x18", iType(0x18, T0, T2, 1)),
            Arguments.of("opcode 0x1D", iType(0x1D, T0, T2, 1)),
            Arguments.of("opcode 0x27 (lwu)", iType(0x27, T3, T2, 0)),
            Arguments.of("opcode 0x2C (sdl)", iType(0x2C, T3, T2, 0)),
            Arguments.of("cache", iType(0x2F, T3, 0, 0)),
            Arguments.of("pref", iType(0x33, T3, 0, 0)),
            Arguments.of("opcode 0x3F", iType(0x3F, T3, T2, 0)),
            Arguments.of("all ones", word(0xFFFFFFFF)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidInstructions")
    void isAnInvalidInstruction(String name, int insn) {
        TestVm vm = TestVm.with(insn).reg(T0, 5).reg(T1, 9).reg(T2, 0x5A5A5A5A).reg(T3, TestVm.DATA)
            .word(TestVm.DATA, 0x11223344);
        VmFault f = vm.assertFault("invalid instruction");
        assertEquals(insn, f.instruction());
    }

    @Test
    void invalidInstructionInADelaySlotFaultsAtTheSlot() {
        TestVm vm = TestVm.with(b(3), teq(ZERO, ZERO));
        vm.step();
        VmFault f = vm.assertFault("invalid instruction");
        assertEquals(TestVm.CODE + 4, f.pc());
        assertEquals(TestVm.START_STEP + 1, f.step());
    }

    @Test
    void faultLeavesTheMachineUsableForInspection() {
        // After the fault the state is still the pre-state: stepping again faults the same way, identically.
        TestVm vm = TestVm.with(breakInsn(0));
        VmFault first = vm.assertFault("invalid instruction");
        VmFault second = vm.assertFault("invalid instruction");
        assertEquals(first.getMessage(), second.getMessage());
    }
}
