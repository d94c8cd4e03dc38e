package dev.faultscope.io;

import dev.faultscope.vm.elf.ElfFile;
import dev.faultscope.vm.elf.ElfFormatException;
import dev.faultscope.vm.elf.ElfLoader;
import dev.faultscope.vm.elf.LoadedProgram;

import java.io.IOException;
import java.nio.file.Path;

/** ELF executables from files: read bounded, loaded as Cannon's load-elf does, every refusal naming the file. */
public final class ElfFiles {
    private ElfFiles() {
    }

    public static LoadedProgram load(Path path) throws IOException {
        return load(path, InputFiles.read(path, InputFiles.Limit.ELF));
    }

    /** Loads bytes read from {@code path}; a file that is not an ELF is refused as such, not read as anything else. */
    public static LoadedProgram load(Path path, byte[] bytes) throws IOException {
        if (!ElfFile.hasMagic(bytes)) {
            throw new InputFiles.InputFileException(path, "not an ELF file (bad magic at offset 0)");
        }
        try {
            return ElfLoader.load(bytes);
        } catch (ElfFormatException e) {
            throw new InputFiles.InputFileException(path, e.getMessage(), e);
        }
    }
}
