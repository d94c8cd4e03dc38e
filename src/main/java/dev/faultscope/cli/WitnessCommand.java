package dev.faultscope.cli;

import dev.faultscope.io.CannonStateFile;
import dev.faultscope.io.WitnessOutput;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "witness", mixinStandardHelpOptions = true, description = "Print a state's witness, its hash, step and exit status as JSON.")
final class WitnessCommand implements Callable<Integer> {
    @ParentCommand
    Main main;

    @Option(names = "--input", required = true, description = "a Cannon state JSON (or an ELF, for its initial state)")
    Path input;

    @Override
    public Integer call() throws IOException {
        main.out.write(WitnessOutput.of(Inputs.program(input, null).state()).toJson());
        return 0;
    }
}
