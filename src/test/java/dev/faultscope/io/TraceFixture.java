package dev.faultscope.io;

import dev.faultscope.agent.FaultProofProgram;
import dev.faultscope.fpp.ChainModel;
import dev.faultscope.fpp.FppHost;
import dev.faultscope.fpp.FppInputs;
import dev.faultscope.fpp.HostPreimageSource;
import dev.faultscope.fpp.Proposer;
import dev.faultscope.fpp.Proposers;
import dev.faultscope.oracle.PreimageSources;
import dev.faultscope.oracle.PreimageStore;
import dev.faultscope.vm.VmState;
import dev.faultscope.vm.elf.LoadedProgram;

import java.io.IOException;
import java.nio.file.Path;

/** The classroom chain's disputed transition (1 → 2, a wrong proposer's claim): the run the trace tests share. */
public final class TraceFixture {
    public static final Path SCENARIO = Path.of("samples/scenarios/classroom.json");
    public static final long INTERVAL = 50_000;

    private static ChainModel model;

    private TraceFixture() {
    }

    public static synchronized ChainModel model() throws IOException {
        if (model == null) {
            model = ChainModel.load(SCENARIO);
        }
        return model;
    }

    public static FppInputs inputs(FppHost host) throws IOException {
        Proposer p = Proposers.named("invalid-transfers", model());
        host.serve(p);
        return host.inputs(1, 2, p.claim(2));
    }

    /** A fresh source chain with the scenario's host. */
    public static PreimageSources hostSources() throws IOException {
        FppHost host = new FppHost(model());
        return new PreimageSources(new HostPreimageSource(host, inputs(host), "classroom host"));
    }

    /** Every pre-image the run reads, computed up front. */
    public static PreimageStore eagerStore() throws IOException {
        FppHost host = new FppHost(model());
        return host.eagerStore(inputs(host));
    }

    public static LoadedProgram program() {
        return FaultProofProgram.load();
    }

    /** Records the whole run into {@code target}; returns its final state. */
    public static VmState record(Path target) throws IOException {
        LoadedProgram p = program();
        return TraceRecorder.record(target, p.state(), hostSources(), p.symbols(), INTERVAL, "test", null,
            new TraceManifest.ScenarioRun("classroom.json", "0x00", 1, 2, "0x00", 8), null);
    }
}
