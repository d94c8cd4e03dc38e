package dev.faultscope.cli;

import dev.faultscope.io.CannonMetaFile;
import dev.faultscope.io.CannonStateFile;
import dev.faultscope.io.ElfFiles;
import dev.faultscope.io.InputFiles;
import dev.faultscope.io.PreimageFiles;
import dev.faultscope.io.PreimageSourceFiles;
import dev.faultscope.io.TraceBundle;
import dev.faultscope.oracle.PreimageSource;
import dev.faultscope.oracle.PreimageSources;
import dev.faultscope.oracle.PreimageStore;
import dev.faultscope.vm.VmFault;
import dev.faultscope.vm.Symbols;
import dev.faultscope.vm.elf.ElfFile;
import dev.faultscope.vm.elf.LoadedProgram;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

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

    /** The sources {@code --preimages} names, searched in the order given. */
    static List<PreimageSource> preimageSources(List<Path> paths) throws IOException {
        List<PreimageSource> out = new ArrayList<>();
        for (Path p : paths) {
            out.add(PreimageSourceFiles.open(p));
        }
        return out;
    }

    /** A VM fault for a missing pre-image, explained by what the sources know; other faults as they are. */
    static RuntimeException explained(RuntimeException e, PreimageSources sources, int exitCode) {
        if (e instanceof VmFault f && f.reason().startsWith("missing pre-image") && sources.lastMiss() != null) {
            return new Main.CommandFailure(String.format("VM fault at step %d, pc 0x%08x: %s", f.step(), f.pc(),
                sources.lastMiss().message()), exitCode);
        }
        return e;
    }

    /** True when {@code path} is a file that starts as a trace bundle does. */
    static boolean isBundle(Path path) throws IOException {
        if (!Files.isRegularFile(path)) {
            return false;
        }
        try (java.io.InputStream in = Files.newInputStream(path)) {
            return TraceBundle.isBundle(in.readNBytes(8));
        }
    }

    /** An ELF file's bytes, bounded. */
    static byte[] read(Path path) throws IOException {
        return InputFiles.read(path, InputFiles.Limit.ELF);
    }
}
