package dev.faultscope.agent;

import dev.faultscope.crypto.Keccak256;
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

    /** A fresh initial state with the program's symbols. */
    public static LoadedProgram load() {
        return ElfLoader.load(elf());
    }

    /** The state hash of the initial state (status byte 3, unfinished). */
    public static byte[] absolutePrestate() {
        return load().state().stateHash();
    }
}
