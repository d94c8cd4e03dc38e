package dev.faultscope.cli;

import dev.faultscope.crypto.Hex;
import dev.faultscope.io.AtomicFiles;
import dev.faultscope.io.TraceManifest;
import dev.faultscope.io.TraceRecorder;
import dev.faultscope.oracle.PreimageSources;
import dev.faultscope.vm.Symbols;
import dev.faultscope.vm.VmFault;
import dev.faultscope.vm.VmState;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;

/** {@code --bundle}: record the run into a trace bundle (docs/formats.md, "Trace bundle"), shared by run and fpp. */
final class BundleOptions {
    @Option(names = "--bundle", description = "record the run into this trace bundle (.fstrace)")
    Path bundle;

    @Option(names = "--bundle-interval", defaultValue = "65536", description = "steps between the bundle's checkpoints (default: ${DEFAULT-VALUE})")
    long interval;

    /** The loop of a run, given the hook to call after each step. */
    @FunctionalInterface
    interface Body {
        void run(RunOptions.StepHook hook) throws IOException;
    }

    /** What the manifest says besides the run's end, which the recording learns itself. */
    record Origin(String producer, String program, TraceManifest.ScenarioRun scenario) {
    }

    /**
     * Runs {@code body}, recording into the bundle when one is asked for. A run that stops on a VM fault is still
     * written (its final state is the last valid one) and the fault is thrown after; a failure while writing leaves
     * no file behind.
     */
    void run(VmState state, PreimageSources sources, Symbols symbols, Origin origin, RunOptions.StepHook check,
             PrintStream err, Body body) throws IOException {
        if (bundle == null) {
            body.run(check);
            return;
        }
        RuntimeException[] stopped = new RuntimeException[1];
        long[] stats = new long[3];
        AtomicFiles.write(bundle, out -> {
            TraceRecorder rec = new TraceRecorder(out, state, interval);
            try {
                body.run(s -> {
                    if (check != null) {
                        check.afterStep(s);
                    }
                    rec.afterStep(s);
                });
            } catch (VmFault e) {
                stopped[0] = e;
            }
            String stop = stopped[0] != null ? "fault: " + Main.reason(stopped[0]) : state.exited() ? "exited" : "stopped";
            rec.finish(state, sources, symbols, TraceManifest.of(origin.producer(), origin.program(), origin.scenario(),
                interval, rec.firstStep(), state.step(), Hex.encode(state.stateHash()), stop));
            stats[0] = rec.writer().uniquePages();
            stats[1] = rec.writer().pageReferences();
        });
        err.printf("bundle: %s, %,d bytes; %,d distinct pages for %,d page references in its checkpoints%n",
            bundle, java.nio.file.Files.size(bundle), stats[0], stats[1]);
        if (stopped[0] != null) {
            throw stopped[0];
        }
    }
}
