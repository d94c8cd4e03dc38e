package dev.faultscope.cli;

import dev.faultscope.agent.ExecutionTrace;
import dev.faultscope.agent.Fault;
import dev.faultscope.diff.BundleSide;
import dev.faultscope.diff.CursorSide;
import dev.faultscope.diff.DiffSide;
import dev.faultscope.diff.Divergence;
import dev.faultscope.diff.ExecutionTraceSide;
import dev.faultscope.diff.TraceDiff;
import dev.faultscope.io.TraceBundle;
import dev.faultscope.oracle.PreimageSource;
import dev.faultscope.oracle.PreimageSources;
import dev.faultscope.vm.VmState;
import dev.faultscope.vm.elf.LoadedProgram;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "diff", description = {
    "Find the first step where two runs of the same program differ, by bisection over their state hashes",
    "(a bundle's checkpoints first, then single steps), and print the step, pc, instruction, the differing",
    "registers and memory words and both post-state hashes.",
    "A and B are trace bundles, Cannon states or ELFs; with --fault-at and no B, B is A with a fault injected.",
    "Exit code: 0 identical, 1 the runs differ, 3 the comparison could not be made."})
final class DiffCommand implements Callable<Integer> {
    @ParentCommand
    Main main;

    @Parameters(index = "0", paramLabel = "A", description = "the first run")
    Path a;

    @Parameters(index = "1", paramLabel = "B", arity = "0..1", description = "the second run")
    Path b;

    @Option(names = "--preimages", description = "pre-image sources for runs that are not bundles (repeatable, searched in order)")
    List<Path> preimages = new ArrayList<>();

    @Option(names = "--fault-at", description = "B = A with a fault injected at this instruction index")
    Long faultAt;

    @Option(names = "--fault", defaultValue = "skip", description = "the fault: skip, flip:REG:BIT or set:REG:VALUE (default: ${DEFAULT-VALUE})")
    String fault;

    @Override
    public Integer call() {
        List<TraceBundle> open = new ArrayList<>();
        try {
            DiffSide sa;
            DiffSide sb;
            if (faultAt != null) {
                if (b != null) {
                    throw new IllegalArgumentException("--fault-at makes B from A; give only A");
                }
                ExecutionTrace honest = ExecutionTrace.of(initial(a, open), oracle(a, open));
                Fault f = fault(faultAt);
                sa = new ExecutionTraceSide(a.getFileName().toString(), honest, symbols(a, open));
                sb = new ExecutionTraceSide(a.getFileName() + " with a fault (" + f.describe() + ")", honest.withFault(f), symbols(a, open));
            } else {
                if (b == null) {
                    throw new IllegalArgumentException("give two runs A and B, or one run and --fault-at");
                }
                sa = side(a, open);
                sb = side(b, open);
            }
            Divergence d = TraceDiff.compare(sa, sb);
            d.report().forEach(main.out::println);
            return d.identical() ? 0 : 1;
        } catch (IOException | RuntimeException e) {
            throw e instanceof Main.CommandFailure f ? f : new Main.CommandFailure(Main.reason(e), 3);
        } finally {
            for (TraceBundle tb : open) {
                try {
                    tb.close();
                } catch (IOException ignored) {
                    // read-only; nothing to lose
                }
            }
        }
    }

    private DiffSide side(Path p, List<TraceBundle> open) throws IOException {
        if (Inputs.isBundle(p)) {
            return new BundleSide(bundle(p, open));
        }
        LoadedProgram prog = Inputs.program(p, null);
        return new CursorSide(p.getFileName().toString(), prog.state(), new PreimageSources(Inputs.preimageSources(preimages)), prog.symbols());
    }

    private VmState initial(Path p, List<TraceBundle> open) throws IOException {
        return Inputs.isBundle(p) ? bundle(p, open).initialState() : Inputs.program(p, null).state();
    }

    private dev.faultscope.vm.Symbols symbols(Path p, List<TraceBundle> open) throws IOException {
        return Inputs.isBundle(p) ? bundle(p, open).symbols() : Inputs.program(p, null).symbols();
    }

    private PreimageSources oracle(Path p, List<TraceBundle> open) throws IOException {
        List<PreimageSource> sources = new ArrayList<>();
        if (Inputs.isBundle(p)) {
            sources.add(bundle(p, open).preimageSource());
        }
        sources.addAll(Inputs.preimageSources(preimages));
        return new PreimageSources(sources);
    }

    private TraceBundle bundle(Path p, List<TraceBundle> open) throws IOException {
        for (TraceBundle tb : open) {
            if (tb.path().equals(p)) {
                return tb;
            }
        }
        TraceBundle tb = TraceBundle.open(p);
        open.add(tb);
        return tb;
    }

    private Fault fault(long k) {
        String[] parts = fault.split(":");
        try {
            return switch (parts[0]) {
                case "skip" -> new Fault.Skip(k);
                case "flip" -> new Fault.FlipBit(k, Integer.parseInt(parts[1]), Integer.parseInt(parts[2]));
                case "set" -> new Fault.SetRegister(k, Integer.parseInt(parts[1]), Integer.decode(parts[2]));
                default -> throw new IllegalArgumentException("unknown fault \"" + fault + "\" (skip, flip:REG:BIT, set:REG:VALUE)");
            };
        } catch (ArrayIndexOutOfBoundsException | NumberFormatException e) {
            throw new IllegalArgumentException("--fault " + fault + ": expected skip, flip:REG:BIT or set:REG:VALUE");
        }
    }
}
