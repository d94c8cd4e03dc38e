package dev.faultscope.io;

import dev.faultscope.crypto.Hex;
import dev.faultscope.oracle.PreimageSources;
import dev.faultscope.vm.Mips32Emulator;
import dev.faultscope.vm.VmFault;
import dev.faultscope.vm.Symbols;
import dev.faultscope.vm.VmState;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;

/**
 * Records a run into a trace bundle while it runs: the initial state as checkpoint 0, a checkpoint every
 * {@code interval} steps, and at the end what the run's {@link PreimageSources} served and heard.
 */
public final class TraceRecorder {
    private final TraceBundleWriter writer;
    private final long interval;
    private final long firstStep;
    private long nextCheckpoint;

    public TraceRecorder(OutputStream out, VmState initial, long interval) throws IOException {
        if (interval <= 0) {
            throw new IllegalArgumentException("the checkpoint interval must be positive, got " + interval);
        }
        this.writer = new TraceBundleWriter(out);
        this.interval = interval;
        this.firstStep = initial.step();
        writer.checkpoint(initial);
        nextCheckpoint = firstStep + interval;
    }

    /** Called after every step; writes a checkpoint at each multiple of the interval. Cheap otherwise. */
    public void afterStep(VmState s) throws IOException {
        if (s.step() == nextCheckpoint) {
            writer.checkpoint(s);
            nextCheckpoint += interval;
        }
    }

    public long interval() {
        return interval;
    }

    public long firstStep() {
        return firstStep;
    }

    public TraceBundleWriter writer() {
        return writer;
    }

    /** Progress of {@link #record}: steps done so far; return false to cancel (nothing is written then). */
    @FunctionalInterface
    public interface Progress {
        boolean report(long step);
    }

    /**
     * Runs {@code initial} (a copy; the argument is left as it is) to its end with {@code sources} and writes the
     * whole run to {@code target} through {@link AtomicFiles}. A VM fault ends the run and is recorded in the
     * manifest's {@code stop}. Returns the final state.
     */
    public static VmState record(Path target, VmState initial, PreimageSources sources, Symbols symbols, long interval,
                                 String producer, String program, TraceManifest.ScenarioRun scenario,
                                 Progress progress) throws IOException {
        VmState s = initial.copy();
        sources.stepCounter(s::step);
        Mips32Emulator emu = new Mips32Emulator(s, sources);
        emu.setOutput(null, null);
        AtomicFiles.write(target, out -> {
            TraceRecorder rec = new TraceRecorder(out, s, interval);
            String stop = "exited";
            try {
                while (!s.exited()) {
                    emu.step();
                    rec.afterStep(s);
                    if ((s.step() & 0xFFFF) == 0 && progress != null && !progress.report(s.step())) {
                        throw new java.io.InterruptedIOException("cancelled at step " + s.step());
                    }
                }
            } catch (VmFault e) {
                stop = "fault: " + e.getMessage();
            }
            rec.finish(s, sources, symbols, TraceManifest.of(producer, program, scenario, interval, rec.firstStep(),
                s.step(), Hex.encode(s.stateHash()), stop));
        });
        return s;
    }

    /** Writes the final state, pre-images, hints, symbols and manifest, and closes the bundle. */
    public void finish(VmState fin, PreimageSources sources, Symbols symbols, TraceManifest manifest) throws IOException {
        writer.finalState(fin);
        writer.preimages(sources.served());
        writer.hints(sources.hints());
        if (!symbols.isEmpty()) {
            writer.symbols(symbols);
        }
        writer.finish(manifest);
    }
}
