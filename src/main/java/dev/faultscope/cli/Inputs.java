package dev.faultscope.cli;

import dev.faultscope.io.CannonMetaFile;
import dev.faultscope.io.CannonStateFile;
import dev.faultscope.io.ElfFiles;
import dev.faultscope.io.InputFiles;
import dev.faultscope.io.PreimageFiles;
import dev.faultscope.oracle.PreimageStore;
import dev.faultscope.vm.Symbols;
import dev.faultscope.vm.elf.ElfFile;
import dev.faultscope.vm.elf.LoadedProgram;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads what commands take as input: a program (ELF or Cannon state), symbols, pre-images. */
final class Inputs {
    private Inputs() {
    }

    /** An ELF is loaded as Cannon's load-elf does; anything else is read as a Cannon state JSON. */
    static LoadedProgram program(Path path, Path meta) throws IOException {
        LoadedProgram p = isElf(path) ? ElfFiles.load(path) : new LoadedProgram(CannonStateFile.read(path), Symbols.NONE);
        return meta == null ? p : new LoadedProgram(p.state(), CannonMetaFile.read(meta));
    }

    /** Whether the file starts with the ELF magic (it must be a regular file). */
    static boolean isElf(Path path) throws IOException {
        InputFiles.requireRegularFile(path, "a program (an ELF or a state file)");
        try (InputStream in = Files.newInputStream(path)) {
            return ElfFile.hasMagic(in.readNBytes(4));
        }
    }

    static PreimageStore preimages(Path path) throws IOException {
        PreimageStore store = new PreimageStore();
        if (path != null) {
            PreimageFiles.load(path, store);
        }
        return store;
    }

    /** An ELF file's bytes, bounded. */
    static byte[] read(Path path) throws IOException {
        return InputFiles.read(path, InputFiles.Limit.ELF);
    }
}
