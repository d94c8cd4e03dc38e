package dev.faultscope.agent;

import dev.faultscope.crypto.Keccak256;
import dev.faultscope.vm.Symbols;
import dev.faultscope.vm.VmState;
import dev.faultscope.vm.elf.ElfLoader;
import dev.faultscope.vm.elf.LoadedProgram;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The bundled fault proof program ({@code resources/fpp/fpp.elf}, built from {@code src/fpp}): every
 * execution subgame starts from its initial VM state, the absolute prestate.
 */
public final class FaultProofProgram {
    public static final String RESOURCE = "/fpp/fpp.elf";

    private static volatile byte[] elf;

    private FaultProofProgram() {
    }

    /** The ELF's bytes (a copy). */
    public static byte[] elf() {
        byte[] e = elf;
        if (e == null) {
            try (InputStream in = FaultProofProgram.class.getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException("the fault proof program " + RESOURCE + " is missing from the build");
                }
                e = in.readAllBytes();
            } catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
            elf = e;
        }
        return e.clone();
    }

    /** keccak of the ELF: names the program a session was played with. */
    public static byte[] elfHash() {
        return Keccak256.hash(elf());
    }

    /**
     * A fresh initial state with the program's symbols. Its pages are shared copy-on-write with one hashed
     * initial state kept for the JVM's life: every subgame runs the program from here, and shared code pages
     * keep what the emulator decoded and translated from them, so later runs start at full speed instead of
     * warming up again.
     */
    public static LoadedProgram load() {
        Initial initial = Initial.INSTANCE;
        return new LoadedProgram(initial.state.restore(), initial.symbols);
    }

    /** The state hash of the initial state (status byte 3, unfinished). */
    public static byte[] absolutePrestate() {
        return Initial.INSTANCE.stateHash.clone();
    }

    /** The initial state, loaded from the ELF and hashed once, on first use. */
    private static final class Initial {
        static final Initial INSTANCE = new Initial(ElfLoader.load(elf()));

        final VmState.Checkpoint state;
        final Symbols symbols;
        final byte[] stateHash;

        private Initial(LoadedProgram program) {
            // Hashing first leaves every shared page clean, so no later root touches them.
            stateHash = program.state().stateHash();
            state = program.state().checkpoint();
            symbols = program.symbols();
        }
    }
}
