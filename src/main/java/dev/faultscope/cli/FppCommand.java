package dev.faultscope.cli;

import dev.faultscope.agent.FaultProofProgram;
import dev.faultscope.crypto.Hex;
import dev.faultscope.fpp.Bytes32;
import dev.faultscope.fpp.ChainModel;
import dev.faultscope.fpp.FppHost;
import dev.faultscope.fpp.FppInputs;
import dev.faultscope.fpp.Proposer;
import dev.faultscope.fpp.Proposers;
import dev.faultscope.vm.Mips32Emulator;
import dev.faultscope.vm.VmState;
import dev.faultscope.vm.elf.LoadedProgram;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "fpp", mixinStandardHelpOptions = true, description = {
    "Run the fault proof program in the VM for one block transition of a scenario's chain.",
    "It derives blocks from the agreed block to the claimed one and checks the claimed output root.",
    "Exit code: the program's status, 0 valid claim, 1 invalid claim, 2 malformed inputs;",
    "3 when the run itself fails (a VM fault, or a pre-image the host cannot serve);",
    "64 for a usage error (a bad option), 66 when an input or output file cannot be read or written."})
final class FppCommand implements Callable<Integer>, Main.ExitCodes {
    static final int RUN_FAILED = 3;
    /** sysexits.h's EX_USAGE and EX_NOINPUT: far from the program's own statuses. */
    static final int USAGE_ERROR = 64;
    static final int FILE_ERROR = 66;

    @Override
    public int usageError() {
        return USAGE_ERROR;
    }

    @Override
    public int fileError() {
        return FILE_ERROR;
    }

    @Override
    public int failure() {
        return RUN_FAILED;
    }

    @ParentCommand
    Main main;

    @Option(names = "--scenario", required = true, description = "a scenario JSON (see docs/formats.md)")
    Path scenario;

    @Option(names = "--agreed-block", required = true, converter = OptionValues.NonNegativeLong.class, description = "the L2 block both sides agree on")
    long agreedBlock;

    @Option(names = "--claim-block", required = true, converter = OptionValues.NonNegativeLong.class, description = "the L2 block whose output root is claimed")
    long claimBlock;

    @ArgGroup(exclusive = true)
    Claim claim = new Claim();

    static final class Claim {
        @Option(names = "--claim", description = "the claimed output root (0x + 64 hex digits)")
        String root;

        @Option(names = "--proposer", description = "take the claim from this proposer: ${COMPLETION-CANDIDATES} (default: honest)",
            completionCandidates = ChainCommand.ProposerNames.class)
        String proposer;
    }

    @Option(names = "--l1-head", converter = OptionValues.NonNegativeLong.class, description = "the L1 block the program may read up to (default: the newest)")
    Long l1Head;

    @Option(names = "--output", converter = OptionValues.OutputPath.class, description = "write the final state JSON here")
    Path output;

    @Mixin
    RunOptions options;

    @Override
    public Integer call() throws IOException {
        ChainModel model = ChainModel.load(scenario);
        long head = l1Head == null ? model.lastL1Block() : l1Head;
        FppHost host = new FppHost(model);
        Bytes32 claimed;
        String source;
        FppInputs inputs;
        // Everything before the run is about the options: a mistake there is a usage error, never a verdict.
        try {
            if (claim.root != null) {
                claimed = Bytes32.of(Hex.decode(claim.root));
                source = "given";
            } else {
                Proposer p = Proposers.named(claim.proposer == null ? Proposers.HONEST : claim.proposer, model);
                host.serve(p);
                claimed = p.claim(claimBlock);
                source = p.name();
            }
            inputs = host.inputs(agreedBlock, claimBlock, claimed, head);
        } catch (IllegalArgumentException e) {
            throw new Main.CommandFailure(Main.reason(e), USAGE_ERROR);
        }
        main.err.printf("fpp: agreed block %d, claim block %d, claimed output %s (%s), L1 head #%d%n",
            agreedBlock, claimBlock, claimed, source, head);

        LoadedProgram program = FaultProofProgram.load();
        VmState state = program.state();
        Mips32Emulator emu = new Mips32Emulator(state, host.lazyStore(inputs));
        emu.setOutput(main.out, main.err);
        long t0 = System.nanoTime();
        try {
            options.run(emu, program.symbols(), main.err);
        } catch (RuntimeException e) {
            main.out.flush();
            throw new Main.CommandFailure(Main.reason(e) + options.writeOutput(state, output, false), RUN_FAILED);
        }
        main.out.flush();
        options.writeOutput(state, output, true);
        double seconds = (System.nanoTime() - t0) / 1e9;
        if (!state.exited()) {
            main.err.println(RunCommand.summary(state));
            return 0;
        }
        String verdict = switch (state.exitCode()) {
            case 0 -> "valid: the claimed output root is right";
            case 1 -> "invalid: the claimed output root is wrong";
            default -> "panic: the program's inputs are malformed";
        };
        main.err.printf("verdict: %s; %,d steps in %.2f s; final state hash %s%n",
            verdict, state.step(), seconds, Hex.encode(state.stateHash()));
        return state.exitCode();
    }
}
