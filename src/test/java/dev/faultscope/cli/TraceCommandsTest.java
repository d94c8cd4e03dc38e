package dev.faultscope.cli;

import dev.faultscope.io.AtomicFiles;
import dev.faultscope.io.TraceFixture;
import dev.faultscope.io.TraceManifest;
import dev.faultscope.io.TraceRecorder;
import dev.faultscope.oracle.PreimageSources;
import dev.faultscope.vm.Mips32Emulator;
import dev.faultscope.vm.VmState;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static dev.faultscope.cli.CliTest.cli;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** fpp --bundle, run --input BUNDLE (re-checking checkpoints), diff's report and exit codes, bundle-info. */
class TraceCommandsTest {
    static final String SCENARIO = "samples/scenarios/classroom.json";

    @TempDir
    static Path dir;
    static Path bundle;

    @BeforeAll
    static void record() {
        bundle = dir.resolve("c.fstrace");
        CliTest.Result r = cli("fpp", "--scenario", SCENARIO, "--agreed-block", "1", "--claim-block", "2",
            "--proposer", "invalid-transfers", "--bundle", bundle.toString(), "--bundle-interval", "100000");
        assertEquals(1, r.code(), r.err());
        assertTrue(r.err().contains("bundle: " + bundle), r.err());
    }

    @Test
    void replayingABundleVerifiesEveryCheckpoint() {
        CliTest.Result r = cli("run", "--input", bundle.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("5 of 5 checkpoints verified, final state hash matches"), r.err());
        assertTrue(r.out().contains("verdict: INVALID"), r.out());
    }

    @Test
    void aBundleWhoseCheckpointTheVmDoesNotReachIsCaughtThere() throws IOException {
        // A well-formed bundle whose checkpoint 2 (step 200,000) records a state the VM does not reach there.
        Path wrong = dir.resolve("wrong.fstrace");
        VmState s = TraceFixture.program().state();
        PreimageSources sources = TraceFixture.hostSources().stepCounter(s::step);
        Mips32Emulator emu = new Mips32Emulator(s, sources);
        AtomicFiles.write(wrong, out -> {
            TraceRecorder rec = new TraceRecorder(out, s, 100_000);
            while (!s.exited()) {
                emu.step();
                boolean tamper = s.step() == 200_000;
                s.setRegister(29, s.register(29) ^ (tamper ? 0x10 : 0));
                rec.afterStep(s);
                s.setRegister(29, s.register(29) ^ (tamper ? 0x10 : 0));
            }
            rec.finish(s, sources, dev.faultscope.vm.Symbols.NONE, TraceManifest.of("test", null, null, 100_000, 0, s.step(),
                dev.faultscope.crypto.Hex.encode(s.stateHash()), "exited"));
        });
        CliTest.Result r = cli("run", "--input", wrong.toString());
        assertEquals(1, r.code(), r.err());
        assertTrue(r.err().contains("the replay differs from the bundle at its checkpoint 2 (step 200000)"), r.err());
        assertFalse(r.err().contains("Exception"), r.err());
    }

    @Test
    void diffSaysIdenticalOrWhereAndExitsAccordingly() {
        CliTest.Result same = cli("diff", bundle.toString(), bundle.toString());
        assertEquals(0, same.code(), same.err());
        assertTrue(same.out().startsWith("identical:"), same.out());

        CliTest.Result faulty = cli("diff", bundle.toString(), "--fault-at", "123456", "--fault", "flip:29:4");
        assertEquals(1, faulty.code(), faulty.err());
        assertTrue(faulty.out().startsWith("first divergence at instruction 123456 (step 123456 -> 123457), pc 0x"), faulty.out());
        assertTrue(faulty.out().contains("r29"), faulty.out());

        CliTest.Result missing = cli("diff", bundle.toString(), dir.resolve("nope.fstrace").toString());
        assertEquals(3, missing.code(), missing.err());
        assertTrue(missing.err().startsWith("faultscope diff: "), missing.err());
    }

    @Test
    void aDamagedBundleIsRefusedInOneLine() throws IOException {
        byte[] b = Files.readAllBytes(bundle);
        b[b.length / 2] ^= 4;
        Path damaged = dir.resolve("damaged.fstrace");
        Files.write(damaged, b);
        CliTest.Result r = cli("run", "--input", damaged.toString());
        assertEquals(1, r.code());
        assertTrue(r.err().matches("faultscope run: " + java.util.regex.Pattern.quote(damaged.toString()) + ": section [A-Z]{4} at offset \\d+: .*\\R"), r.err());
    }

    @Test
    void bundleInfoSeeks() {
        CliTest.Result r = cli("bundle-info", bundle.toString(), "--seek", "250000", "--verify");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("step 250,000: pc 0x") && r.out().contains("from checkpoint 2"), r.out());
    }
}
