package dev.faultscope.cli;

import dev.faultscope.agent.FaultProofProgram;
import dev.faultscope.fpp.ChainModel;
import dev.faultscope.fpp.FppHost;
import dev.faultscope.fpp.FppInputs;
import dev.faultscope.oracle.PreimageOracle;
import dev.faultscope.vm.Mips32Emulator;
import dev.faultscope.vm.Symbols;
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

@Command(name = "bench", mixinStandardHelpOptions = true, description = {"Measure the engine's speed.",
    "bench vm: instructions per second for plain stepping and for stepping with a proof at every step,",
    "  on a bundled compute-heavy MIPS program (or --program); --vs-qemu also times qemu-mips on the same ELF.",
    "bench fpp: the fault proof program on every block transition n -> n+1 of a scenario (--scenario):",
    "  --repeat passes over them: each pass's rate and time per run (the first includes warm-up), steps per",
    "  transition, and the share of steps spent in Keccak.",
    "bench seek: a trace cursor over one run of the benchmark (or --program, at most --steps): seek and step-back times, checkpoint memory.",
    "  --long (vm, seek): the same benchmark built with 500 rounds, about 10^9 steps, instead of 144 (3 x 10^8).",
    "bench state: a state of --mib MiB of memory: merkle root, save and load times, peak heap."})
final class BenchCommand implements Callable<Integer> {
    static final String BUNDLED_PROGRAM = "/programs/bench.elf";
    static final String BUNDLED_LONG_PROGRAM = "/programs/bench-long.elf";

    @ParentCommand
    Main main;

    @Parameters(index = "0", description = "what to measure: vm or fpp")
    String what;

    @Option(names = "--scenario", defaultValue = "samples/scenarios/classroom.json", description = "bench fpp: the scenario (default: ${DEFAULT-VALUE})")
    Path scenario;

    @Option(names = "--program", description = "a MIPS32 ELF to run instead of the bundled benchmark")
    Path program;

    @Option(names = "--long", description = "bench vm/seek: the bundled benchmark with 500 rounds (about 10^9 steps) instead of 144")
    boolean longProgram;

    @Option(names = "--no-hash-ahead", description = "bench seek: leave checkpoint pages to be hashed on their first restore, not on a background thread after the run")
    boolean noHashAhead;

    @Option(names = "--repeat", defaultValue = "5", converter = OptionValues.PositiveInt.class, description = "bench vm: plain runs to time; bench fpp: passes over the transitions (default: ${DEFAULT-VALUE})")
    int repeat;

    @Option(names = "--vs-qemu", description = "bench vm: also run the same ELF under qemu-mips (user mode) and print both rates and their ratio")
    boolean vsQemu;

    @Option(names = "--proof-steps", defaultValue = "200000", converter = OptionValues.PositiveLong.class, description = "steps to run with a proof at each (default: ${DEFAULT-VALUE})")
    long proofSteps;

    @Option(names = "--steps", defaultValue = "" + Long.MAX_VALUE, description = "bench seek: steps to run at most (default: to the exit)")
    long steps;

    @Option(names = "--mib", defaultValue = "128", description = "bench state: MiB of memory the state holds (default: ${DEFAULT-VALUE})")
    int mib;

    @Override
    public Integer call() throws IOException {
        if (longProgram && program != null) {
            throw new Main.CommandFailure("--long and --program: choose one program", 2);
        }
        switch (what) {
            case "vm" -> benchVm();
            case "fpp" -> benchFpp();
            case "seek" -> new SeekBench(main.out).run(program != null ? Inputs.read(program) : bundled(),
                program != null ? program.toString() : "bundled " + bundledName().substring(1), steps, !noHashAhead);
            case "state" -> new StateBench(main.out).run(mib);
            default -> throw new Main.CommandFailure("unknown benchmark '" + what + "'; available: vm, fpp, seek, state", 2);
        }
        return 0;
    }

    private void benchFpp() throws IOException {
        ChainModel model = ChainModel.load(scenario);
        FppHost host = new FppHost(model);
        Symbols.Symbol keccak = FaultProofProgram.load().symbols().byName("keccak_f")
            .orElseThrow(() -> new IllegalStateException("the fault proof program has no keccak_f symbol"));
        List<FppInputs> transitions = new ArrayList<>();
        for (long n = 0; n < model.lastL2Block(); n++) {
            transitions.add(host.inputs(n, n + 1, model.outputRoot(n + 1)));
        }
        main.out.printf("fpp on %s: %d transitions n -> n+1 (honest claims); java %s; %d cores%n",
            scenario, transitions.size(), Runtime.version(), Runtime.getRuntime().availableProcessors());
        var threads = java.lang.management.ManagementFactory.getThreadMXBean();
        List<Long> steps = new ArrayList<>();
        double bestRate = 0;
        double bestMedian = 0;
        // Each pass runs every transition once, as the honest agent does; the first pays for the JIT's warm-up
        // and the translation of the program's hot blocks, which later runs reuse.
        for (int pass = 1; pass <= repeat; pass++) {
            steps.clear();
            List<Double> millis = new ArrayList<>();
            long passNanos = 0;
            long cpuNanos = 0;
            for (FppInputs inputs : transitions) {
                VmState state = FaultProofProgram.load().state();
                long cpu0 = threads.getCurrentThreadCpuTime();
                long t0 = System.nanoTime();
                new Mips32Emulator(state, host.lazyStore(inputs)).run(Long.MAX_VALUE);
                long nanos = System.nanoTime() - t0;
                cpuNanos += threads.getCurrentThreadCpuTime() - cpu0;
                passNanos += nanos;
                millis.add(nanos / 1e6);
                steps.add(state.step());
            }
            double cpuSeconds = cpuNanos / 1e9;
            long total = steps.stream().mapToLong(Long::longValue).sum();
            Collections.sort(millis);
            double rate = total / (passNanos / 1e9);
            double median = millis.get(millis.size() / 2);
            if (rate > bestRate) {
                bestRate = rate;
                bestMedian = median;
            }
            main.out.printf("pass %d: %,d steps in %.1f ms = %.1f M steps/s (%.1f M/s of this thread's CPU time); per run median %.1f ms, max %.1f ms%s%n",
                pass, total, passNanos / 1e6, rate / 1e6, total / cpuSeconds / 1e6, median, millis.get(millis.size() - 1),
                pass == 1 ? " (JIT warm-up, blocks translated)" : "");
        }
        Collections.sort(steps);
        main.out.printf("steps per transition: min %,d, median %,d, max %,d%n", steps.get(0), steps.get(steps.size() / 2), steps.get(steps.size() - 1));
        main.out.printf("best pass: %.1f M steps/s, per run median %.1f ms%n", bestRate / 1e6, bestMedian);
        // Where the time goes, counted step by step on one run per transition (untimed).
        long keccakSteps = 0;
        long totalSteps = 0;
        for (FppInputs inputs : transitions) {
            VmState counted = FaultProofProgram.load().state();
            Mips32Emulator emu = new Mips32Emulator(counted, host.lazyStore(inputs));
            while (!counted.exited()) {
                keccakSteps += keccak.contains(counted.pc()) ? 1 : 0;
                emu.step();
            }
            totalSteps += counted.step();
        }
        main.out.printf("steps inside keccak_f: %.1f %%%n", 100.0 * keccakSteps / totalSteps);
    }

    private void benchVm() throws IOException {
        Path qemu = vsQemu ? QemuRunner.find().orElseThrow(() -> new Main.CommandFailure(
            "--vs-qemu: qemu-mips is not installed (on Debian: apt-get install qemu-user)", 1)) : null;
        byte[] elf = program != null ? Inputs.read(program) : bundled();
        if (program != null) {
            dev.faultscope.io.ElfFiles.load(program, elf); // refuses a bad --program by name before timing anything
        }
        String name = program != null ? program.toString() : "bundled " + bundledName().substring(1);
        main.out.printf("program: %s; java %s; %d cores%n", name, Runtime.version(), Runtime.getRuntime().availableProcessors());

        List<Double> rates = new ArrayList<>();
        String programOutput = "";
        long steps = 0;
        var threads = java.lang.management.ManagementFactory.getThreadMXBean();
        for (int i = 0; i < repeat; i++) {
            VmState state = ElfLoader.load(elf).state();
            Mips32Emulator emu = new Mips32Emulator(state, PreimageOracle.NONE);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            emu.setOutput(out, out);
            long cpu0 = threads.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            steps = emu.run(Long.MAX_VALUE);
            double seconds = (System.nanoTime() - t0) / 1e9;
            double cpuSeconds = (threads.getCurrentThreadCpuTime() - cpu0) / 1e9;
            rates.add(steps / seconds);
            programOutput = out.toString(StandardCharsets.UTF_8).strip();
            // CPU time too: on a shared machine the wall-clock rate also measures the other processes.
            main.out.printf("plain run %d: %,d steps in %.3f s = %.1f M instructions/s (exit %d; %.1f M/s of this thread's CPU time)%n",
                i + 1, steps, seconds, steps / seconds / 1e6, state.exitCode(), steps / cpuSeconds / 1e6);
        }
        List<Double> sorted = new ArrayList<>(rates);
        Collections.sort(sorted);
        double best = sorted.get(sorted.size() - 1);
        main.out.printf("plain: best %.1f M/s, median %.1f M/s, worst %.1f M/s over %d runs of %,d steps%n",
            best / 1e6, sorted.get(sorted.size() / 2) / 1e6, sorted.get(0) / 1e6, rates.size(), steps);
        main.out.println("program output: " + programOutput);
        if (qemu != null) {
            benchQemu(qemu, elf, steps, best, programOutput);
        }

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
    }

    /**
     * Runs the ELF under qemu-mips {@code repeat} times and compares wall-clock rates; qemu executes the same
     * instructions (same binary, same syscalls, same output), so our step count is its instruction count too.
     */
    private void benchQemu(Path qemu, byte[] elf, long steps, double vmBest, String vmOutput) throws IOException {
        double qemuBest = 0;
        for (int i = 0; i < repeat; i++) {
            QemuRunner.Result r = QemuRunner.run(qemu, elf);
            if (!r.output().strip().equals(vmOutput)) {
                throw new Main.CommandFailure("--vs-qemu: qemu-mips printed something else than the VM (exit " + r.exitCode()
                    + "): " + r.output().strip(), 1);
            }
            double rate = steps / r.seconds();
            qemuBest = Math.max(qemuBest, rate);
            main.out.printf("qemu-mips run %d: %.3f s = %.1f M instructions/s (exit %d, same output)%n",
                i + 1, r.seconds(), rate / 1e6, r.exitCode());
        }
        main.out.printf("vs qemu: VM best %.1f M/s, qemu-mips best %.1f M/s; qemu-mips is %.1f times as fast%n",
            vmBest / 1e6, qemuBest / 1e6, qemuBest / vmBest);
    }

    private String bundledName() {
        return longProgram ? BUNDLED_LONG_PROGRAM : BUNDLED_PROGRAM;
    }

    private byte[] bundled() {
        try (InputStream in = BenchCommand.class.getResourceAsStream(bundledName())) {
            if (in == null) {
                throw new IllegalStateException("the bundled benchmark " + bundledName() + " is missing from the build");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
