package dev.faultscope.vm;

import dev.faultscope.oracle.PreimageOracle;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Moves one VM run to any step, forwards or backwards, exactly: it keeps checkpoints (copy-on-write
 * snapshots) every {@code interval} steps and replays from the nearest one at or below the target; the last
 * few thousand steps before the cursor are also kept in an undo log, so stepping back is O(1).
 *
 * <p>Checkpoint memory is bounded: when the checkpoints would hold more than their budget, every other one
 * is dropped and the interval doubles, so a longer run costs longer replays rather than more memory.
 *
 * <p>The program's output is recorded once, with the step that wrote it, so a view can show what had been
 * printed by any step without re-emitting it on replay. Not thread-safe: one thread drives a cursor.
 */
public final class TraceCursor {
    public static final long DEFAULT_INTERVAL = 1L << 16;
    /**
     * Heap the checkpoints of one cursor may hold before they are thinned out: 512 MiB, or an eighth of the
     * heap when that is smaller. A long run's checkpoints each hold the pages written since the one before (the
     * bundled benchmark: ~60 pages, 0.5 MiB, per 2^20 steps), so 512 MiB keeps 2^20 steps between them up to
     * ~10^9 steps, where a seek replays at most ~4 ms of steps.
     */
    public static final long DEFAULT_CHECKPOINT_BUDGET = Math.min(512L << 20, Runtime.getRuntime().maxMemory() / 8);
    /** Steps kept in the undo log: stepping back further than this replays from a checkpoint. */
    static final int UNDO_STEPS = 4096;

    /**
     * Instructions executed by every cursor in this JVM, replays included: how much VM work a whole game really
     * costs compared with its traces' lengths. Counted per call rather than per step, so the hot loop pays nothing.
     */
    private static final AtomicLong EXECUTED = new AtomicLong();

    private final PreimageOracle oracle;
    private long interval;
    private final long checkpointBudget;
    /**
     * checkpoints.get(k) is the state after k * interval steps. Changed only under its own lock (by this cursor's
     * thread, and by the background thread putting in hashed pages; see {@link #hashCheckpointsAhead}).
     */
    private final List<VmState.Checkpoint> checkpoints = new ArrayList<>();
    /** What each checkpoint holds beyond the one before: its page table and the pages it does not share. */
    private final List<Long> checkpointBytes = new ArrayList<>();
    private final ProgramOutput output = new ProgramOutput();
    private final StepUndoLog undo = new StepUndoLog(UNDO_STEPS);
    private final CheckpointHasher hasher = new CheckpointHasher(this::installHashedPages);
    /** Whether checkpoint pages are hashed on a background thread once the cursor starts moving about. */
    private boolean hashAhead;
    /** The one state the cursor moves about; checkpoints are restored into it. */
    private final VmState current;
    private Mips32Emulator emulator;
    /** Output is recorded only for steps not executed before. */
    private long furthestStep;
    private final long firstStep;

    public TraceCursor(VmState initial, PreimageOracle oracle) {
        this(initial, oracle, DEFAULT_INTERVAL);
    }

    public TraceCursor(VmState initial, PreimageOracle oracle, long interval) {
        this(initial, oracle, interval, DEFAULT_CHECKPOINT_BUDGET);
    }

    public TraceCursor(VmState initial, PreimageOracle oracle, long interval, long checkpointBudget) {
        if (interval <= 0) {
            throw new IllegalArgumentException("checkpoint interval must be positive");
        }
        this.oracle = oracle;
        this.interval = interval;
        this.checkpointBudget = checkpointBudget;
        this.firstStep = initial.step;
        this.furthestStep = initial.step;
        VmState.Checkpoint start = initial.checkpoint();
        checkpoints.add(start);
        checkpointBytes.add(start.memory().bytesBeyond(null));
        Memory.hashSnapshotPages(i -> checkpoints.get(i).memory(), 1, 0);
        current = start.restore();
        newEmulator();
    }

    public VmState state() {
        return current;
    }

    /** The emulator driving the current state, e.g. for {@link Mips32Emulator#lastDataAddress()}. */
    public Mips32Emulator emulator() {
        return emulator;
    }

    public long step() {
        return current.step;
    }

    /** The step the run started from (usually 0). */
    public long firstStep() {
        return firstStep;
    }

    public ProgramOutput output() {
        return output;
    }

    /** Steps forward once; false when the program had already exited. */
    public boolean stepForward() {
        if (current.exited) {
            return false;
        }
        undo.record(current);
        emulator.step();
        undo.commit();
        afterStep();
        EXECUTED.incrementAndGet();
        return true;
    }

    /**
     * Steps forward once like {@link #stepForward}, and returns the proof the on-chain verifier needs for that
     * step ({@link Mips32Emulator#stepWithProof}); null when the program had already exited. Going through the
     * cursor (rather than its emulator) keeps checkpoints, the undo log and the output log in step.
     */
    public StepProof stepForwardWithProof() {
        if (current.exited) {
            return null;
        }
        undo.record(current);
        StepProof proof = emulator.stepWithProof();
        undo.commit();
        afterStep();
        EXECUTED.incrementAndGet();
        return proof;
    }

    /**
     * Hashes the checkpoints' pages on a background thread ahead of their first restore, so a seek does not
     * (for a view that seeks about one long run; off by default, since the hashing costs CPU time of its own).
     * Checkpoints are handed over after each seek and when a run reaches the program's exit, not while a run
     * still takes checkpoints that may be thinned out again.
     */
    public void hashCheckpointsAhead(boolean on) {
        hashAhead = on;
        if (on) {
            submitForHashing();
        } else {
            hasher.cancel();
        }
    }

    /** True while the background thread is hashing checkpoints of this cursor (see {@link #hashCheckpointsAhead}). */
    public boolean hashingAhead() {
        return hasher.busy();
    }

    /** Steps back once exactly; false at the first step. */
    public boolean stepBack() {
        if (current.step == firstStep) {
            return false;
        }
        seek(current.step - 1);
        return true;
    }

    /**
     * Runs forward until the program exits or {@code maxSteps} have run, checking {@code stop} between
     * steps (null for none); returns the steps executed.
     */
    public long run(long maxSteps, StopCondition stop) {
        long from = current.step;
        if (maxSteps > 0 && !current.exited) {
            undo.clear();
        }
        try {
            if (stop == null) {
                runPlain(maxSteps >= Long.MAX_VALUE - from ? Long.MAX_VALUE : from + maxSteps);
            } else {
                long done = 0;
                while (done < maxSteps && !current.exited) {
                    emulator.step();
                    afterStep();
                    done++;
                    if (stop.shouldStop(current)) {
                        break;
                    }
                }
            }
        } finally {
            EXECUTED.addAndGet(current.step - from);
        }
        if (hashAhead && current.exited) {
            submitForHashing();
        }
        return current.step - from;
    }

    /**
     * Moves to the state after {@code target} steps, or to the exit state when the program exits before
     * it; returns the step reached.
     */
    public long seek(long target) {
        if (target < firstStep) {
            throw new IllegalArgumentException("step " + target + " is before the run's first step " + firstStep);
        }
        if (target < current.step && current.step - target <= undo.size()) {
            while (current.step > target && undo.undo(current)) {
                // each undo is one step back
            }
        }
        if (target < current.step || target - current.step > interval) {
            int k = (int) Math.min((target - firstStep) / interval, checkpoints.size() - 1);
            if (target < current.step || checkpoints.get(k).step() > current.step) {
                synchronized (checkpoints) {
                    Memory.hashSnapshotPages(i -> checkpoints.get(i).memory(), checkpoints.size(), k);
                    checkpoints.get(k).restoreInto(current);
                }
                undo.clear();
                newEmulator();
            }
        }
        long from = current.step;
        try {
            if (target - current.step > UNDO_STEPS) {
                undo.clear();
                runPlain(target - UNDO_STEPS);
            }
            // The last steps before the target go into the undo log, so stepping back from there is O(1).
            while (current.step < target && !current.exited) {
                undo.record(current);
                emulator.step();
                undo.commit();
                afterStep();
            }
        } finally {
            EXECUTED.addAndGet(current.step - from);
        }
        if (hashAhead) {
            submitForHashing();
        }
        return current.step;
    }

    private void submitForHashing() {
        synchronized (checkpoints) {
            hasher.submit(checkpoints);
        }
    }

    /** Puts pages the background thread has hashed into the checkpoint they belong to, if it is still kept. */
    private void installHashedPages(CheckpointHasher.Done d) {
        synchronized (checkpoints) {
            long offset = d.step() - firstStep;
            long k = offset / interval;
            if (offset % interval == 0 && k < checkpoints.size() && checkpoints.get((int) k).memory() == d.pages().snapshot()) {
                Memory.installHashedPages(i -> checkpoints.get(i).memory(), checkpoints.size(), (int) k, d.pages());
            }
        }
    }

    /** A predicate checked after each step of {@link #run}. */
    @FunctionalInterface
    public interface StopCondition {
        boolean shouldStop(VmState state);
    }

    /** Runs to step {@code until} (or the exit) at the emulator's full speed, pausing only to take checkpoints. */
    private void runPlain(long until) {
        try {
            while (current.step < until && !current.exited) {
                long next = nextCheckpointStep();
                long stop = next > current.step ? Math.min(until, next) : until;
                emulator.run(stop - current.step);
                afterStep();
            }
        } finally {
            // A fault part-way must not leave output of the steps that did run to be recorded again.
            furthestStep = Math.max(furthestStep, current.step);
        }
    }

    private long nextCheckpointStep() {
        return firstStep + checkpoints.size() * interval;
    }

    /** Bookkeeping after executed steps: the furthest step reached and the next checkpoint. */
    private void afterStep() {
        long s = current.step;
        if (s > furthestStep) {
            furthestStep = s;
        }
        if (s == nextCheckpointStep()) {
            synchronized (checkpoints) {
                VmState.Checkpoint c = current.checkpoint();
                checkpointBytes.add(c.memory().bytesBeyond(checkpoints.get(checkpoints.size() - 1).memory()));
                checkpoints.add(c);
                while (checkpointMemory() > checkpointBudget && checkpoints.size() > 2) {
                    thinCheckpoints(); // once may not be enough: the kept checkpoints now hold the dropped ones' pages
                }
            }
        }
    }

    /** Drops every other checkpoint and doubles the interval. */
    private void thinCheckpoints() {
        hasher.cancel();
        int kept = 1;
        for (int k = 2; k < checkpoints.size(); k += 2, kept++) {
            VmState.Checkpoint c = checkpoints.get(k);
            checkpoints.set(kept, c);
            checkpointBytes.set(kept, c.memory().bytesBeyond(checkpoints.get(kept - 1).memory()));
        }
        checkpoints.subList(kept, checkpoints.size()).clear();
        checkpointBytes.subList(kept, checkpointBytes.size()).clear();
        interval *= 2;
    }

    private void newEmulator() {
        emulator = new Mips32Emulator(current, oracle);
        emulator.setOutput(new RecordingStream(1), new RecordingStream(2));
    }

    /** Instructions executed by all cursors so far (see {@link #EXECUTED}). */
    public static long totalExecuted() {
        return EXECUTED.get();
    }

    public int checkpointCount() {
        return checkpoints.size();
    }

    /** Steps between checkpoints now (it doubles each time the checkpoints are thinned out). */
    public long checkpointInterval() {
        return interval;
    }

    /** True when every checkpoint's pages are hashed (by a restore or ahead of time); for tests. */
    boolean checkpointsHashed() {
        synchronized (checkpoints) {
            return checkpoints.stream().allMatch(c -> Memory.isHashed(c.memory()));
        }
    }

    /** Heap the checkpoints hold between them: their page tables and the pages only they keep alive. */
    public long checkpointMemory() {
        long sum = 0;
        for (long b : checkpointBytes) {
            sum += b;
        }
        return sum;
    }

    /** Forwards a write to the output log the first time its step executes. */
    private final class RecordingStream extends OutputStream {
        private final int fd;

        RecordingStream(int fd) {
            this.fd = fd;
        }

        @Override
        public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            // The write belongs to the step being executed, which the counter has not yet counted.
            long writingStep = current.step + 1;
            if (writingStep > furthestStep) {
                output.append(writingStep, fd, b, off, len);
            }
        }
    }

    /** Everything the program printed, each chunk tagged with the step that printed it. Bounded. */
    public static final class ProgramOutput {
        public static final int MAX_BYTES = 4 << 20;

        public record Chunk(long step, int fd, byte[] bytes) {
        }

        private final List<Chunk> chunks = new ArrayList<>();
        private long bytes;
        private boolean truncated;

        void append(long step, int fd, byte[] b, int off, int len) {
            if (bytes + len > MAX_BYTES) {
                truncated = true;
                return;
            }
            chunks.add(new Chunk(step, fd, java.util.Arrays.copyOfRange(b, off, off + len)));
            bytes += len;
        }

        /** True when output beyond {@link #MAX_BYTES} was dropped. */
        public boolean truncated() {
            return truncated;
        }

        /** Bytes printed on {@code fd} by steps 1..step (fd 0 for both streams interleaved). */
        public byte[] upTo(long step, int fd) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            for (Chunk c : chunks) {
                if (c.step() > step) {
                    break;
                }
                if (fd == 0 || c.fd() == fd) {
                    out.writeBytes(c.bytes());
                }
            }
            return out.toByteArray();
        }

        public List<Chunk> chunks() {
            return List.copyOf(chunks);
        }
    }
}
