package dev.faultscope.cli;

import dev.faultscope.crypto.Hex;
import dev.faultscope.io.TraceBundle;
import dev.faultscope.oracle.PreimageSource;
import dev.faultscope.oracle.PreimageSources;
import dev.faultscope.vm.Mips32Emulator;
import dev.faultscope.vm.Symbols;
import dev.faultscope.vm.VmState;
import dev.faultscope.vm.elf.LoadedProgram;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "run", mixinStandardHelpOptions = true, description = {
    "Run a program in the VM, as 'cannon run' does.",
    "Step patterns: never, always, =N (at step N), %%N (every N steps).",
    "The program's stdout and stderr go to this command's; log lines (--info-at) go to stderr.",
    "A trace bundle as --input is replayed from its initial state with its own pre-images, and its checkpoints'",
    "state hashes are re-checked on the way (exit code 1 at the first mismatch)."})
final class RunCommand implements Callable<Integer> {
    @ParentCommand
    Main main;

    @Option(names = "--input", required = true, description = "a Cannon state JSON, a MIPS32 ELF or a trace bundle (.fstrace)")
    Path input;

    @Option(names = "--output", converter = OptionValues.OutputPath.class, description = "write the final state JSON here")
    Path output;

    @Mixin
    RunOptions options;

    @Mixin
    BundleOptions bundleOptions;

    @Mixin
    ScenarioSourceOptions scenarioSource;

    @Option(names = "--meta", converter = OptionValues.OptionalPath.class, description = "Cannon meta JSON with the program's symbols, for log lines (\"\" = none)")
    Path meta;

    @Option(names = "--preimages", description = {"pre-images the program may read (repeatable, searched in order): a JSON file",
        "{\"0xkey\": \"0xdata\"}, a directory of files named by key (ours, or op-program's --datadir files), or a trace bundle"})
    List<Path> preimages = new ArrayList<>();

    @Override
    public Integer call() throws IOException {
        List<PreimageSource> sources = new ArrayList<>();
        TraceBundle replayed = Inputs.isBundle(input) ? TraceBundle.open(input) : null;
        try {
            VmState state;
            Symbols symbols;
            if (replayed != null) {
                replayed.verify();
                state = replayed.initialState();
                symbols = meta == null ? replayed.symbols() : Inputs.program(input, meta).symbols();
                sources.add(replayed.preimageSource());
            } else {
                LoadedProgram program = Inputs.program(input, meta);
                state = program.state();
                symbols = program.symbols();
            }
            sources.addAll(Inputs.preimageSources(preimages));
            if (scenarioSource.source() != null) {
                sources.add(scenarioSource.source());
            }
            PreimageSources oracle = new PreimageSources(sources).stepCounter(state::step);
            BundleReplayCheck check = replayed == null ? null : new BundleReplayCheck(replayed);
            Mips32Emulator emu = new Mips32Emulator(state, oracle);
            emu.setOutput(main.out, main.err);
            String program = replayed != null ? replayed.manifest().program() : null;
            try {
                bundleOptions.run(state, oracle, symbols, new BundleOptions.Origin("faultscope run", program, replayed == null ? null : replayed.manifest().scenario()),
                    check, main.err, hook -> options.run(emu, symbols, main.err, hook));
            } catch (RuntimeException e) {
                main.out.flush();
                RuntimeException explained = Inputs.explained(e, oracle, 1);
                throw new Main.CommandFailure(Main.reason(explained) + options.writeOutput(state, output, false),
                    explained instanceof Main.CommandFailure f ? f.exitCode() : 1);
            }
            main.out.flush();
            options.writeOutput(state, output, true);
            if (check != null) {
                main.err.println(check.finish(state));
            }
            main.err.println(summary(state));
            return 0;
        } finally {
            if (replayed != null) {
                replayed.close();
            }
        }
    }

    static String summary(VmState state) {
        return state.exited()
            ? String.format("exited with code %d after %d steps; state hash %s", state.exitCode(), state.step(), Hex.encode(state.stateHash()))
            : String.format("stopped at step %d; state hash %s", state.step(), Hex.encode(state.stateHash()));
    }
}
