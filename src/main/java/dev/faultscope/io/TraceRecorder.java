package dev.faultscope.io;

import dev.faultscope.oracle.PreimageSources;
import dev.faultscope.vm.Symbols;
import dev.faultscope.vm.VmState;

import java.io.IOException;
import java.io.OutputStream;

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
