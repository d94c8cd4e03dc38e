package dev.faultscope.cli;

import dev.faultscope.crypto.Hex;
import dev.faultscope.io.TraceBundle;
import dev.faultscope.io.TraceManifest;
import dev.faultscope.vm.VmState;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "bundle-info", description = {
    "Show a trace bundle's manifest and checkpoints; with --seek, the state at a step, restored from the nearest",
    "checkpoint; with --verify, check every section and the file's checksum. Prints how long each took."})
final class BundleInfoCommand implements Callable<Integer> {
    @ParentCommand
    Main main;

    @Parameters(index = "0", paramLabel = "BUNDLE")
    Path path;

    @Option(names = "--seek", description = "show the state after this many steps")
    Long seek;

    @Option(names = "--verify", description = "read and check the whole file")
    boolean verify;

    @Override
    public Integer call() throws IOException {
        // Opened twice: the first time includes this JVM loading the reading code, the second is the bundle's cost.
        long c0 = System.nanoTime();
        TraceBundle.open(path).close();
        long t0 = System.nanoTime();
        try (TraceBundle b = TraceBundle.open(path)) {
            long opened = System.nanoTime();
            TraceManifest m = b.manifest();
            main.out.printf("%s: %,d bytes, opened in %.1f ms (%.1f ms with a cold JVM)%n", path, b.sizeBytes(),
                (opened - t0) / 1e6, (t0 - c0) / 1e6);
            main.out.printf("producer %s; vm %s%n", m.producer(), m.vm());
            if (m.scenario() != null) {
                main.out.printf("scenario %s (keccak %s), block %d -> %d, claim %s, L1 head #%d%n", m.scenario().file(),
                    m.scenario().keccak(), m.scenario().agreedBlock(), m.scenario().claimBlock(), m.scenario().claim(), m.scenario().l1Head());
            }
            main.out.printf("steps %,d -> %,d (%s); final state hash %s; %d checkpoints every %,d steps%n", m.firstStep(),
                m.finalStep(), m.stop(), m.finalStateHash(), b.checkpoints().size(), m.interval());
            if (verify) {
                long v0 = System.nanoTime();
                b.verify();
                main.out.printf("verified every section and the checksum in %.1f ms%n", (System.nanoTime() - v0) / 1e6);
            }
            if (seek != null) {
                long s0 = System.nanoTime();
                b.stateAt(seek);
                long s1 = System.nanoTime();
                VmState s = b.stateAt(seek);
                long s2 = System.nanoTime();
                main.out.printf("step %,d: pc 0x%08x, state hash %s; reached in %.1f ms from checkpoint %d (%.1f ms the first time)%n",
                    s.step(), s.pc(), Hex.encode(s.stateHash()), (s2 - s1) / 1e6, b.checkpointAtOrBefore(seek), (s1 - s0) / 1e6);
            }
        }
        return 0;
    }
}
