package dev.faultscope.vm.onchain;

import dev.faultscope.crypto.Hex;
import dev.faultscope.oracle.PreimageOracle;
import dev.faultscope.oracle.PreimageStore;
import dev.faultscope.vm.Mips32Emulator;
import dev.faultscope.vm.StepProof;
import dev.faultscope.vm.VmFault;
import dev.faultscope.vm.VmState;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The emulator's step proofs, checked by the stateless verifier on hand-built states: both must reach the
 * same post-state, and reject the same steps.
 */
class EmulatorVerifierEquivalenceTest {
    private static final int PC = 0x1000;
    private static final int V0 = 2;
    private static final int A0 = 4;
    private static final int A1 = 5;
    private static final int A2 = 6;
    private static final int A3 = 7;
    private static final int T0 = 8;
    private static final int T1 = 9;
    private static final int T2 = 10;
    private static final int S0 = 16;
    private static final int S1 = 17;
    private static final int RA = 31;

    // ---- a minimal assembler ----

    private static int rType(int fun, int rs, int rt, int rd, int shamt) {
        return rs << 21 | rt << 16 | rd << 11 | shamt << 6 | fun;
    }

    private static int special2(int fun, int rs, int rt, int rd) {
        return 0x1C << 26 | rs << 21 | rt << 16 | rd << 11 | fun;
    }

    private static int iType(int op, int rs, int rt, int imm) {
        return op << 26 | rs << 21 | rt << 16 | (imm & 0xFFFF);
    }

    private static int jType(int op, int target) {
        return op << 26 | ((target >>> 2) & 0x03FFFFFF);
    }

    private static final int SYSCALL = 0x0000000C;
    private static final int NOP = 0;

    private static VmState program(int... code) {
        VmState s = new VmState();
        s.setPc(PC);
        s.setNextPC(PC + 4);
        s.setHeap(0x05000000);
        for (int i = 0; i < code.length; i++) {
            s.memory().setWord(PC + 4 * i, code[i]);
        }
        return s;
    }

    // ---- the comparison ----

    /** The one pre-image a proof says the step reads, served as an on-chain oracle would have it. */
    private static PreimageOracle oracleOf(StepProof p) {
        if (!p.readsPreimage()) {
            return PreimageOracle.NONE;
        }
        byte[] key = p.oracleKey().clone();
        byte[] data = Arrays.copyOfRange(p.oracleValue(), 8, p.oracleValue().length);
        return k -> Arrays.equals(k, key) ? data.clone() : null;
    }

    /** Steps the emulator with a proof, verifies the proof, and requires both to agree. */
    private static VerifiedStep stepBoth(String label, VmState s, PreimageOracle oracle) {
        Mips32Emulator emu = new Mips32Emulator(s, oracle);
        StepProof p = emu.stepWithProof();
        VerifiedStep v;
        try {
            v = StepVerifier.step(p.stateData(), p.proofData(), oracleOf(p));
        } catch (StepRejected e) {
            throw new AssertionError(label + ": verifier rejected the emulator's step: " + e.getMessage(), e);
        }
        assertArrayEquals(s.witness(), v.postWitness(), label + ": post witness");
        assertArrayEquals(p.post(), v.postHash(), label + ": post hash");
        assertEquals(emu.lastDataAddress(), v.dataAddress(), label + ": data address");
        if (v.dataAddress() != -1) {
            assertEquals(s.memory().getWord(v.dataAddress()), v.dataWord(), label + ": data word");
        }
        return v;
    }

    private static VerifiedStep stepBoth(String label, VmState s) {
        return stepBoth(label, s, PreimageOracle.NONE);
    }

    /** Both must refuse the step; the emulator must leave the state as it was. */
    private static StepRejected rejectBoth(String label, VmState s, int dataAddress, PreimageOracle oracle) {
        byte[] stateData = s.witness();
        byte[] proof = new byte[StepVerifier.STEP_PROOF_BYTES];
        s.memory().proof(s.pc(), proof, 0);
        if (dataAddress != -1) {
            s.memory().proof(dataAddress, proof, StepVerifier.MEMORY_PROOF_BYTES);
        }
        assertThrows(VmFault.class, () -> new Mips32Emulator(s, oracle).step(), label + ": emulator");
        assertArrayEquals(stateData, s.witness(), label + ": emulator changed the state of a failed step");
        return assertThrows(StepRejected.class, () -> StepVerifier.step(stateData, proof, oracle), label + ": verifier");
    }

    // ---- ALU ----

    @Test
    void aluInstructions() {
        int[][] cases = {
            // instruction, rs value, rt value, destination register
            {rType(0x21, T0, T1, T2, 0), 0x7FFFFFFF, 1, T2},           // addu
            {rType(0x20, T0, T1, T2, 0), 0x7FFFFFFF, 1, T2},           // add wraps, no trap
            {rType(0x23, T0, T1, T2, 0), 0, 1, T2},                    // subu
            {rType(0x22, T0, T1, T2, 0), 0x80000000, 1, T2},           // sub wraps
            {rType(0x00, 0, T1, T2, 7), 0, 0x81234567, T2},            // sll
            {rType(0x02, 0, T1, T2, 7), 0, 0x81234567, T2},            // srl
            {rType(0x03, 0, T1, T2, 7), 0, 0x81234567, T2},            // sra
            {rType(0x04, T0, T1, T2, 0), 0x25, 0x81234567, T2},        // sllv uses rs & 31
            {rType(0x06, T0, T1, T2, 0), 0x25, 0x81234567, T2},        // srlv
            {rType(0x07, T0, T1, T2, 0), 0x25, 0x81234567, T2},        // srav
            {rType(0x24, T0, T1, T2, 0), 0xF0F0F0F0, 0x3C3C3C3C, T2},  // and
            {rType(0x25, T0, T1, T2, 0), 0xF0F0F0F0, 0x3C3C3C3C, T2},  // or
            {rType(0x26, T0, T1, T2, 0), 0xF0F0F0F0, 0x3C3C3C3C, T2},  // xor
            {rType(0x27, T0, T1, T2, 0), 0xF0F0F0F0, 0x3C3C3C3C, T2},  // nor
            {rType(0x2A, T0, T1, T2, 0), 0xFFFFFFFF, 1, T2},           // slt: -1 < 1
            {rType(0x2B, T0, T1, T2, 0), 0xFFFFFFFF, 1, T2},           // sltu: 0xFFFFFFFF > 1
            {rType(0x2B, T0, T1, T2, 0), 1, 0xFFFFFFFF, T2},           // sltu, the other way round
            {rType(0x0A, T0, T1, T2, 0), 0x1234, 0, T2},               // movz moves
            {rType(0x0A, T0, T1, T2, 0), 0x1234, 5, T2},               // movz keeps
            {rType(0x0B, T0, T1, T2, 0), 0x1234, 5, T2},               // movn moves
            {rType(0x0F, 0, 0, 0, 0), 0, 0, 0},                        // sync
            {rType(0x21, T0, T1, 0, 0), 3, 4, 0},                      // r0 stays 0
            {iType(0x08, T0, T2, 0xFFFF), 0x80000000, 0, T2},          // addi wraps
            {iType(0x09, T0, T2, 0x8000), 5, 0, T2},                   // addiu sign-extends
            {iType(0x0A, T0, T2, 0xFFFF), 0xFFFFFFFE, 0, T2},          // slti
            {iType(0x0B, T0, T2, 0xFFFF), 5, 0, T2},                   // sltiu: immediate is 0xFFFFFFFF
            {iType(0x0C, T0, T2, 0x8F0F), 0xFFFFFFFF, 0, T2},          // andi zero-extends
            {iType(0x0D, T0, T2, 0x8F0F), 0x12340000, 0, T2},          // ori
            {iType(0x0E, T0, T2, 0x8F0F), 0xFFFFFFFF, 0, T2},          // xori
            {iType(0x0F, 0, T2, 0x8001), 0, 0, T2},                    // lui
            {special2(0x02, T0, T1, T2), 0x12345678, 0x9ABCDEF0, T2},  // mul
            {special2(0x20, T0, 0, T2), 0x00010000, 0, T2},            // clz
            {special2(0x20, T0, 0, T2), 0, 0, T2},                     // clz of 0
            {special2(0x21, T0, 0, T2), 0xFFF00000, 0, T2},            // clo
            {special2(0x21, T0, 0, T2), 0xFFFFFFFF, 0, T2},            // clo of all ones
        };
        for (int[] c : cases) {
            VmState s = program(c[0]);
            s.setRegister(T0, c[1]);
            s.setRegister(T1, c[2]);
            s.setRegister(T2, 0x5A5A5A5A);
            String label = Hex.word(c[0]);
            VerifiedStep v = stepBoth(label, s);
            assertEquals(-1, v.dataAddress(), label);
            assertEquals(PC + 4, s.pc(), label);
        }
    }

    @Test
    void hiLoInstructions() {
        int[][] cases = {
            {rType(0x18, T0, T1, 0, 0), 0xFFFFFFFE, 3},      // mult: -6
            {rType(0x19, T0, T1, 0, 0), 0xFFFFFFFE, 3},      // multu
            {rType(0x1A, T0, T1, 0, 0), 0xFFFFFFF9, 2},      // div truncates toward zero
            {rType(0x1A, T0, T1, 0, 0), 0x80000000, -1},     // INT_MIN / -1 wraps
            {rType(0x1B, T0, T1, 0, 0), 0xFFFFFFF9, 2},      // divu
            {rType(0x10, 0, 0, T2, 0), 0, 0},                // mfhi
            {rType(0x12, 0, 0, T2, 0), 0, 0},                // mflo
            {rType(0x11, T0, 0, 0, 0), 0xCAFE, 0},           // mthi
            {rType(0x13, T0, 0, 0, 0), 0xCAFE, 0},           // mtlo
            {rType(0x18, T0, T1, T2, 0), 7, 9},              // a non-zero rd field gets 0
        };
        for (int[] c : cases) {
            VmState s = program(c[0]);
            s.setRegister(T0, c[1]);
            s.setRegister(T1, c[2]);
            s.setRegister(T2, 0x5A5A5A5A);
            s.setHi(0x11111111);
            s.setLo(0x22222222);
            stepBoth(Hex.word(c[0]), s);
        }
    }

    // ---- memory ----

    @Test
    void loadsAtEveryAlignment() {
        int[] ops = {0x20, 0x21, 0x22, 0x23, 0x24, 0x25, 0x26};
        for (int op : ops) {
            for (int lane = 0; lane < 4; lane++) {
                VmState s = program(iType(op, T0, T1, -4 + lane));
                s.setRegister(T0, 0x2004);
                s.setRegister(T1, 0x11223344);
                s.memory().setWord(0x2000, 0x8899AABB);
                VerifiedStep v = stepBoth(String.format("load op 0x%02x lane %d", op, lane), s);
                assertEquals(0x2000, v.dataAddress());
                assertFalse(v.dataWritten());
            }
        }
    }

    @Test
    void subWordLoadsGiveTheSpecsValues() {
        // Spot values worked out by hand from the spec's formulas, for memory word 0x8899AABB at 0x2000.
        int[][] expect = {
            {0x20, 1, 0xFFFFFF99}, {0x24, 1, 0x99}, {0x21, 3, 0xFFFFAABB}, {0x25, 2, 0xAABB},
            {0x22, 1, 0x99AABB44}, {0x26, 1, 0x11228899},
        };
        for (int[] e : expect) {
            VmState s = program(iType(e[0], T0, T1, e[1]));
            s.setRegister(T0, 0x2000);
            s.setRegister(T1, 0x11223344);
            s.memory().setWord(0x2000, 0x8899AABB);
            stepBoth(Hex.word(e[0]), s);
            assertEquals(e[2], s.register(T1), String.format("op 0x%02x at +%d", e[0], e[1]));
        }
    }

    @Test
    void storesAtEveryAlignment() {
        int[] ops = {0x28, 0x29, 0x2A, 0x2B, 0x2E};
        for (int op : ops) {
            for (int lane = 0; lane < 4; lane++) {
                VmState s = program(iType(op, T0, T1, lane));
                s.setRegister(T0, 0x7FFF0000);
                s.setRegister(T1, 0x11223344);
                s.memory().setWord(0x7FFF0000, 0x8899AABB);
                VerifiedStep v = stepBoth(String.format("store op 0x%02x lane %d", op, lane), s);
                assertTrue(v.dataWritten());
                assertEquals(0x11223344, s.register(T1), "a store writes no register");
            }
        }
    }

    @Test
    void storesIntoUntouchedMemoryAndIntoTheInstructionsOwnLeaf() {
        VmState fresh = program(iType(0x2B, T0, T1, 0));
        fresh.setRegister(T0, 0xC0DE0000);
        fresh.setRegister(T1, 0xDEADBEEF);
        stepBoth("sw to a page never written", fresh);
        assertEquals(0xDEADBEEF, fresh.memory().getWord(0xC0DE0000));

        VmState self = program(iType(0x28, T0, T1, 7), NOP, NOP);
        self.setRegister(T0, PC);
        self.setRegister(T1, 0xAB);
        stepBoth("sb into the instruction's leaf", self);
        assertEquals(0xAB, self.memory().getWord(PC + 4) & 0xFF);
    }

    @Test
    void loadLinkedAndStoreConditional() {
        VmState ll = program(iType(0x30, T0, T1, 6));
        ll.setRegister(T0, 0x3000);
        ll.memory().setWord(0x3004, 0x01020304);
        stepBoth("ll", ll);
        assertEquals(0x01020304, ll.register(T1));

        VmState sc = program(iType(0x38, T0, T1, -2));
        sc.setRegister(T0, 0x3006);
        sc.setRegister(T1, 0x55667788);
        stepBoth("sc", sc);
        assertEquals(1, sc.register(T1));
        assertEquals(0x55667788, sc.memory().getWord(0x3004));

        VmState scZero = program(iType(0x38, T0, 0, 0));
        scZero.setRegister(T0, 0x3004);
        scZero.memory().setWord(0x3004, 0x99);
        stepBoth("sc with rt = r0", scZero);
        assertEquals(0, scZero.memory().getWord(0x3004));
    }

    // ---- control flow ----

    @Test
    void branchesAndTheirDelaySlots() {
        int[][] cases = {
            {iType(4, T0, T1, 5), 7, 7},            // beq taken
            {iType(4, T0, T1, 5), 7, 8},            // beq not taken
            {iType(5, T0, T1, -3), 7, 8},           // bne taken, backwards
            {iType(6, T0, 0, 5), 0, 0},             // blez
            {iType(7, T0, 0, 5), 0, 0},             // bgtz not taken
            {iType(1, T0, 0, 5), -1, 0},            // bltz
            {iType(1, T0, 1, 5), 0, 0},             // bgez
            {iType(1, T0, 0x11, 5), -1, 0},         // bgezal not taken, links anyway
            {iType(1, T0, 0x11, 5), 3, 0},          // bgezal taken
            {iType(1, T0, 0x10, 5), -1, 0},         // bltzal: unsupported, a branch not taken
        };
        for (int[] c : cases) {
            VmState s = program(c[0], rType(0x21, T0, T1, T2, 0));
            s.setRegister(T0, c[1]);
            s.setRegister(T1, c[2]);
            String label = Hex.word(c[0]);
            stepBoth(label, s);
            stepBoth(label + " delay slot", s);
        }
    }

    @Test
    void jumps() {
        int[][] cases = {
            {jType(2, 0x00400000)},
            {jType(3, 0x00400000)},
            {rType(0x08, T0, 0, 0, 0)},
            {rType(0x09, T0, 0, RA, 0)},
            {rType(0x09, T0, 0, T2, 0)},
        };
        for (int[] c : cases) {
            VmState s = program(c[0], NOP);
            s.setRegister(T0, 0x00500000);
            String label = Hex.word(c[0]);
            stepBoth(label, s);
            stepBoth(label + " delay slot", s);
        }
    }

    @Test
    void bothRejectTheSameSteps() {
        VmState branchInSlot = program(iType(4, 0, 0, 4));
        branchInSlot.setNextPC(0x4000);
        assertEquals(StepRejected.Reason.BRANCH_IN_DELAY_SLOT,
            rejectBoth("branch in delay slot", branchInSlot, -1, PreimageOracle.NONE).reason());

        VmState jumpInSlot = program(rType(0x08, RA, 0, 0, 0));
        jumpInSlot.setNextPC(0x4000);
        assertEquals(StepRejected.Reason.JUMP_IN_DELAY_SLOT,
            rejectBoth("jr in delay slot", jumpInSlot, -1, PreimageOracle.NONE).reason());

        VmState divu = program(rType(0x1B, T0, T1, 0, 0));
        assertEquals(StepRejected.Reason.DIVISION_BY_ZERO, rejectBoth("divu by 0", divu, -1, PreimageOracle.NONE).reason());

        for (int insn : new int[] {rType(0x0D, 0, 0, 0, 0), rType(0x14, T0, T1, T2, 0), rType(0x34, T0, T1, 0, 0),
            special2(0x00, T0, T1, 0), iType(0x14, 0, 0, 1), 0x46000000}) {
            StepRejected r = rejectBoth(Hex.word(insn), program(insn), -1, PreimageOracle.NONE);
            assertEquals(StepRejected.Reason.INVALID_INSTRUCTION, r.reason());
            assertTrue(r.getMessage().contains(Hex.word(insn)), r.getMessage());
        }
        StepRejected badStore = rejectBoth("opcode 0x2c", program(iType(0x2C, T0, T1, 0)), 0, PreimageOracle.NONE);
        assertEquals(StepRejected.Reason.INVALID_INSTRUCTION, badStore.reason());
    }

    // ---- syscalls ----

    private static VmState syscall(int number, int a0, int a1, int a2) {
        VmState s = program(SYSCALL);
        s.setRegister(V0, number);
        s.setRegister(A0, a0);
        s.setRegister(A1, a1);
        s.setRegister(A2, a2);
        s.setRegister(A3, 0x77777777);
        return s;
    }

    @Test
    void plainSyscalls() {
        int[][] cases = {
            {4090, 0, 0x2001, 0},            // mmap from the heap, rounded up
            {4090, 0x12340000, 0x10, 0},     // mmap at a given address
            {4090, 0, 0xFFFFF001, 0},        // mmap whose rounding overflows
            {4090, 0, 0x5B000000, 0},        // mmap ending exactly at 0x60000000
            {4090, 0, 0x5B000001, 0},        // mmap past it
            {4045, 0, 0, 0},                 // brk
            {4120, 0, 0, 0},                 // clone
            {4246, 0x1FF, 0, 0},             // exit_group keeps the low byte
            {4003, 0, 0x2000, 10},           // read stdin: EOF
            {4003, 3, 0x2000, 10},           // read hint ack
            {4003, 9, 0x2000, 10},           // read bad fd
            {4004, 1, 0x2000, 3},            // write stdout
            {4004, 2, 0x2000, 3},            // write stderr
            {4004, 4, 0x2000, 3},            // write hint bytes
            {4004, 7, 0x2000, 3},            // write bad fd
            {4055, 5, 3, 0},                 // fcntl F_GETFL
            {4055, 6, 3, 0},
            {4055, 7, 3, 0},
            {4055, 6, 1, 0},                 // fcntl F_GETFD
            {4055, 7, 1, 0},
            {4055, 1, 2, 0},                 // fcntl other cmd
            {4242, 1, 2, 3},                 // unknown: a no-op returning 0
        };
        for (int[] c : cases) {
            VmState s = syscall(c[0], c[1], c[2], c[3]);
            VerifiedStep v = stepBoth("syscall " + Arrays.toString(c), s);
            assertEquals(-1, v.dataAddress(), "syscall " + Arrays.toString(c));
        }
    }

    @Test
    void preimageKeyWrites() {
        for (int lane = 0; lane < 4; lane++) {
            for (int count : new int[] {0, 1, 2, 4, 100}) {
                VmState s = syscall(4004, 6, 0x2000 + lane, count);
                s.memory().setWord(0x2000, 0xA1B2C3D4);
                s.setPreimageKey(Hex.decode("0x0102030405060708091011121314151617181920212223242526272829303132"));
                s.setPreimageOffset(99);
                VerifiedStep v = stepBoth("key write lane " + lane + " count " + count, s);
                assertEquals(0x2000, v.dataAddress());
                assertFalse(v.dataWritten());
            }
        }
    }

    @Test
    void preimageReads() {
        PreimageStore store = new PreimageStore();
        byte[] data = "fault proofs, one word at a time".getBytes(StandardCharsets.UTF_8);
        byte[] key = store.putKeccak(data);
        int total = 8 + data.length;
        for (int offset : new int[] {0, 5, 8, total - 3, total - 1}) {
            for (int lane = 0; lane < 4; lane++) {
                for (int count : new int[] {0, 1, 4}) {
                    VmState s = syscall(4003, 5, 0x6000 + lane, count);
                    s.memory().setWord(0x6000, 0xEEEEEEEE);
                    s.setPreimageKey(key);
                    s.setPreimageOffset(offset);
                    String label = "read offset " + offset + " lane " + lane + " count " + count;
                    VerifiedStep v = stepBoth(label, s, store);
                    assertEquals(0x6000, v.dataAddress(), label);
                    int n = Math.min(Math.min(count, 4 - lane), total - offset);
                    assertEquals(n, s.register(V0), label);
                    assertEquals(offset + n, s.preimageOffset(), label);
                }
            }
        }

        VmState past = syscall(4003, 5, 0x6000, 4);
        past.setPreimageKey(key);
        past.setPreimageOffset(total);
        assertEquals(StepRejected.Reason.PREIMAGE_READ_PAST_END, rejectBoth("read past the end", past, 0x6000, store).reason());

        VmState missing = syscall(4003, 5, 0x6000, 4);
        missing.setPreimageKey(store.putKeccak(new byte[] {1}));
        assertEquals(StepRejected.Reason.MISSING_PREIMAGE,
            rejectBoth("missing pre-image", missing, 0x6000, PreimageOracle.NONE).reason());
    }

    // ---- a whole program ----

    @Test
    void everyStepOfAProgramThatFetchesAPreimage() {
        PreimageStore store = new PreimageStore();
        byte[] data = "the claim, as the oracle knows it".getBytes(StandardCharsets.UTF_8);
        byte[] key = store.putKeccak(data);
        List<String> hints = new ArrayList<>();
        store.onHint((hint, st) -> hints.add(hint));
        byte[] hint = "l1-block 0x1".getBytes(StandardCharsets.UTF_8);

        int keyAt = 0x2000;
        int hintAt = 0x2800;
        int bufAt = 0x3001;
        int[] code = {
            // hint: write(4, hintAt, 4 + len)
            iType(0x09, 0, V0, 4004), iType(0x09, 0, A0, 4), iType(0x09, 0, A1, hintAt), iType(0x09, 0, A2, 4 + hint.length),
            SYSCALL,
            // key: write(6, s0, s1) until s1 == 0
            iType(0x09, 0, S0, keyAt), iType(0x09, 0, S1, 32),
            iType(0x09, 0, V0, 4004), iType(0x09, 0, A0, 6), rType(0x21, S0, 0, A1, 0), rType(0x21, S1, 0, A2, 0),
            SYSCALL,
            rType(0x21, S0, V0, S0, 0), rType(0x23, S1, V0, S1, 0), iType(5, S1, 0, -8), NOP,
            // value: read(5, s0, s1) into an unaligned buffer until s1 == 0
            iType(0x09, 0, S0, bufAt), iType(0x09, 0, S1, 8 + data.length),
            iType(0x09, 0, V0, 4003), iType(0x09, 0, A0, 5), rType(0x21, S0, 0, A1, 0), rType(0x21, S1, 0, A2, 0),
            SYSCALL,
            rType(0x21, S0, V0, S0, 0), rType(0x23, S1, V0, S1, 0), iType(5, S1, 0, -8), NOP,
            // a loop via jal/jr: return the first word read, then exit with it
            jType(3, PC + 4 * 31), NOP,
            iType(0x09, 0, V0, 4246), SYSCALL,
            iType(0x20, 0, A0, bufAt + 7), rType(0x08, RA, 0, 0, 0), NOP,
        };
        VmState s = program(code);
        s.memory().writeBytes(keyAt, key, 0, 32);
        byte[] framed = new byte[4 + hint.length];
        framed[3] = (byte) hint.length;
        System.arraycopy(hint, 0, framed, 4, hint.length);
        s.memory().writeBytes(hintAt, framed, 0, framed.length);

        int steps = 0;
        while (!s.exited() && steps < 1000) {
            stepBoth("step " + s.step() + " at pc " + Hex.word(s.pc()), s, store);
            steps++;
        }
        assertTrue(s.exited(), "the program should exit");
        assertEquals(data.length, s.exitCode(), "exit code is the length byte read back");
        assertArrayEquals(key, s.preimageKey());
        byte[] read = s.memory().readBytes(bufAt, 8 + data.length);
        assertArrayEquals(data, Arrays.copyOfRange(read, 8, read.length));
        assertEquals(List.of("l1-block 0x1"), hints);

        // Once exited, the verifier returns the state unchanged, as the contract does.
        byte[] w = s.witness();
        VerifiedStep after = StepVerifier.step(w, new byte[StepVerifier.STEP_PROOF_BYTES], PreimageOracle.NONE);
        assertArrayEquals(w, after.postWitness());
    }
}
