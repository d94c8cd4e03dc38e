package dev.faultscope.cli;

import dev.faultscope.io.CannonMetaFile;
import dev.faultscope.io.CannonStateFile;
import dev.faultscope.io.ElfFiles;
import dev.faultscope.vm.disasm.CodeScanner;
import dev.faultscope.vm.elf.LoadedProgram;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "load-elf", mixinStandardHelpOptions = true, description = "Load a MIPS32 ELF as Cannon's load-elf does and write its initial state.")
final class LoadElfCommand implements Callable<Integer> {
    @ParentCommand
    Main main;

    @Option(names = "--path", required = true, description = "the big-endian MIPS32 ELF")
    Path path;

    @Option(names = "--out", required = true, converter = OptionValues.OutputPath.class, description = "where to write the state JSON (.json or .json.gz)")
    Path out;

    @Option(names = "--meta", converter = OptionValues.OutputPath.class, description = "where to write the symbols (Cannon's meta JSON; \"\" = none)")
    Path meta;

    @Override
    public Integer call() throws IOException {
        byte[] bytes = Inputs.read(path);
        // Never read as a state JSON: load-elf takes an ELF only, and says so.
        LoadedProgram p = ElfFiles.load(path, bytes);
        var unsupported = CodeScanner.scan(bytes);
        // Everything is checked before the first file is written.
        CannonStateFile.write(p.state(), out);
        if (meta != null) {
            CannonMetaFile.write(p.symbols(), meta);
        }
        if (!unsupported.isEmpty()) {
            main.err.println("warning: " + path + " has " + unsupported.size()
                + " instruction(s) this VM does not execute, first at " + unsupported.get(0));
        }
        return 0;
    }
}
