package dev.faultscope.ui.model;

import dev.faultscope.agent.FaultProofProgram;
import dev.faultscope.fpp.Bytes32;
import dev.faultscope.fpp.ChainModel;
import dev.faultscope.fpp.FppHost;
import dev.faultscope.fpp.FppInputs;
import dev.faultscope.fpp.Proposer;
import dev.faultscope.fpp.Proposers;
import dev.faultscope.io.TraceBundle;
import dev.faultscope.io.TraceManifest;
import dev.faultscope.oracle.PreimageOracle;
import dev.faultscope.oracle.PreimageSource;
import dev.faultscope.oracle.PreimageSources;
import dev.faultscope.oracle.PreimageStore;
import dev.faultscope.vm.Symbols;
import dev.faultscope.vm.UnmappedCode;
import dev.faultscope.vm.VmState;
import dev.faultscope.vm.elf.ElfLoader;
import dev.faultscope.vm.elf.LoadedProgram;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A program ready to step: its initial state, symbols, the pre-image store serving it, and a title saying
 * what it is. The store is given the hint log, so the pre-image panel can show what the program asked for.
 *
 * @param faultProof whether it is the fault proof program, whose exit code is a verdict (0 VALID, 1 INVALID)
 */
public record LoadedRun(String title, String detail, VmState initial, Symbols symbols, PreimageStore store, HintLog hints,
                        boolean faultProof) {

    /** The bundled fault proof program on one transition of a scenario's chain, the claim from {@code proposer}. */
    public static LoadedRun faultProof(ChainModel model, String scenarioName, long agreedBlock, long claimBlock, String proposerName) {
        if (agreedBlock < 0 || claimBlock <= agreedBlock || claimBlock > model.lastL2Block()) {
            throw new IllegalArgumentException("blocks must satisfy 0 ≤ agreed < claim ≤ " + model.lastL2Block()
                + " (the chain's last L2 block); got agreed " + agreedBlock + ", claim " + claimBlock);
        }
        Proposer proposer = Proposers.named(proposerName, model);
        FppHost host = new FppHost(model).serve(proposer);
        Bytes32 claim = proposer.claim(claimBlock);
        FppInputs inputs = host.inputs(agreedBlock, claimBlock, claim);
        PreimageStore store = host.lazyStore(inputs);
        HintLog hints = new HintLog();
        LoadedProgram program = FaultProofProgram.load();
        VmState initial = program.state();
        PreimageStore.HintHandler answer = host.hintHandler();
        store.onHint((hint, s) -> {
            hints.record(hint);
            answer.onHint(hint, s);
        });
        String title = "FPP · " + scenarioName + " · block " + agreedBlock + " → " + claimBlock + " · " + proposer.name();
        String detail = "The fault proof program checks the output root claimed by the \"" + proposer.name()
            + "\" proposer for L2 block " + claimBlock + ", starting from agreed block " + agreedBlock + ": claim " + claim;
        return new LoadedRun(title, detail, initial, program.symbols(), store, hints, true);
    }

    /**
     * The honest run of one execution subgame of a dispute game: the bundled program on {@code inputs} (the subgame's
     * local inputs), its pre-images served lazily by the scenario's host.
     */
    public static LoadedRun subgame(ChainModel model, FppInputs inputs, String title, String detail) {
        FppHost host = new FppHost(model);
        PreimageStore store = host.lazyStore(inputs);
        HintLog hints = new HintLog();
        LoadedProgram program = FaultProofProgram.load();
        PreimageStore.HintHandler answer = host.hintHandler();
        store.onHint((hint, s) -> {
            hints.record(hint);
            answer.onHint(hint, s);
        });
        return new LoadedRun(title, detail, program.state(), program.symbols(), store, hints, true);
    }

    public static LoadedRun faultProof(Path scenario, long agreedBlock, long claimBlock, String proposerName) throws IOException {
        ChainModel model = ChainModel.load(scenario);
        return faultProof(model, model.scenario().name(), agreedBlock, claimBlock, proposerName);
    }

    /** A big-endian MIPS32 ELF loaded as Cannon's load-elf does; it gets no pre-images. */
    public static LoadedRun elf(String name, byte[] bytes) {
        LoadedProgram p = ElfLoader.load(bytes);
        return plain(name, "ELF program " + name + " (no pre-image host: reads of pre-images fault)", p.state(), p.symbols());
    }

    /** A Cannon state file: no symbols and no pre-images come with it. */
    public static LoadedRun state(String name, VmState state) {
        // A pc in unmapped memory runs a NOP loop forever: say so where the run is described.
        String warning = UnmappedCode.check(state).map(w -> "; warning: " + w).orElse("");
        return plain(name, "Cannon state " + name + " at step " + state.step() + " (no symbols, no pre-image host)" + warning,
            state, Symbols.NONE);
    }

    /**
     * A trace bundle: its initial state and symbols, its own pre-images first. The workbench replays it; the
     * bundle's checkpoints are checked by {@code faultscope run --input}.
     */
    public static LoadedRun bundle(Path path) throws IOException {
        try (TraceBundle b = TraceBundle.open(path)) {
            b.verify();
            TraceManifest m = b.manifest();
            LoadedRun r = plain("Trace · " + path.getFileName(), "Trace bundle " + path.getFileName() + " from " + m.producer()
                + (m.scenario() == null ? "" : " (" + m.scenario().file() + ", block " + m.scenario().agreedBlock() + " → " + m.scenario().claimBlock() + ")")
                + ": " + String.format("%,d", m.finalStep() - m.firstStep()) + " steps, " + m.stop() + ", " + b.checkpoints().size()
                + " checkpoints; its " + b.preimages().size() + " pre-images are served", b.initialState(), b.symbols());
            r.addSource(b.preimageSource());
            return r;
        }
    }

    /** Adds a pre-image source, searched after the ones the run already has (File > Pre-images…). */
    public void addSource(PreimageSource source) {
        PreimageSources sources = store.fallback();
        if (sources == null) {
            store.fallback(new PreimageSources(source));
        } else {
            sources.add(source);
        }
    }

    /** The sources added to this run, beyond its own host, by description. */
    public java.util.List<String> sourceNames() {
        PreimageSources sources = store.fallback();
        return sources == null ? java.util.List.of() : sources.sources().stream().map(PreimageSource::describe).toList();
    }

    private static LoadedRun plain(String title, String detail, VmState state, Symbols symbols) {
        HintLog hints = new HintLog();
        PreimageStore store = new PreimageStore();
        store.onHint((hint, s) -> hints.record(hint));
        return new LoadedRun(title, detail, state, symbols, store, hints, false);
    }

    /** The store without its hint routing, for re-executing a step beside the run (evidence) without side effects. */
    public PreimageOracle quietOracle() {
        return store::preimage;
    }
}
