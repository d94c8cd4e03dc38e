package dev.faultscope.fpp;

import dev.faultscope.crypto.Hex;
import dev.faultscope.oracle.PreimageOracle;
import dev.faultscope.oracle.PreimageStore;
import dev.faultscope.vm.Mips32Emulator;
import dev.faultscope.vm.VmState;
import dev.faultscope.vm.elf.ElfLoader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The real fault proof program (resources/fpp/fpp.elf) run in the VM against this host: it must reach the chain
 * model's output roots, send exactly the hints the Java stand-in sends, and leave the lazy store holding exactly
 * what the eager preload puts there.
 */
class FppHostVmTest {
    private static byte[] elf;

    @BeforeAll
    static void loadElf() throws IOException {
        try (InputStream in = FppHostVmTest.class.getResourceAsStream("/fpp/fpp.elf")) {
            elf = in.readAllBytes();
        }
    }

    record VmRun(int exit, String stdout, String stderr, List<String> hints) {
        String verdict() {
            String[] lines = stdout.split("\n");
            return lines[lines.length - 1];
        }
    }

    private static VmRun runVm(PreimageStore store) {
        List<String> hints = new ArrayList<>();
        // Records hints on their way to the store's handler, to compare with the stand-in's sequence.
        PreimageOracle recording = new PreimageOracle() {
            @Override
            public byte[] preimage(byte[] key) {
                return store.preimage(key);
            }

            @Override
            public void hint(byte[] hint) {
                hints.add(new String(hint, StandardCharsets.UTF_8));
                store.hint(hint);
            }
        };
        VmState s = ElfLoader.load(elf).state();
        Mips32Emulator emu = new Mips32Emulator(s, recording);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        emu.setOutput(out, err);
        emu.run(Long.MAX_VALUE);
        assertTrue(s.exited());
        return new VmRun(s.exitCode(), out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8), hints);
    }

    private static Map<String, String> contents(PreimageStore store) {
        Map<String, String> out = new TreeMap<>();
        store.entries().forEach((k, v) -> out.put(Hex.encode(k), Hex.encode(v)));
        return out;
    }

    /** Runs the program on a lazy store and checks it against the eager store and the stand-in. */
    private static VmRun check(FppHost host, FppInputs in) {
        PreimageStore lazy = host.lazyStore(in);
        VmRun r = runVm(lazy);
        assertEquals(contents(host.eagerStore(in)), contents(lazy), "eager and lazy stores differ after the VM run");
        FppProgramSim.Run sim = FppProgramSim.run(host.lazyStore(in));
        assertEquals(sim.hints(), r.hints(), "the stand-in's hints differ from the program's");
        assertEquals(sim.exit(), r.exit(), r.stderr());
        return r;
    }

    @Test
    void everyClassroomTransitionReachesTheModelsOutputInTheVm() throws IOException {
        ChainModel m = ChainModel.load(SamplesTest.CLASSROOM);
        FppHost host = new FppHost(m);
        for (long a = 0; a < m.lastL2Block(); a++) {
            Bytes32 root = m.outputRoot(a + 1);
            VmRun r = check(host, host.inputs(a, a + 1, root));
            assertEquals(0, r.exit(), r.stdout() + r.stderr());
            assertEquals("verdict: VALID, L2 #" + (a + 1) + " output " + root.hex() + " matches the claim", r.verdict());
        }
    }

    @Test
    void wrongClaimsLoseInTheVm() throws IOException {
        ChainModel m = ChainModel.load(SamplesTest.CLASSROOM);
        FppHost host = new FppHost(m);
        Bytes32 wrong = Proposers.invalidTransfers(m).claim(2);
        VmRun r = check(host, host.inputs(1, 2, wrong));
        assertEquals(1, r.exit());
        assertEquals("verdict: INVALID, L2 #2 output " + m.outputRoot(2).hex() + ", the claim is " + wrong.hex(), r.verdict());

        VmRun beyond = check(host, host.inputs(7, 9, Proposers.beyondL1(m).claim(9)));
        assertEquals(1, beyond.exit());
        assertTrue(beyond.verdict().startsWith("verdict: INVALID, L2 #7 output " + m.outputRoot(7).hex()), beyond.verdict());

        // A wrong proposer's own later transition is consistent once its chain is served: the lie was earlier.
        Proposer credit = Proposers.selfCredit(m, 1, 300, 4);
        FppHost serving = new FppHost(m).serve(credit);
        assertEquals(0, check(serving, serving.inputs(credit.claim(5), 6, credit.claim(6), m.l1Head().hash())).exit());
        assertEquals(1, check(serving, serving.inputs(credit.claim(3), 4, credit.claim(4), m.l1Head().hash())).exit());
    }

    @Test
    void largerWholeRangeInOneRun() throws IOException {
        ChainModel m = ChainModel.load(SamplesTest.LARGER);
        FppHost host = new FppHost(m);
        long last = m.lastL2Block();
        VmRun r = check(host, host.inputs(0, last, m.outputRoot(last)));
        assertEquals(0, r.exit(), r.stderr());
        // One line per derived block, each naming the model's output root.
        for (long n = 1; n <= last; n++) {
            assertTrue(r.stdout().contains("block " + n + ": origin L1 #" + n + ", "), "block " + n);
            assertTrue(r.stdout().contains("output " + m.outputRoot(n).hex()), "output of block " + n);
        }
    }
}
