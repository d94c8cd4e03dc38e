package dev.faultscope.vm;

import dev.faultscope.oracle.PreimageOracle;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TraceCursorTest {
    /**
     * Counts t0 to 300, storing it each time and printing "x" to stdout every iteration, then exits with 7.
     * Hand-encoded so the test does not depend on any assembler.
     */
    static VmState countingProgram() {
        int[] code = {
            0x24080000, // addiu $t0, $zero, 0
            0x25080001, // loop: addiu $t0, $t0, 1
            0xAC082000, // sw $t0, 0x2000($zero)
            0x24020FA4, // addiu $v0, $zero, 4004 (write)
            0x24040001, // addiu $a0, $zero, 1
            0x24053000, // addiu $a1, $zero, 0x3000
            0x24060001, // addiu $a2, $zero, 1
            0x0000000C, // syscall
            0x2901012C, // slti $at, $t0, 300
            0x1420FFF7, // bne $at, $zero, loop
            0x00000000, // nop (delay slot)
            0x24021096, // addiu $v0, $zero, 4246 (exit_group)
            0x24040007, // addiu $a0, $zero, 7
            0x0000000C, // syscall
        };
        VmState s = new VmState();
        for (int i = 0; i < code.length; i++) {
            s.memory().setWord(0x400000 + 4 * i, code[i]);
        }
        s.memory().setByte(0x3000, 'x');
        s.setPc(0x400000);
        s.setNextPC(0x400004);
        return s;
    }

    private static List<byte[]> linearWitnesses(VmState start) {
        List<byte[]> out = new ArrayList<>();
        VmState s = start.copy();
        Mips32Emulator emu = new Mips32Emulator(s, PreimageOracle.NONE);
        out.add(s.witness());
        while (!s.exited()) {
            emu.step();
            out.add(s.witness());
        }
        return out;
    }

    @Test
    void seekingAndSteppingBackGiveExactlyTheStatesOfAStraightRun() {
        VmState start = countingProgram();
        List<byte[]> expected = linearWitnesses(start);
        TraceCursor cursor = new TraceCursor(start, PreimageOracle.NONE, 64);
        long last = expected.size() - 1;
        assertEquals(last, cursor.run(Long.MAX_VALUE, null));
        assertTrue(cursor.state().exited());
        assertEquals(7, cursor.state().exitCode());
        Random rnd = new Random(1);
        for (int i = 0; i < 200; i++) {
            long target = rnd.nextLong(last + 1);
            assertEquals(target, cursor.seek(target));
            assertArrayEquals(expected.get((int) target), cursor.state().witness(), "seek to " + target);
            if (target > 0) {
                assertTrue(cursor.stepBack());
                assertArrayEquals(expected.get((int) target - 1), cursor.state().witness(), "back from " + target);
            }
        }
        cursor.seek(0);
        assertFalse(cursor.stepBack());
        assertTrue(cursor.checkpointCount() > 10);
    }

    @Test
    void seekPastTheEndStopsAtTheExitState() {
        TraceCursor cursor = new TraceCursor(countingProgram(), PreimageOracle.NONE, 50);
        long end = cursor.seek(1_000_000);
        assertTrue(cursor.state().exited());
        assertFalse(cursor.stepForward());
        assertEquals(end, cursor.step());
    }

    @Test
    void outputIsRecordedOnceWithTheStepThatPrintedIt() {
        TraceCursor cursor = new TraceCursor(countingProgram(), PreimageOracle.NONE, 32);
        cursor.run(Long.MAX_VALUE, null);
        cursor.seek(10);
        cursor.run(Long.MAX_VALUE, null); // replay must not print twice
        String all = new String(cursor.output().upTo(cursor.step(), 1), StandardCharsets.UTF_8);
        assertEquals("x".repeat(300), all);
        // The first write is the 8th instruction; nothing before it.
        assertEquals(0, cursor.output().upTo(7, 1).length);
        assertEquals(1, cursor.output().upTo(8, 1).length);
    }

    @Test
    void steppingWithProofsKeepsCheckpointsAndOutputLikePlainSteps() {
        VmState start = countingProgram();
        List<byte[]> expected = linearWitnesses(start);
        TraceCursor cursor = new TraceCursor(start, PreimageOracle.NONE, 16);
        int proofs = 0;
        // Every step of the run goes through the proof path, so each checkpoint is taken there first.
        for (StepProof p; (p = cursor.stepForwardWithProof()) != null; proofs++) {
            assertArrayEquals(VmState.stateHashOf(expected.get(proofs)), p.pre(), "pre " + proofs);
            assertArrayEquals(VmState.stateHashOf(expected.get(proofs + 1)), p.post(), "post " + proofs);
        }
        assertEquals(expected.size() - 1, proofs);
        assertEquals((expected.size() - 1) / 16 + 1, cursor.checkpointCount());
        for (long target : new long[] {17, 600, 3, expected.size() - 2}) {
            cursor.seek(target);
            assertArrayEquals(expected.get((int) target), cursor.state().witness(), "seek to " + target);
        }
        assertEquals("x".repeat(300), new String(cursor.output().upTo(cursor.step() + 1, 1), StandardCharsets.UTF_8));
    }
}
