package dev.faultscope.diff;

import dev.faultscope.agent.ExecutionTrace;
import dev.faultscope.vm.Symbols;
import dev.faultscope.vm.VmState;

/** An agent's execution trace (honest, or with an injected fault) as a side of a diff; steps count from 0. */
public final class ExecutionTraceSide implements DiffSide {
    private final String name;
    private final ExecutionTrace trace;
    private final Symbols symbols;

    public ExecutionTraceSide(String name, ExecutionTrace trace, Symbols symbols) {
        this.name = name;
        this.trace = trace;
        this.symbols = symbols;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public long firstStep() {
        return 0;
    }

    @Override
    public long finalStep() {
        return trace.length();
    }

    @Override
    public byte[] hashAt(long step) {
        // Trace index k commits to the state after k+1 steps.
        return step == 0 ? trace.prestateHash() : trace.stateHashAt(step - 1);
    }

    @Override
    public VmState stateAt(long step) {
        return trace.stateAtStep(step);
    }

    @Override
    public Symbols symbols() {
        return symbols;
    }
}
