package dev.faultscope.cli;

import dev.faultscope.crypto.Hex;
import dev.faultscope.vm.Mips32Emulator;
import dev.faultscope.vm.VmState;
import dev.faultscope.vm.elf.LoadedProgram;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "run", mixinStandardHelpOptions = true, description = {
    "Run a program in the VM, as 'cannon run' does.",
    "Step patterns: never, always, =N (at step N), %%N (every N steps).",
    "The program's stdout and stderr go to this command's; log lines (--info-at) go to stderr."})
final class RunCommand implements Callable<Integer> {
    @ParentCommand
    Main main;

    @Option(names = "--input", required = true, description = "a Cannon state JSON or a MIPS32 ELF")
    Path input;

    @Option(names = "--output", converter = OptionValues.OutputPath.class, description = "write the final state JSON here")
    Path output;

    @Mixin
    RunOptions options;

    @Option(names = "--meta", converter = OptionValues.OptionalPath.class, description = "Cannon meta JSON with the program's symbols, for log lines (\"\" = none)")
    Path meta;

    @Option(names = "--preimages", description = "pre-images the program may read: a JSON file {\"0xkey\": \"0xdata\"} or a directory of files named by key")
    Path preimages;

    @Override
    public Integer call() throws IOException {
        LoadedProgram program = Inputs.program(input, meta);
        VmState state = program.state();
        Mips32Emulator emu = new Mips32Emulator(state, Inputs.preimages(preimages));
        emu.setOutput(main.out, main.err);
        try {
            options.run(emu, program.symbols(), main.err);
        } catch (RuntimeException e) {
            main.out.flush();
            throw new Main.CommandFailure(Main.reason(e) + options.writeOutput(state, output, false),
                e instanceof Main.CommandFailure f ? f.exitCode() : 1);
        }
        main.out.flush();
        options.writeOutput(state, output, true);
        main.err.println(summary(state));
        return 0;
    }

    static String summary(VmState state) {
        return state.exited()
            ? String.format("exited with code %d after %d steps; state hash %s", state.exitCode(), state.step(), Hex.encode(state.stateHash()))
            : String.format("stopped at step %d; state hash %s", state.step(), Hex.encode(state.stateHash()));
    }
}
