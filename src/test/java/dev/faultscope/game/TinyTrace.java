package dev.faultscope.game;

import dev.faultscope.fpp.Bytes32;
import dev.faultscope.oracle.PreimageOracle;
import dev.faultscope.vm.Mips32Emulator;
import dev.faultscope.vm.StepProof;
import dev.faultscope.vm.VmState;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * A few hand-encoded instructions run to exit by the emulator, keeping every pre-state witness and step proof, so
 * a test can post the trace's state hashes as claims and step with real proofs.
 */
final class TinyTrace {
    static final int CODE = 0x0040_0000;
    static final int V0 = 2, A0 = 4, A1 = 5, A2 = 6, T0 = 8, T1 = 9;

    private final List<byte[]> witnesses = new ArrayList<>();
    private final List<byte[]> proofs = new ArrayList<>();

    TinyTrace(PreimageOracle oracle, Consumer<VmState> setup, int... code) {
        VmState s = new VmState();
        s.setPc(CODE);
        s.setNextPC(CODE + 4);
        s.setHeap(0x0500_0000);
        for (int i = 0; i < code.length; i++) {
            s.memory().setWord(CODE + 4 * i, code[i]);
        }
        setup.accept(s);
        Mips32Emulator emu = new Mips32Emulator(s, oracle);
        while (!s.exited()) {
            if (proofs.size() > code.length) {
                throw new IllegalStateException("test program ran past its code");
            }
            StepProof p = emu.stepWithProof();
            witnesses.add(p.stateData());
            proofs.add(p.proofData());
        }
        witnesses.add(s.witness());
    }

    // ---- encodings (MIPS32 I-type and the syscall word), written from the ISA tables ----

    static int addiu(int rt, int rs, int imm) {
        return 0x09 << 26 | rs << 21 | rt << 16 | (imm & 0xFFFF);
    }

    static int lui(int rt, int imm) {
        return 0x0F << 26 | rt << 16 | (imm & 0xFFFF);
    }

    static int syscall() {
        return 0x0000_000C;
    }

    /** Instructions executed until exit. */
    int steps() {
        return proofs.size();
    }

    /** Witness of the state after {@code k} instructions. */
    byte[] witness(int k) {
        return witnesses.get(k).clone();
    }

    /** Proof for executing instruction {@code k} from {@link #witness(int) witness(k)}. */
    byte[] proof(int k) {
        return proofs.get(k).clone();
    }

    Bytes32 stateHash(int k) {
        return Bytes32.of(VmState.stateHashOf(witnesses.get(k)));
    }

    Bytes32 absolutePrestate() {
        return stateHash(0);
    }

    /** The value an honest claim at trace index {@code i} holds: S(i + 1), padded with the final state. */
    Bytes32 claimAt(long i) {
        return stateHash((int) Math.min(i + 1, steps()));
    }
}
