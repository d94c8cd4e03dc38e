package dev.faultscope.cli;

import dev.faultscope.oracle.PreimageOracle;
import dev.faultscope.vm.TraceCursor;
import dev.faultscope.vm.VmState;
import dev.faultscope.vm.elf.ElfLoader;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.Random;

/**
 * {@code bench seek}: how fast a {@link TraceCursor} moves about one long run, as the workbench's scrubber and F8
 * use it: the first run (which takes the checkpoints), seeks to random steps, and exact steps back.
 */
final class SeekBench {
    private final PrintStream out;

    SeekBench(PrintStream out) {
        this.out = out;
    }

    void run(byte[] elf, String name, long maxSteps, boolean hashAhead) {
        VmState initial = ElfLoader.load(elf).state();
        long heapBefore = usedHeapAfterGc();
        TraceCursor cursor = new TraceCursor(initial, PreimageOracle.NONE);
        long cpu0 = cpu();
        long t0 = System.nanoTime();
        long steps = cursor.run(maxSteps, null);
        double runSeconds = (System.nanoTime() - t0) / 1e9;
        double runCpu = (cpu() - cpu0) / 1e9;
        out.printf("program: %s; java %s; %d cores; load average %.2f%n", name, Runtime.version(),
            Runtime.getRuntime().availableProcessors(), loadAverage());
        out.printf("first run: %,d steps in %.2f s, %.2f s CPU (%.1f M steps/s through the cursor; %.1f M per CPU second)%n",
            steps, runSeconds, runCpu, steps / runSeconds / 1e6, steps / runCpu / 1e6);
        if (hashAhead) {
            // As the workbench does: checkpoint pages are hashed on a background thread once the run is through.
            long p0 = processCpu();
            long h0 = System.nanoTime();
            cursor.hashCheckpointsAhead(true);
            while (cursor.hashingAhead()) {
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            out.printf("checkpoint pages hashed ahead on a background thread: %.2f s (%.2f s CPU of the process)%n",
                (System.nanoTime() - h0) / 1e9, (processCpu() - p0) / 1e9);
        } else {
            out.println("checkpoint pages not hashed ahead: each checkpoint's first restore hashes its pages");
        }
        long heapAfter = usedHeapAfterGc();
        double mib = (heapAfter - heapBefore) / (1024.0 * 1024.0);
        out.printf("checkpoints: %d, every %,d steps; heap they hold: %.1f MiB measured, %.1f MiB counted by the cursor (%.1f MiB per 10^8 steps); budget %.0f MiB%n",
            cursor.checkpointCount(), cursor.checkpointInterval(), mib, cursor.checkpointMemory() / (1024.0 * 1024.0),
            steps == 0 ? 0 : mib * 1e8 / steps, TraceCursor.DEFAULT_CHECKPOINT_BUDGET / (1024.0 * 1024.0));
        byte[] printed = cursor.output().upTo(cursor.step(), 1);
        out.printf("program output: %s%n", new String(printed, java.nio.charset.StandardCharsets.UTF_8).strip());

        Random rnd = new Random(42);
        int seeks = 200;
        out.println("times: wall clock, and in brackets the CPU time of this thread (what a loaded machine does not distort)");
        double[] seekMs = new double[seeks];
        double[] seekCpu = new double[seeks];
        double[] hashMs = new double[seeks];
        for (int i = 0; i < seeks; i++) {
            long target = rnd.nextLong(steps + 1);
            long c0 = cpu();
            long s0 = System.nanoTime();
            cursor.seek(target);
            long s1 = System.nanoTime();
            seekCpu[i] = (cpu() - c0) / 1e6;
            cursor.state().stateHash();
            long s2 = System.nanoTime();
            seekMs[i] = (s1 - s0) / 1e6;
            hashMs[i] = (s2 - s1) / 1e6;
        }
        out.printf("seek to a random step (%d seeks): %s (CPU: %s)%n", seeks, summary(seekMs), summary(seekCpu));
        out.printf("state hash right after a seek: %s%n", summary(hashMs));

        int places = 20;
        int backs = 200;
        double[] backMs = new double[places * backs];
        double[] backCpu = new double[places * backs];
        int n = 0;
        for (int p = 0; p < places; p++) {
            cursor.seek(backs + rnd.nextLong(Math.max(1, steps - backs)));
            for (int b = 0; b < backs && cursor.step() > cursor.firstStep(); b++) {
                long c0 = cpu();
                long s0 = System.nanoTime();
                cursor.stepBack();
                backMs[n] = (System.nanoTime() - s0) / 1e6;
                backCpu[n++] = (cpu() - c0) / 1e6;
            }
        }
        out.printf("step back (%d places after a seek, %d steps back from each): %s (CPU: %s)%n", places, backs,
            summary(Arrays.copyOf(backMs, n)), summary(Arrays.copyOf(backCpu, n)));
        out.printf("load average at the end: %.2f%n", loadAverage());
    }

    private static String summary(double[] ms) {
        if (ms.length == 0) {
            return "none";
        }
        double[] sorted = ms.clone();
        Arrays.sort(sorted);
        return String.format("median %.3f ms, 99th percentile %.3f ms, max %.3f ms", sorted[sorted.length / 2],
            sorted[Math.min(sorted.length - 1, (int) (sorted.length * 0.99))], sorted[sorted.length - 1]);
    }

    private static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    private static long processCpu() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
            ? os.getProcessCpuTime() : 0;
    }

    private static long cpu() {
        return ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
    }

    static long usedHeapAfterGc() {
        Runtime rt = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return rt.totalMemory() - rt.freeMemory();
    }
}
