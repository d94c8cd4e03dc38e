package dev.faultscope.vm;

import dev.faultscope.oracle.PreimageOracle;
import dev.faultscope.vm.elf.ElfLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * {@link Mips32Emulator#run} takes a fast path (decode cache, locals, one switch, hot blocks translated to bytecode);
 * {@link Mips32Emulator#step} is the reference. Both must give the same states, step counts, outputs, faults and last data access: checked on the
 * compiled programs and the bench program run in random chunks, and on random instruction soups that branch in
 * delay slots, divide by zero, jump to unaligned addresses and write over their own code, across snapshots.
 */
class FastRunEquivalenceTest {
    private static byte[] resource(String name) throws IOException {
        try (InputStream in = FastRunEquivalenceTest.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("missing test resource " + name);
            }
            return in.readAllBytes();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"/mips/arith.elf", "/mips/memory.elf", "/mips/control.elf", "/mips/keccak.elf",
        "/mips/heap.elf", "/mips/int64.elf", "/mips/exit3.elf", "/programs/bench.elf"})
    void programsRunInChunksEqualStepByStep(String program) throws IOException {
        byte[] elf = resource(program);
        VmState fast = ElfLoader.load(elf).state();
        VmState ref = ElfLoader.load(elf).state();
        Mips32Emulator fastEmu = new Mips32Emulator(fast, PreimageOracle.NONE);
        fastEmu.translateAfter(3); // translate nearly every block, to check them all
        fastEmu.translateInPlace();
        Mips32Emulator refEmu = new Mips32Emulator(ref, PreimageOracle.NONE);
        ByteArrayOutputStream fastOut = new ByteArrayOutputStream();
        ByteArrayOutputStream refOut = new ByteArrayOutputStream();
        fastEmu.setOutput(fastOut, fastOut);
        refEmu.setOutput(refOut, refOut);
        Random random = new Random(program.hashCode());
        long limit = 3_000_000;
        while (!ref.exited() && ref.step() < limit) {
            long chunk = 1 + (random.nextInt(4) == 0 ? random.nextInt(3) : random.nextInt(200_000));
            long ran = fastEmu.run(chunk);
            long stepped = 0;
            while (stepped < chunk && !ref.exited()) {
                refEmu.step();
                stepped++;
            }
            assertEquals(stepped, ran, program + ": steps run by run(" + chunk + ") at step " + ref.step());
            assertTrue(fast.sameAs(ref), program + ": states differ after step " + ref.step());
            assertEquals(refEmu.lastDataAddress(), fastEmu.lastDataAddress(), program + ": last data address at step " + ref.step());
            assertEquals(refEmu.lastDataWritten(), fastEmu.lastDataWritten(), program + ": last data written at step " + ref.step());
            if (random.nextInt(8) == 0) {
                fast.checkpoint(); // later writes copy pages, code pages included
            }
        }
        assertEquals(refOut.toString(), fastOut.toString(), program + ": output");
        assertTrue(fastEmu.translatedSteps() > ref.step() / 4, program + ": only " + fastEmu.translatedSteps() + " of "
            + ref.step() + " steps ran translated");
        assertTrue(ref.exited() || ref.step() >= limit);
    }

    /**
     * Blocks translated in place, at once, and blocks that come back from the translator thread while the soup
     * runs on (and may already have written over the words they were made from).
     */
    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void randomInstructionSoupsEqualStepByStepFaultsIncluded(boolean inPlace) {
        int faults = 0;
        long steps = 0;
        long translated = 0;
        for (int seed = 0; seed < 400; seed++) {
            Random random = new Random(seed);
            VmState fast = soup(random);
            VmState ref = fast.copy();
            Mips32Emulator fastEmu = new Mips32Emulator(fast, PreimageOracle.NONE);
            fastEmu.translateAfter(seed % 3 == 0 ? 0 : 1 + seed % 4); // interpreter alone, and blocks early
            if (inPlace) {
                fastEmu.translateInPlace();
            }
            Mips32Emulator refEmu = new Mips32Emulator(ref, PreimageOracle.NONE);
            fastEmu.setOutput(null, null);
            refEmu.setOutput(null, null);
            while (!ref.exited() && ref.step() < 5_000) {
                long chunk = 1 + random.nextInt(300);
                VmFault fastFault = null;
                VmFault refFault = null;
                try {
                    fastEmu.run(chunk);
                } catch (VmFault f) {
                    fastFault = f;
                }
                try {
                    for (long i = 0; i < chunk && !ref.exited(); i++) {
                        refEmu.step();
                    }
                } catch (VmFault f) {
                    refFault = f;
                }
                assertTrue(fast.sameAs(ref), "seed " + seed + ": states differ at step " + ref.step()
                    + (refFault == null ? "" : " (reference faulted: " + refFault.getMessage() + ")"));
                if (refFault != null || fastFault != null) {
                    if (refFault == null || fastFault == null) {
                        fail("seed " + seed + ": only one path faulted: " + (refFault != null ? refFault : fastFault).getMessage());
                    }
                    assertEquals(refFault.getMessage(), fastFault.getMessage(), "seed " + seed);
                    faults++;
                    break;
                }
                if (random.nextInt(6) == 0) {
                    fast.checkpoint();
                }
            }
            steps += ref.step();
            translated += fastEmu.translatedSteps();
        }
        // Blocks made on the translator thread arrive a little later, so fewer steps run translated.
        assertTrue(translated > steps / (inPlace ? 10 : 50), "only " + translated + " of " + steps + " steps ran translated");
        assertTrue(faults > 50, "the soups should fault often enough to test faults: " + faults);
        assertTrue(steps > 100_000, "the soups should run long enough: " + steps + " steps");
    }

    /**
     * A loop whose body, with an if inside, is one translated block: one call runs many iterations, and must stop
     * at exactly the number of steps asked for, wherever in an iteration that falls.
     */
    @Test
    void aLoopInsideOneBlockStopsAtExactlyTheStepsAsked() {
        VmState fast = new VmState();
        fast.setPc(CODE);
        fast.setNextPC(CODE + 4);
        int[] loop = {
            0x2408_0000 | 5000,      // li    t0, 5000
            0x0000_4825,             // move  t1, zero
            0x3103_0001,             // loop: andi v1, t0, 1
            0x1060_0002,             //       beqz v1, even
            0x2129_0003,             //       addi t1, t1, 3   (delay slot, both ways)
            0x0128_4826,             //       xor  t1, t1, t0  (odd only)
            0x2508_ffff,             // even: addiu t0, t0, -1
            0x1500_fffa,             //       bnez t0, loop
            0x0009_4840,             //       sll  t1, t1, 1   (delay slot)
            0x0000_000c,             // syscall exit_group: leaves the block for the reference step
        };
        for (int i = 0; i < loop.length; i++) {
            fast.memory().setWord(CODE + 4 * i, loop[i]);
        }
        fast.setRegister(2, 4246); // exit_group
        VmState ref = fast.copy();
        Mips32Emulator fastEmu = new Mips32Emulator(fast, PreimageOracle.NONE);
        fastEmu.translateAfter(1);
        fastEmu.translateInPlace();
        Mips32Emulator refEmu = new Mips32Emulator(ref, PreimageOracle.NONE);
        Random random = new Random(7);
        while (!ref.exited() && ref.step() < 100_000) {
            long chunk = 1 + random.nextInt(random.nextBoolean() ? 9 : 900);
            long ran = fastEmu.run(chunk);
            long stepped = 0;
            while (stepped < chunk && !ref.exited()) {
                refEmu.step();
                stepped++;
            }
            assertEquals(stepped, ran, "steps run by run(" + chunk + ") at step " + ref.step());
            assertTrue(fast.sameAs(ref), "states differ after step " + ref.step());
        }
        assertTrue(ref.exited(), "the loop ends in exit_group");
        assertTrue(fastEmu.translatedSteps() > ref.step() * 9 / 10, fastEmu.translatedSteps() + " of " + ref.step()
            + " steps ran translated");
    }

    private static final int CODE = 0x0040_0000;
    private static final int DATA = 0x1000_0000;

    /**
     * 256 words of code mixing ALU, loads and stores (some into the code itself), short branches and jumps, hi/lo
     * (divisions by zero among them), and rarely an invalid word; registers point at code, data or anything.
     */
    private static VmState soup(Random random) {
        VmState s = new VmState();
        s.setPc(CODE);
        s.setNextPC(CODE + 4);
        for (int i = 1; i < 32; i++) {
            int kind = random.nextInt(4);
            s.setRegister(i, kind == 0 ? DATA + random.nextInt(256) : kind == 1 ? CODE + 4 * random.nextInt(256)
                : kind == 2 ? random.nextInt(16) - 8 : random.nextInt());
        }
        for (int i = 0; i < 256; i++) {
            s.memory().setWord(CODE + 4 * i, instruction(random, i));
            s.memory().setWord(DATA + 4 * i, random.nextInt());
        }
        // The last words jump back to the start, so runs are long.
        s.memory().setWord(CODE + 4 * 256, 0x0800_0000 | ((CODE >>> 2) & 0x03FF_FFFF));
        s.memory().setWord(CODE + 4 * 257, 0);
        return s;
    }

    private static int instruction(Random random, int index) {
        int rs = random.nextInt(32);
        int rt = random.nextInt(32);
        int rd = random.nextInt(32);
        int roll = random.nextInt(100);
        if (roll < 30) { // SPECIAL ALU and shifts, movz/movn, sync
            int[] funs = {0x00, 0x02, 0x03, 0x04, 0x06, 0x07, 0x0A, 0x0B, 0x0F, 0x20, 0x21, 0x22, 0x23, 0x24, 0x25, 0x26, 0x27, 0x2A, 0x2B};
            return rs << 21 | rt << 16 | rd << 11 | random.nextInt(32) << 6 | funs[random.nextInt(funs.length)];
        }
        if (roll < 45) { // immediates and lui
            return (0x08 + random.nextInt(8)) << 26 | rs << 21 | rt << 16 | random.nextInt(0x10000);
        }
        if (roll < 48) { // mul, clz, clo
            int[] funs = {0x02, 0x20, 0x21};
            return 0x1C << 26 | rs << 21 | rt << 16 | rd << 11 | funs[random.nextInt(3)];
        }
        if (roll < 53) { // hi/lo with the rd field sometimes set
            int[] funs = {0x10, 0x11, 0x12, 0x13, 0x18, 0x19, 0x1A, 0x1B};
            return rs << 21 | rt << 16 | (random.nextInt(3) == 0 ? rd : 0) << 11 | funs[random.nextInt(funs.length)];
        }
        if (roll < 75) { // loads and stores, ll/sc, at small offsets from whatever the base holds
            int[] ops = {0x20, 0x21, 0x22, 0x23, 0x24, 0x25, 0x26, 0x28, 0x29, 0x2A, 0x2B, 0x2E, 0x30, 0x38};
            return ops[random.nextInt(ops.length)] << 26 | rs << 21 | rt << 16 | ((random.nextInt(64) - 32) & 0xFFFF);
        }
        if (roll < 90) { // branches, forward mostly, REGIMM with any rt
            int opcode = 1 + random.nextInt(7);
            if (opcode == 2 || opcode == 3) {
                opcode = 4;
            }
            int offset = random.nextInt(12) - 3;
            return opcode << 26 | rs << 21 | (opcode == 1 ? random.nextInt(32) : rt) << 16 | (offset & 0xFFFF);
        }
        if (roll < 94) { // j/jal within the code
            return (2 + random.nextInt(2)) << 26 | (((CODE >>> 2) + Math.min(255, index + random.nextInt(8))) & 0x03FF_FFFF);
        }
        if (roll < 98) { // jr/jalr through whatever the register holds
            return rs << 21 | rd << 11 | (random.nextBoolean() ? 0x08 : 0x09);
        }
        return random.nextBoolean() ? 0x0000_000D /* break: invalid */ : 0xFC00_0000 | random.nextInt(1 << 26);
    }
}
