package dev.faultscope.vm;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static dev.faultscope.vm.Asm.*;
import static dev.faultscope.vm.TestVm.CODE;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Branches, jumps and delay slots (spec section 3). A branch step only moves pc to the delay slot and
 * loads nextPC with the target; the delay-slot instruction is the next step and always runs.
 */
class BranchJumpTest {
    static int h(String hex) {
        return Integer.parseUnsignedInt(hex, 16);
    }

    /** One branch at CODE with offset 3 (target CODE + 16); checks pc/nextPC and that nothing else moved. */
    private static void assertBranch(TestVm vm, boolean taken) {
        TestVm.Expect want = vm.expect().at(CODE + 4, taken ? CODE + 16 : CODE + 8);
        vm.step();
        want.matches(vm.state);
    }

    @Test
    void takenBranchRunsTheDelaySlotThenTheTarget() {
        TestVm vm = TestVm.with(beq(T0, T1, 3), addiu(T2, T2, 1)).reg(T0, 7).reg(T1, 7).reg(T2, 10);
        assertBranch(vm, true);
        TestVm.Expect slot = vm.expect().at(CODE + 16, CODE + 20).reg(T2, 11);
        vm.step();
        slot.matches(vm.state);
    }

    @Test
    void notTakenBranchRunsTheDelaySlotThenFallsThrough() {
        TestVm vm = TestVm.with(beq(T0, T1, 3), addiu(T2, T2, 1)).reg(T0, 7).reg(T1, 8).reg(T2, 10);
        assertBranch(vm, false);
        TestVm.Expect slot = vm.expect().at(CODE + 8, CODE + 12).reg(T2, 11);
        vm.step();
        slot.matches(vm.state);
    }

    @Test
    void backwardBranchTargetIsRelativeToTheDelaySlot() {
        int at = CODE + 0x20;
        TestVm vm = TestVm.with();
        Asm.at(vm.state, at).emit(bgez(T0, -4));
        vm.state.setPc(at);
        vm.state.setNextPC(at + 4);
        TestVm.Expect want = vm.expect().at(at + 4, at + 4 - 16);
        vm.step();
        want.matches(vm.state);
    }

    /**
     * beq/bne compare rs with the register named by the rt field, not with the immediate: the offset is 3
     * here, so a comparison against the immediate would flip the outcome of every row.
     */
    @ParameterizedTest(name = "{0} rs={1} rt={2} taken={3}")
    @CsvSource({
        "beq, 00000003, 00000003, true",
        "beq, 00000003, 00000004, false",
        "beq, 00000004, 00000003, false",
        "beq, FFFFFFFF, FFFFFFFF, true",
        "beq, 80000000, 00000000, false",
        "bne, 00000003, 00000003, false",
        "bne, 00000003, 00000005, true",
        "bne, 00000005, 00000003, true",
        "bne, 00000000, 00000000, false",
    })
    void beqBneCompareTwoRegisters(String op, String rs, String rt, boolean taken) {
        int insn = op.equals("beq") ? beq(T0, T1, 3) : bne(T0, T1, 3);
        assertBranch(TestVm.with(insn).reg(T0, h(rs)).reg(T1, h(rt)), taken);
    }

    @Test
    void beqOfARegisterWithItselfIsAlwaysTaken() {
        assertBranch(TestVm.with(b(3)), true);
    }

    /** blez/bgtz and the REGIMM branches are signed compares of rs with zero; the rt field plays no part. */
    @ParameterizedTest(name = "{0} rs={1} taken={2}")
    @CsvSource({
        "blez, 80000000, true",
        "blez, FFFFFFFF, true",
        "blez, 00000000, true",
        "blez, 00000001, false",
        "blez, 7FFFFFFF, false",
        "bgtz, 80000000, false",
        "bgtz, FFFFFFFF, false",
        "bgtz, 00000000, false",
        "bgtz, 00000001, true",
        "bgtz, 7FFFFFFF, true",
        "bltz, 80000000, true",
        "bltz, FFFFFFFF, true",
        "bltz, 00000000, false",
        "bltz, 00000001, false",
        "bltz, 7FFFFFFF, false",
        "bgez, 80000000, false",
        "bgez, FFFFFFFF, false",
        "bgez, 00000000, true",
        "bgez, 00000001, true",
        "bgez, 7FFFFFFF, true",
    })
    void compareWithZero(String op, String rs, boolean taken) {
        int insn = switch (op) {
            // blez/bgtz with a non-zero rt field (T1): the VM must ignore it.
            case "blez" -> iType(OP_BLEZ, T0, T1, 3);
            case "bgtz" -> iType(OP_BGTZ, T0, T1, 3);
            case "bltz" -> bltz(T0, 3);
            case "bgez" -> bgez(T0, 3);
            default -> throw new IllegalArgumentException(op);
        };
        assertBranch(TestVm.with(insn).reg(T0, h(rs)).reg(T1, 0x12345678).reg(RA, 0x0BAD0BAD), taken);
    }

    @ParameterizedTest(name = "bgezal rs={0} taken={1}")
    @CsvSource({
        "00000000, true",
        "00000001, true",
        "7FFFFFFF, true",
        "FFFFFFFF, false",
        "80000000, false",
    })
    void bgezalLinksWhetherOrNotTaken(String rs, boolean taken) {
        TestVm vm = TestVm.with(bgezal(T0, 3)).reg(T0, h(rs)).reg(RA, 0x0BAD0BAD);
        TestVm.Expect want = vm.expect().at(CODE + 4, taken ? CODE + 16 : CODE + 8).reg(RA, CODE + 8);
        vm.step();
        want.matches(vm.state);
    }

    /**
     * REGIMM rt values other than 0, 1 and 0x11 (bltzl, bgezl, bltzal, bltzall, bgezall, and the unassigned
     * ones) are a branch not taken: no link, no error, even when rs would satisfy the real instruction.
     */
    @ParameterizedTest(name = "REGIMM rt=0x{0}")
    @ValueSource(strings = {"02", "03", "04", "08", "0C", "0E", "10", "12", "13", "1F"})
    void unknownRegimmIsABranchNotTaken(String rtCode) {
        for (int rs : new int[] {-1, 0, 1}) {
            TestVm vm = TestVm.with(regimm(T0, h(rtCode), 3)).reg(T0, rs).reg(RA, 0x0BAD0BAD);
            assertBranch(vm, false);
        }
    }

    @Test
    void jumpTakesItsRegionFromTheDelaySlotAddress() {
        // j in the last word of the 0x3... region: its delay slot (nextPC) is 0x40000000, so the target's
        // top four bits are 4, not the 3 of the jump's own address.
        int at = 0x3FFF_FFFC;
        TestVm vm = TestVm.with();
        Asm.at(vm.state, at).emit(j(0x100));
        vm.state.setPc(at);
        vm.state.setNextPC(at + 4);
        TestVm.Expect want = vm.expect().at(0x4000_0000, 0x4000_0100);
        vm.step();
        want.matches(vm.state);
    }

    @Test
    void jumpWithinTheCodeRegion() {
        TestVm vm = TestVm.with(j(0x0048_1234 & ~3), nop());
        TestVm.Expect want = vm.expect().at(CODE + 4, 0x0048_1234 & ~3);
        vm.step();
        want.matches(vm.state);
    }

    @Test
    void jalLinksPcPlus8() {
        TestVm vm = TestVm.with(jal(0x0041_0000));
        TestVm.Expect want = vm.expect().at(CODE + 4, 0x0041_0000).reg(RA, CODE + 8);
        vm.step();
        want.matches(vm.state);
    }

    @Test
    void jrJumpsToTheRegister() {
        TestVm vm = TestVm.with(jr(T0)).reg(T0, 0x0040_0800);
        TestVm.Expect want = vm.expect().at(CODE + 4, 0x0040_0800);
        vm.step();
        want.matches(vm.state);
    }

    @Test
    void jalrLinksIntoRd() {
        TestVm vm = TestVm.with(jalr(T3, T0)).reg(T0, 0x0040_0800).reg(RA, 0x0BAD0BAD);
        TestVm.Expect want = vm.expect().at(CODE + 4, 0x0040_0800).reg(T3, CODE + 8);
        vm.step();
        want.matches(vm.state);
    }

    @Test
    void jalrDefaultLinksIntoRa() {
        TestVm vm = TestVm.with(jalr(T9)).reg(T9, 0x0040_0800);
        TestVm.Expect want = vm.expect().at(CODE + 4, 0x0040_0800).reg(RA, CODE + 8);
        vm.step();
        want.matches(vm.state);
    }

    @Test
    void jalrWithRdZeroDoesNotLink() {
        TestVm vm = TestVm.with(jalr(ZERO, T0)).reg(T0, 0x0040_0800).reg(RA, 0x0BAD0BAD);
        TestVm.Expect want = vm.expect().at(CODE + 4, 0x0040_0800);
        vm.step();
        want.matches(vm.state);
    }

    @Test
    void jalrThroughItsOwnLinkRegisterJumpsToTheOldValue() {
        TestVm vm = TestVm.with(jalr(T0, T0)).reg(T0, 0x0040_0800);
        TestVm.Expect want = vm.expect().at(CODE + 4, 0x0040_0800).reg(T0, CODE + 8);
        vm.step();
        want.matches(vm.state);
    }

    @Test
    void delaySlotLoadRunsBeforeTheJumpLands() {
        TestVm vm = TestVm.with(jal(0x0041_0000), lw(T2, 4, T0)).reg(T0, TestVm.DATA).word(TestVm.DATA + 4, 0xCAFEF00D);
        vm.step();
        TestVm.Expect slot = vm.expect().at(0x0041_0000, 0x0041_0004).reg(T2, 0xCAFEF00D);
        vm.step();
        slot.matches(vm.state);
    }

    @Test
    void delaySlotSyscallRunsBeforeTheBranchLands() {
        TestVm vm = TestVm.with(b(3), syscall()).reg(V0, 4045).reg(A3, 5); // brk
        vm.step();
        TestVm.Expect slot = vm.expect().at(CODE + 16, CODE + 20).ok(0x4000_0000);
        vm.step();
        slot.matches(vm.state);
    }

    /** A branch or jump whose nextPC is not pc + 4 sits in a delay slot: an error, whatever its kind. */
    @ParameterizedTest(name = "{0} then {1}")
    @CsvSource({
        "b,      beq",
        "b,      bneNotTaken",
        "b,      blez",
        "b,      bgtz",
        "b,      bltz",
        "b,      bgezal",
        "b,      regimmUnknown",
        "j,      j",
        "jal,    jal",
        "jr,     jr",
        "jalr,   jalr",
        "j,      beq",
        "bgezal, j",
        "b,      jr",
    })
    void branchOrJumpInADelaySlotIsAnError(String first, String second) {
        int target = CODE + 0x100;
        int firstInsn = switch (first) {
            case "b" -> b(offsetTo(CODE, target));
            case "bgezal" -> bgezal(ZERO, offsetTo(CODE, target));
            case "j" -> j(target);
            case "jal" -> jal(target);
            case "jr" -> jr(T5);
            case "jalr" -> jalr(T6, T5);
            default -> throw new IllegalArgumentException(first);
        };
        int secondInsn = switch (second) {
            case "beq" -> beq(ZERO, ZERO, 8);
            case "bneNotTaken" -> bne(ZERO, ZERO, 8); // would not branch, but is still a branch
            case "blez" -> blez(ZERO, 8);
            case "bgtz" -> bgtz(T0, 8);
            case "bltz" -> bltz(ZERO, 8);
            case "bgezal" -> bgezal(ZERO, 8);
            case "regimmUnknown" -> regimm(ZERO, RT_BLTZAL, 8);
            case "j" -> j(CODE + 0x200);
            case "jal" -> jal(CODE + 0x200);
            case "jr" -> jr(T0);
            case "jalr" -> jalr(T7, T0);
            default -> throw new IllegalArgumentException(second);
        };
        TestVm vm = TestVm.with(firstInsn, secondInsn).reg(T5, target).reg(T0, CODE + 0x300);
        vm.step();
        assertEquals(CODE + 4, vm.state.pc());
        assertEquals(target, vm.state.nextPC());
        VmFault f = vm.assertFault("delay slot");
        assertEquals(secondInsn, f.instruction());
    }

    @Test
    void branchWithAnyNextPcOtherThanPcPlus4IsAnError() {
        // Set up the pending-branch state by hand: the rule is about nextPC, not about the previous step.
        TestVm vm = TestVm.with(bne(T0, T1, 2)).reg(T0, 1).reg(T1, 1);
        vm.state.setNextPC(CODE + 0x40);
        vm.assertFault("delay slot");
    }

    @Test
    void branchAfterANotTakenBranchIsNotInADelaySlot() {
        // A not-taken branch leaves nextPC = pc + 4, so the instruction after it may itself branch.
        TestVm vm = TestVm.with(bne(ZERO, ZERO, 5), b(3));
        vm.step();
        TestVm.Expect want = vm.expect().at(CODE + 8, CODE + 4 + 4 + 12);
        vm.step();
        want.matches(vm.state);
    }

    @Test
    void loopRunsToCompletion() {
        // t0 = 5; loop: t1 += t0; t0 -= 1; bgtz t0, loop; nop  ->  t1 = 5+4+3+2+1
        TestVm vm = TestVm.with(
            addiu(T0, ZERO, 5),
            addu(T1, T1, T0),
            addiu(T0, T0, -1),
            bgtz(T0, -3),
            nop(),
            addiu(T2, ZERO, 1));
        long ran = vm.emu.run(1 + 5 * 4 + 1);
        assertEquals(22, ran);
        assertEquals(15, vm.reg(T1));
        assertEquals(0, vm.reg(T0));
        assertEquals(1, vm.reg(T2));
        assertEquals(CODE + 24, vm.state.pc());
        assertEquals(TestVm.START_STEP + 22, vm.state.step());
    }
}
