package dev.faultscope.diff;

import dev.faultscope.oracle.PreimageOracle;
import dev.faultscope.vm.Symbols;
import dev.faultscope.vm.TraceCursor;
import dev.faultscope.vm.VmState;

/** A run from any state (an ELF's initial state, a Cannon state taken mid-run) driven by a {@link TraceCursor}. */
public final class CursorSide implements DiffSide {
    private final String name;
    private final TraceCursor cursor;
    private final Symbols symbols;
    private long finalStep = -1;

    public CursorSide(String name, VmState initial, PreimageOracle oracle, Symbols symbols) {
        this.name = name;
        this.cursor = new TraceCursor(initial.copy(), oracle);
        this.symbols = symbols;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public long firstStep() {
        return cursor.firstStep();
    }

    @Override
    public long finalStep() {
        if (finalStep < 0) {
            cursor.seek(Long.MAX_VALUE);
            finalStep = cursor.step();
        }
        return finalStep;
    }

    @Override
    public byte[] hashAt(long step) {
        cursor.seek(step);
        return cursor.state().stateHash();
    }

    @Override
    public VmState stateAt(long step) {
        cursor.seek(step);
        return cursor.state().copy();
    }

    @Override
    public Symbols symbols() {
        return symbols;
    }
}
