package dev.faultscope.cli;

import dev.faultscope.oracle.PreimageOracle;
import dev.faultscope.vm.Mips32Emulator;
import dev.faultscope.vm.VmState;
import dev.faultscope.vm.elf.ElfLoader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

@Command(name = "bench", description = {"Measure the engine's speed.",
    "bench vm: instructions per second for plain stepping and for stepping with a proof at every step,",
    "on a bundled compute-heavy MIPS program (or --program)."})
final class BenchCommand implements Callable<Integer> {
    static final String BUNDLED_PROGRAM = "/programs/bench.elf";

    @ParentCommand
    Main main;

    @Parameters(index = "0", description = "what to measure: vm")
    String what;

    @Option(names = "--program", description = "a MIPS32 ELF to run instead of the bundled benchmark")
    Path program;

    @Option(names = "--repeat", defaultValue = "5", description = "plain runs to time (default: ${DEFAULT-VALUE})")
    int repeat;

    @Option(names = "--proof-steps", defaultValue = "200000", description = "steps to run with a proof at each (default: ${DEFAULT-VALUE})")
    long proofSteps;

    @Override
    public Integer call() throws IOException {
        if (!what.equals("vm")) {
            throw new Main.CommandFailure("unknown benchmark '" + what + "'; available: vm", 2);
        }
        byte[] elf = program != null ? Inputs.read(program) : bundled();
        String name = program != null ? program.toString() : "bundled " + BUNDLED_PROGRAM.substring(1);
        main.out.printf("program: %s; java %s; %d cores%n", name, Runtime.version(), Runtime.getRuntime().availableProcessors());

        List<Double> rates = new ArrayList<>();
        String programOutput = "";
        long steps = 0;
        for (int i = 0; i < repeat; i++) {
            VmState state = ElfLoader.load(elf).state();
            Mips32Emulator emu = new Mips32Emulator(state, PreimageOracle.NONE);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            emu.setOutput(out, out);
            long t0 = System.nanoTime();
            steps = emu.run(Long.MAX_VALUE);
            double seconds = (System.nanoTime() - t0) / 1e9;
            rates.add(steps / seconds);
            programOutput = out.toString(StandardCharsets.UTF_8).strip();
            main.out.printf("plain run %d: %,d steps in %.3f s = %.1f M instructions/s (exit %d)%n",
                i + 1, steps, seconds, steps / seconds / 1e6, state.exitCode());
        }
        List<Double> sorted = new ArrayList<>(rates);
        Collections.sort(sorted);
        main.out.printf("plain: best %.1f M/s, median %.1f M/s over %d runs of %,d steps%n",
            sorted.get(sorted.size() - 1) / 1e6, sorted.get(sorted.size() / 2) / 1e6, rates.size(), steps);
        main.out.println("program output: " + programOutput);

        VmState state = ElfLoader.load(elf).state();
        Mips32Emulator emu = new Mips32Emulator(state, PreimageOracle.NONE);
        long n = 0;
        long t0 = System.nanoTime();
        while (n < proofSteps && !state.exited()) {
            emu.stepWithProof();
            n++;
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        main.out.printf("with a proof at every step: %,d steps in %.3f s = %.0f steps/s%n", n, seconds, n / seconds);
        return 0;
    }

    private static byte[] bundled() {
        try (InputStream in = BenchCommand.class.getResourceAsStream(BUNDLED_PROGRAM)) {
            if (in == null) {
                throw new IllegalStateException("the bundled benchmark " + BUNDLED_PROGRAM + " is missing from the build");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
