package dev.faultscope.cli;

import dev.faultscope.crypto.Hex;
import dev.faultscope.io.CannonProofFile;
import dev.faultscope.io.CannonStateFile;
import dev.faultscope.oracle.PreimageStore;
import dev.faultscope.vm.Mips32Emulator;
import dev.faultscope.vm.Symbols;
import dev.faultscope.vm.VmFault;
import dev.faultscope.vm.VmState;
import dev.faultscope.vm.elf.LoadedProgram;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "run", description = {
    "Run a program in the VM, as 'cannon run' does.",
    "Step patterns: never, always, =N (at step N), %N (every N steps).",
    "The program's stdout and stderr go to this command's; log lines (--info-at) go to stderr."})
final class RunCommand implements Callable<Integer> {
    @ParentCommand
    Main main;

    @Option(names = "--input", required = true, description = "a Cannon state JSON or a MIPS32 ELF")
    Path input;

    @Option(names = "--output", description = "write the final state JSON here")
    Path output;

    @Option(names = "--stop-at", defaultValue = "never", converter = PatternConverter.class,
        description = "stop before executing a matching step (default: ${DEFAULT-VALUE})")
    StepPattern stopAt;

    @Option(names = "--proof-at", defaultValue = "never", converter = PatternConverter.class,
        description = "write a step proof for each matching step")
    StepPattern proofAt;

    @Option(names = "--proof-fmt", defaultValue = "proof-%d.json", description = "proof file names, %%d = step (default: ${DEFAULT-VALUE})")
    String proofFormat;

    @Option(names = "--snapshot-at", defaultValue = "never", converter = PatternConverter.class,
        description = "write the state at each matching step")
    StepPattern snapshotAt;

    @Option(names = "--snapshot-fmt", defaultValue = "state-%d.json", description = "snapshot file names, %%d = step (default: ${DEFAULT-VALUE})")
    String snapshotFormat;

    @Option(names = "--info-at", defaultValue = "never", converter = PatternConverter.class,
        description = "log progress at each matching step")
    StepPattern infoAt;

    @Option(names = "--meta", description = "Cannon meta JSON with the program's symbols, for log lines")
    Path meta;

    @Option(names = "--preimages", description = "pre-images the program may read: a JSON file {\"0xkey\": \"0xdata\"} or a directory of files named by key")
    Path preimages;

    @Override
    public Integer call() throws IOException {
        LoadedProgram program = Inputs.program(input, meta);
        VmState state = program.state();
        PreimageStore oracle = Inputs.preimages(preimages);
        Mips32Emulator emu = new Mips32Emulator(state, oracle);
        emu.setOutput(main.out, main.err);
        long startNanos = System.nanoTime();
        long startStep = state.step();
        try {
            while (!state.exited()) {
                long step = state.step();
                if (infoAt.matches(step)) {
                    main.err.println(infoLine(state, program.symbols(), startNanos, startStep));
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
        } catch (VmFault fault) {
            main.out.flush();
            if (output != null) {
                CannonStateFile.write(state, output); // the last valid state, for inspection
            }
            throw new Main.CommandFailure(fault.getMessage(), 1);
        }
        main.out.flush();
        if (output != null) {
            CannonStateFile.write(state, output);
        }
        if (state.exited()) {
            main.err.printf("exited with code %d after %d steps; state hash %s%n",
                state.exitCode(), state.step(), Hex.encode(state.stateHash()));
        } else {
            main.err.printf("stopped at step %d; state hash %s%n", state.step(), Hex.encode(state.stateHash()));
        }
        return 0;
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
            return StepPattern.parse(value);
        }
    }
}
