package dev.faultscope.vm;

import dev.faultscope.oracle.PreimageOracle;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Moves one VM run to any step, forwards or backwards, exactly: it keeps checkpoints (copy-on-write
 * snapshots) every {@code interval} steps and replays from the nearest one at or below the target.
 *
 * <p>The program's output is recorded once, with the step that wrote it, so a view can show what had been
 * printed by any step without re-emitting it on replay. Not thread-safe: one thread drives a cursor.
 */
public final class TraceCursor {
    public static final long DEFAULT_INTERVAL = 1L << 16;

    /**
     * Instructions executed by every cursor in this JVM, replays included: how much VM work a whole game really
     * costs compared with its traces' lengths. Counted per call rather than per step, so the hot loop pays nothing.
     */
    private static final AtomicLong EXECUTED = new AtomicLong();

    private final PreimageOracle oracle;
    private final long interval;
    /** checkpoints.get(k) is the state after k * interval steps. */
    private final List<VmState.Checkpoint> checkpoints = new ArrayList<>();
    private final ProgramOutput output = new ProgramOutput();
    private VmState current;
    private Mips32Emulator emulator;
    /** Output is recorded only for steps not executed before. */
    private long furthestStep;
    private final long firstStep;

    public TraceCursor(VmState initial, PreimageOracle oracle) {
        this(initial, oracle, DEFAULT_INTERVAL);
    }

    public TraceCursor(VmState initial, PreimageOracle oracle, long interval) {
        if (interval <= 0) {
            throw new IllegalArgumentException("checkpoint interval must be positive");
        }
        this.oracle = oracle;
        this.interval = interval;
        this.firstStep = initial.step;
        this.furthestStep = initial.step;
        VmState.Checkpoint start = initial.checkpoint();
        checkpoints.add(start);
        moveTo(start.restore());
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
        executeOne();
        EXECUTED.incrementAndGet();
        return true;
    }

    /**
     * Steps forward once like {@link #stepForward}, and returns the proof the on-chain verifier needs for that
     * step ({@link Mips32Emulator#stepWithProof}); null when the program had already exited. Going through the
     * cursor (rather than its emulator) keeps checkpoints and the output log in step.
     */
    public StepProof stepForwardWithProof() {
        if (current.exited) {
            return null;
        }
        StepProof proof = emulator.stepWithProof();
        afterStep();
        EXECUTED.incrementAndGet();
        return proof;
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
        long done = 0;
        while (done < maxSteps && !current.exited) {
            executeOne();
            done++;
            if (stop != null && stop.shouldStop(current)) {
                break;
            }
        }
        EXECUTED.addAndGet(done);
        return done;
    }

    /**
     * Moves to the state after {@code target} steps, or to the exit state when the program exits before
     * it; returns the step reached.
     */
    public long seek(long target) {
        if (target < firstStep) {
            throw new IllegalArgumentException("step " + target + " is before the run's first step " + firstStep);
        }
        if (target < current.step || target - current.step > interval) {
            int k = (int) Math.min((target - firstStep) / interval, checkpoints.size() - 1);
            if (target < current.step || checkpoints.get(k).step() > current.step) {
                moveTo(checkpoints.get(k).restore());
            }
        }
        long from = current.step;
        while (current.step < target && !current.exited) {
            executeOne();
        }
        EXECUTED.addAndGet(current.step - from);
        return current.step;
    }

    /** A predicate checked after each step of {@link #run}. */
    @FunctionalInterface
    public interface StopCondition {
        boolean shouldStop(VmState state);
    }

    private void executeOne() {
        emulator.step();
        afterStep();
    }

    /** Bookkeeping after each executed step: the furthest step reached and the next checkpoint. */
    private void afterStep() {
        long s = current.step;
        if (s > furthestStep) {
            furthestStep = s;
        }
        if ((s - firstStep) % interval == 0 && (s - firstStep) / interval == checkpoints.size()) {
            checkpoints.add(current.checkpoint());
        }
    }

    private void moveTo(VmState state) {
        current = state;
        emulator = new Mips32Emulator(state, oracle);
        emulator.setOutput(new RecordingStream(1), new RecordingStream(2));
    }

    /** Instructions executed by all cursors so far (see {@link #EXECUTED}). */
    public static long totalExecuted() {
        return EXECUTED.get();
    }

    public int checkpointCount() {
        return checkpoints.size();
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
