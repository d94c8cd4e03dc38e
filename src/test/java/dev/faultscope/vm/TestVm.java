package dev.faultscope.vm;

import dev.faultscope.oracle.PreimageStore;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A small machine for instruction tests: a fresh state with code at {@link #CODE}, an in-memory oracle,
 * and the two assertions every test needs: "this step produced exactly this state" ({@link Expect}) and
 * "this step faulted and changed nothing" ({@link #assertFault}).
 *
 * <p>The expected state is built by applying the spec's effects by hand to a copy of the pre-state through
 * {@link VmState}'s setters, so nothing of the emulator is reused to compute it.
 */
final class TestVm {
    /** Where test code is laid; away from 0 so a stray jump to 0 shows up as a wrong pc. */
    static final int CODE = 0x0040_0000;
    /** A data area in a different page from the code. */
    static final int DATA = 0x1000_0000;
    /** A non-zero starting step counter, so the fault message's step number is a real check. */
    static final long START_STEP = 41;

    final VmState state = new VmState();
    final PreimageStore oracle = new PreimageStore();
    final Mips32Emulator emu = new Mips32Emulator(state, oracle);

    TestVm() {
        state.setPc(CODE);
        state.setNextPC(CODE + 4);
        state.setStep(START_STEP);
        state.setHeap(0x0500_0000);
    }

    /** A machine with {@code code} at {@link #CODE} and pc on its first word. */
    static TestVm with(int... code) {
        TestVm vm = new TestVm();
        Asm.at(vm.state, CODE).emit(code);
        return vm;
    }

    TestVm reg(int r, int value) {
        state.setRegister(r, value);
        return this;
    }

    TestVm word(int addr, int value) {
        state.memory().setWord(addr, value);
        return this;
    }

    int reg(int r) {
        return state.register(r);
    }

    int word(int addr) {
        return state.memory().getWord(addr);
    }

    /** The expected post-state starts as a copy of the current (pre-)state. */
    Expect expect() {
        return new Expect(state.copy());
    }

    void step() {
        emu.step();
    }

    /** Steps, expecting the spec's error: a VmFault naming step, pc, instruction and reason, state untouched. */
    VmFault assertFault(String reasonFragment) {
        return assertFault(emu, reasonFragment);
    }

    static VmFault assertFault(Mips32Emulator emu, String reasonFragment) {
        VmState s = emu.state();
        byte[] witnessBefore = s.witness();
        byte[] hintBefore = s.lastHint();
        long step = s.step();
        int pc = s.pc();
        int insn = s.memory().getWord(pc);

        VmFault f = assertThrows(VmFault.class, emu::step);

        assertEquals(step, f.step(), "fault's step");
        assertEquals(pc, f.pc(), "fault's pc");
        assertEquals(insn, f.instruction(), "fault's instruction");
        assertTrue(f.reason().toLowerCase().contains(reasonFragment.toLowerCase()),
            () -> "reason \"" + f.reason() + "\" should mention \"" + reasonFragment + "\"");
        String msg = f.getMessage().toLowerCase();
        assertTrue(Pattern.compile("\\bstep " + step + "\\b").matcher(msg).find(), () -> "message names the step: " + msg);
        assertTrue(msg.contains(String.format("%08x", pc)), () -> "message names the pc: " + msg);
        assertTrue(msg.contains(String.format("%08x", insn)), () -> "message names the instruction: " + msg);
        assertTrue(msg.contains(f.reason().toLowerCase()), () -> "message gives the reason: " + msg);

        assertArrayEquals(witnessBefore, s.witness(), "a faulting step must leave the witness byte-identical");
        assertArrayEquals(hintBefore, s.lastHint(), "a faulting step must leave the pending hint bytes alone");
        return f;
    }

    /** The state a step should produce, written with the spec's effects one by one. */
    static final class Expect {
        final VmState s;

        Expect(VmState s) {
            this.s = s;
        }

        /** The ordinary end of a step: {@code pc = nextPC; nextPC += 4; step += 1}. */
        Expect advanced() {
            int next = s.nextPC();
            return at(next, next + 4);
        }

        /** Sets pc and nextPC and counts the step. */
        Expect at(int pc, int nextPC) {
            s.setPc(pc);
            s.setNextPC(nextPC);
            s.setStep(s.step() + 1);
            return this;
        }

        /** Counts the step without moving pc: exit_group's end of step. */
        Expect stepped() {
            s.setStep(s.step() + 1);
            return this;
        }

        Expect exit(int code) {
            s.setExit(true, code);
            return this;
        }

        Expect reg(int r, int value) {
            s.setRegister(r, value);
            return this;
        }

        Expect hi(int v) {
            s.setHi(v);
            return this;
        }

        Expect lo(int v) {
            s.setLo(v);
            return this;
        }

        Expect heap(int v) {
            s.setHeap(v);
            return this;
        }

        Expect word(int addr, int v) {
            s.memory().setWord(addr, v);
            return this;
        }

        Expect preimageKey(byte[] key) {
            s.setPreimageKey(key);
            return this;
        }

        Expect preimageOffset(int offset) {
            s.setPreimageOffset(offset);
            return this;
        }

        /** {@code $v0 = result; $a3 = 0}. */
        Expect ok(int v0) {
            return reg(Asm.V0, v0).reg(Asm.A3, 0);
        }

        /** {@code $v0 = 0xFFFFFFFF; $a3 = errno}. */
        Expect error(int errno) {
            return reg(Asm.V0, -1).reg(Asm.A3, errno);
        }

        /** Compares field by field for a readable failure, then the whole witness (memory root included). */
        void matches(VmState actual) {
            for (int i = 0; i < 32; i++) {
                int want = s.register(i);
                int got = actual.register(i);
                if (want != got) {
                    assertEquals(hex(want), hex(got), "register r" + i);
                }
            }
            assertEquals(hex(s.pc()), hex(actual.pc()), "pc");
            assertEquals(hex(s.nextPC()), hex(actual.nextPC()), "nextPC");
            assertEquals(hex(s.hi()), hex(actual.hi()), "hi");
            assertEquals(hex(s.lo()), hex(actual.lo()), "lo");
            assertEquals(hex(s.heap()), hex(actual.heap()), "heap");
            assertEquals(s.exited(), actual.exited(), "exited");
            assertEquals(s.exitCode(), actual.exitCode(), "exitCode");
            assertEquals(s.step(), actual.step(), "step");
            assertEquals(HexFormat.of().formatHex(s.preimageKey()), HexFormat.of().formatHex(actual.preimageKey()), "preimageKey");
            assertEquals(s.preimageOffset(), actual.preimageOffset(), "preimageOffset");
            assertTrue(Arrays.equals(s.memory().merkleRoot(), actual.memory().merkleRoot()), "memory (merkle root) differs");
            assertArrayEquals(s.witness(), actual.witness(), "witness");
        }

        private static String hex(int v) {
            return String.format("0x%08x", v);
        }
    }
}
