package dev.faultscope.cli;

import dev.faultscope.io.CannonProofFile;
import dev.faultscope.io.CannonStateFile;
import dev.faultscope.vm.Memory;
import dev.faultscope.vm.Mips32Emulator;
import dev.faultscope.vm.Symbols;
import dev.faultscope.vm.UnmappedCode;
import dev.faultscope.vm.VmState;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;

/**
 * The options that shape a VM run, shared by {@code run} and {@code fpp}, and the loop that follows them:
 * per step, in Cannon's order, info, stop, snapshot, proof, then the step itself.
 */
final class RunOptions {
    @Option(names = "--stop-at", defaultValue = "never", converter = PatternConverter.class,
        description = "stop before executing a matching step (default: ${DEFAULT-VALUE})")
    StepPattern stopAt;

    @Option(names = "--proof-at", defaultValue = "never", converter = PatternConverter.class,
        description = "write a step proof for each matching step")
    StepPattern proofAt;

    @Option(names = "--proof-fmt", defaultValue = "proof-%d.json", converter = OptionValues.FileNameFormat.class, description = "proof file names, %%d = step (default: ${DEFAULT-VALUE})")
    String proofFormat;

    @Option(names = "--snapshot-at", defaultValue = "never", converter = PatternConverter.class,
        description = "write the state at each matching step")
    StepPattern snapshotAt;

    @Option(names = "--snapshot-fmt", defaultValue = "state-%d.json", converter = OptionValues.FileNameFormat.class, description = "snapshot file names, %%d = step (default: ${DEFAULT-VALUE})")
    String snapshotFormat;

    @Option(names = "--info-at", defaultValue = "never", converter = PatternConverter.class,
        description = "log progress at each matching step")
    StepPattern infoAt;

    @Option(names = "--output-on-fault", description = "write --output even when the run fails: the last valid state, for inspection "
        + "(without it, a failed run leaves --output as it was)")
    boolean outputOnFault;

    private byte[] oomReserve;

    /**
     * Runs until the program exits or a stop pattern matches; a {@link dev.faultscope.vm.VmFault} propagates.
     * A state whose pc is in unmapped memory is refused unless a stop pattern bounds the run.
     */
    void run(Mips32Emulator emu, Symbols symbols, PrintStream log) throws IOException {
        VmState state = emu.state();
        if (stopAt.kind() == StepPattern.Kind.NEVER) {
            UnmappedCode.check(state).ifPresent(why -> {
                throw new Main.CommandFailure(why + "; give --stop-at to run it anyway", 1);
            });
        }
        // Held during the run and dropped on OutOfMemoryError, so the message about it has room to be made.
        oomReserve = new byte[1 << 20];
        try {
            loop(emu, symbols, log);
        } catch (OutOfMemoryError e) {
            oomReserve = null;
            int pages = state.memory().pageCount();
            throw new Main.CommandFailure(String.format("the program's memory at step %d exceeds the Java heap: %d pages (%s) touched, "
                + "the heap's limit is %s (raise it with FAULTSCOPE_JAVA_OPTS=-Xmx…)", state.step(), pages,
                humanBytes((long) pages * Memory.PAGE_SIZE), humanBytes(Runtime.getRuntime().maxMemory())), 1);
        } finally {
            oomReserve = null;
        }
    }

    /**
     * Writes the final state to {@code output} (if given) after a run: always after a successful one, after a
     * failed one only with {@code --output-on-fault}. Returns a note for the failure message, or "".
     */
    String writeOutput(VmState state, Path output, boolean succeeded) throws IOException {
        if (output == null) {
            return "";
        }
        if (succeeded || outputOnFault) {
            CannonStateFile.write(state, output);
            return succeeded ? "" : "; the last valid state is in " + output;
        }
        return "; " + output + " was not written (--output-on-fault writes the last valid state)";
    }

    private void loop(Mips32Emulator emu, Symbols symbols, PrintStream log) throws IOException {
        VmState state = emu.state();
        long startNanos = System.nanoTime();
        long startStep = state.step();
        while (!state.exited()) {
            long step = state.step();
            if (infoAt.matches(step)) {
                log.println(infoLine(state, symbols, startNanos, startStep));
            }
            if (stopAt.matches(step)) {
                break;
            }
            if (snapshotAt.matches(step)) {
                CannonStateFile.write(state, Path.of(String.format(snapshotFormat, step)));
            }
            if (proofAt.matches(step)) {
                CannonProofFile.write(emu.stepWithProof(), Path.of(String.format(proofFormat, step)));
            } else {
                emu.step();
            }
        }
    }

    static String infoLine(VmState s, Symbols symbols, long startNanos, long startStep) {
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        double ips = seconds > 0 ? (s.step() - startStep) / seconds : 0;
        int pages = s.memory().pageCount();
        String name = symbols.lookup(s.pc()).map(Symbols.Symbol::name).orElse("?");
        return String.format("info: step=%d pc=0x%08x insn=0x%08x ips=%.4g pages=%d mem=%s name=%s",
            s.step(), s.pc(), s.memory().getWord(s.pc()), ips, pages, humanBytes((long) pages * 4096), name);
    }

    static String humanBytes(long b) {
        if (b < 1024) {
            return b + " B";
        }
        if (b < 1 << 20) {
            return String.format("%.1f KiB", b / 1024.0);
        }
        return String.format("%.1f MiB", b / 1048576.0);
    }

    static final class PatternConverter implements picocli.CommandLine.ITypeConverter<StepPattern> {
        @Override
        public StepPattern convert(String value) {
            try {
                return StepPattern.parse(value);
            } catch (IllegalArgumentException e) {
                throw new picocli.CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }
}
