package dev.faultscope.diff;

import dev.faultscope.crypto.Hex;
import dev.faultscope.io.TraceBundle;
import dev.faultscope.oracle.PreimageSource;
import dev.faultscope.oracle.PreimageSources;
import dev.faultscope.vm.Symbols;
import dev.faultscope.vm.TraceCursor;
import dev.faultscope.vm.VmState;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * A trace bundle as a side of a diff: its checkpoints' hashes are known without running, and any other step is
 * reached from the nearest checkpoint at or before it (the cursor kept for that checkpoint's interval).
 */
public final class BundleSide implements DiffSide {
    /** Checkpoints of the cursor inside one bundle interval, so bisection inside it replays little. */
    private static final long INNER_INTERVAL = 1 << 12;

    private final TraceBundle bundle;
    private final List<TraceBundle.CheckpointRef> checkpoints;
    private final PreimageSource preimages;
    private final Symbols symbols;
    private int cursorCheckpoint = -1;
    private TraceCursor cursor;

    public BundleSide(TraceBundle bundle) throws IOException {
        this.bundle = bundle;
        this.checkpoints = bundle.checkpoints();
        this.preimages = bundle.preimageSource();
        this.symbols = bundle.symbols();
    }

    @Override
    public String name() {
        return bundle.path().getFileName().toString();
    }

    @Override
    public long firstStep() {
        return checkpoints.get(0).step();
    }

    @Override
    public long finalStep() {
        return bundle.manifest().finalStep();
    }

    @Override
    public long[] knownSteps() {
        long[] s = new long[checkpoints.size() + 1];
        for (int i = 0; i < checkpoints.size(); i++) {
            s[i] = checkpoints.get(i).step();
        }
        s[checkpoints.size()] = finalStep();
        return s;
    }

    @Override
    public byte[] hashAt(long step) {
        try {
            if (step >= finalStep()) {
                return Hex.decode(bundle.manifest().finalStateHash());
            }
            int i = bundle.checkpointAtOrBefore(step);
            if (checkpoints.get(i).step() == step) {
                return bundle.checkpointHash(i);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return cursorAt(step).state().stateHash();
    }

    @Override
    public VmState stateAt(long step) {
        return cursorAt(Math.min(step, finalStep())).state().copy();
    }

    private TraceCursor cursorAt(long step) {
        int i = bundle.checkpointAtOrBefore(step);
        try {
            if (i != cursorCheckpoint) {
                cursor = new TraceCursor(bundle.restore(i), new PreimageSources(preimages), INNER_INTERVAL);
                cursorCheckpoint = i;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        cursor.seek(step);
        return cursor;
    }

    @Override
    public Symbols symbols() {
        return symbols;
    }
}
