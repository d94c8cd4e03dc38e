package dev.faultscope.cli;

import dev.faultscope.io.CannonMetaFile;
import dev.faultscope.io.CannonStateFile;
import dev.faultscope.io.PreimageFiles;
import dev.faultscope.oracle.PreimageStore;
import dev.faultscope.vm.Symbols;
import dev.faultscope.vm.elf.ElfFormatException;
import dev.faultscope.vm.elf.ElfLoader;
import dev.faultscope.vm.elf.LoadedProgram;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reads what commands take as input: a program (ELF or Cannon state), symbols, pre-images. */
final class Inputs {
    private Inputs() {
    }

    /** An ELF is loaded as Cannon's load-elf does; anything else is read as a Cannon state JSON. */
    static LoadedProgram program(Path path, Path meta) throws IOException {
        byte[] bytes = read(path);
        LoadedProgram p;
        if (bytes.length >= 4 && bytes[0] == 0x7F && bytes[1] == 'E' && bytes[2] == 'L' && bytes[3] == 'F') {
            try {
                p = ElfLoader.load(bytes);
            } catch (ElfFormatException e) {
                throw new IllegalArgumentException(path + ": " + e.getMessage(), e);
            }
        } else {
            p = new LoadedProgram(CannonStateFile.read(path), Symbols.NONE);
        }
        return meta == null ? p : new LoadedProgram(p.state(), CannonMetaFile.read(meta));
    }

    static PreimageStore preimages(Path path) throws IOException {
        PreimageStore store = new PreimageStore();
        if (path != null) {
            PreimageFiles.load(path, store);
        }
        return store;
    }

    static byte[] read(Path path) throws IOException {
        try {
            return Files.readAllBytes(path);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(path + ": no such file");
        }
    }
}
