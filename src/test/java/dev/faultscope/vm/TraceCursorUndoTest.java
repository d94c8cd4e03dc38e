package dev.faultscope.vm;

import dev.faultscope.agent.FaultProofProgram;
import dev.faultscope.fpp.ChainModel;
import dev.faultscope.fpp.FppHost;
import dev.faultscope.oracle.PreimageOracle;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static dev.faultscope.vm.Asm.*;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Stepping back through the cursor's undo log (and, past its end, through checkpoints) must give exactly the
 * states of a straight run: same witness, same pending hint bytes, same set of pages.
 */
class TraceCursorUndoTest {
    /** What a straight run looked like after each step. */
    record Reference(List<byte[]> witnesses, List<byte[]> hints, List<Integer> pageCounts, VmFault fault) {
        void check(TraceCursor cursor, String where) {
            VmState s = cursor.state();
            int i = (int) s.step();
            assertArrayEquals(witnesses.get(i), s.witness(), where + ": witness at step " + i);
            assertArrayEquals(hints.get(i), s.lastHint(), where + ": pending hint at step " + i);
            assertEquals(pageCounts.get(i), s.memory().pageCount(), where + ": pages at step " + i);
        }

        int last() {
            return witnesses.size() - 1;
        }
    }

    static Reference straightRun(VmState start, PreimageOracle oracle, int maxSteps) {
        VmState s = start.copy();
        Mips32Emulator emu = new Mips32Emulator(s, oracle);
        Reference ref = new Reference(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), null);
        VmFault fault = null;
        while (true) {
            ref.witnesses.add(s.witness());
            ref.hints.add(s.lastHint());
            ref.pageCounts.add(s.memory().pageCount());
            if (s.exited() || s.step() == maxSteps) {
                break;
            }
            try {
                emu.step();
            } catch (VmFault f) {
                fault = f;
                break;
            }
        }
        return new Reference(ref.witnesses, ref.hints, ref.pageCounts, fault);
    }

    /** Random walks of steps forward, steps back, short and long seeks, checked at every position. */
    static void walk(TraceCursor cursor, Reference ref, long seed, int moves) {
        Random rnd = new Random(seed);
        for (int m = 0; m < moves; m++) {
            int kind = rnd.nextInt(4);
            String where = "move " + m + " (seed " + seed + ")";
            if (kind == 0) {
                cursor.seek(rnd.nextInt(ref.last() + 1));
            } else if (kind == 1) {
                int n = 1 + rnd.nextInt(3 * TraceCursor.UNDO_STEPS / 2); // past the undo log now and then
                for (int i = 0; i < n && cursor.stepBack(); i++) {
                    if (i % 97 == 0) {
                        ref.check(cursor, where + " back " + i);
                    }
                }
            } else {
                int n = 1 + rnd.nextInt(300);
                for (int i = 0; i < n && cursor.step() < ref.last(); i++) {
                    cursor.stepForward();
                }
            }
            ref.check(cursor, where);
        }
    }

    @Test
    void stepsBackThroughTheFaultProofProgramEqualAStraightRun() throws IOException {
        ChainModel model = ChainModel.load(Path.of("samples/scenarios/classroom.json"));
        FppHost host = new FppHost(model);
        PreimageOracle oracle = host.lazyStore(host.inputs(1, 2, model.outputRoot(2)));
        VmState start = FaultProofProgram.load().state();
        int steps = 40_000; // includes pre-image reads, hints and the first pages the program touches
        Reference ref = straightRun(start, oracle, steps);
        TraceCursor cursor = new TraceCursor(start, oracle, 1000);
        cursor.seek(steps);
        ref.check(cursor, "end");
        walk(cursor, ref, 1, 150);
        // Every single step back from the end down to the start.
        cursor.seek(steps);
        while (cursor.stepBack()) {
            ref.check(cursor, "single steps back");
        }
        assertEquals(0, cursor.step());
    }

    @Test
    void stepsBackFromTheExitAndOverNewPagesEqualAStraightRun() {
        VmState start = TraceCursorTest.countingProgram();
        Reference ref = straightRun(start, PreimageOracle.NONE, Integer.MAX_VALUE);
        TraceCursor cursor = new TraceCursor(start, PreimageOracle.NONE, 64);
        cursor.run(Long.MAX_VALUE, null);
        assertTrue(cursor.state().exited());
        ref.check(cursor, "exit");
        assertTrue(cursor.stepBack());
        assertFalse(cursor.state().exited(), "one step back from the exit is the exit syscall about to run");
        ref.check(cursor, "before the exit");
        assertTrue(cursor.stepForward());
        ref.check(cursor, "exit again");
        walk(cursor, ref, 2, 200);
        // The counting program's first store allocates page 2: stepping back over it drops the page again.
        cursor.seek(0);
        for (int i = 0; i < 4; i++) {
            cursor.stepForward();
        }
        ref.check(cursor, "after the first store");
        cursor.seek(0);
        assertFalse(cursor.state().memory().hasPage(2));
        ref.check(cursor, "back at the start");
    }

    /** Writes a byte, half-word and word to fresh pages and unaligned parts of words, then faults. */
    static VmState storesThenFault() {
        int[] code = {
            lui(T0, 0x1234), ori(T0, T0, 0x5678),
            lui(S0, 0x2000),
            addiu(T1, ZERO, 200), // loop counter
            // loop:
            sb(T0, 1, S0), sh(T0, 6, S0), swl(T0, 9, S0), swr(T0, 14, S0), sw(T0, 16, S0),
            addiu(S0, S0, 0x0FF8), // next store lands on the next page (or straddles it)
            addiu(T0, T0, 3),
            addiu(T1, T1, -1),
            bne(T1, ZERO, -9),
            nop(),
            0xFC000000, // an opcode the VM does not execute: faults here
        };
        VmState s = new VmState();
        for (int i = 0; i < code.length; i++) {
            s.memory().setWord(0x400000 + 4 * i, code[i]);
        }
        s.setPc(0x400000);
        s.setNextPC(0x400004);
        return s;
    }

    @Test
    void stepsBackFromAFaultAndOverStoresToFreshPagesEqualAStraightRun() {
        VmState start = storesThenFault();
        Reference ref = straightRun(start, PreimageOracle.NONE, Integer.MAX_VALUE);
        assertTrue(ref.fault() != null, "the program must end in a fault");
        TraceCursor cursor = new TraceCursor(start, PreimageOracle.NONE, 100);
        assertThrows(VmFault.class, () -> cursor.run(Long.MAX_VALUE, null));
        ref.check(cursor, "at the fault");
        assertEquals(ref.last(), cursor.step());
        assertThrows(VmFault.class, cursor::stepForward);
        ref.check(cursor, "after the refused step");
        walk(cursor, ref, 3, 200);
        cursor.seek(ref.last());
        while (cursor.stepBack()) {
            ref.check(cursor, "single steps back");
        }
        assertTrue(Arrays.equals(ref.witnesses().get(0), cursor.state().witness()));
    }
}
