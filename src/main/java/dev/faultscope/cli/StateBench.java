package dev.faultscope.cli;

import dev.faultscope.io.CannonStateFile;
import dev.faultscope.vm.Memory;
import dev.faultscope.vm.VmState;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * {@code bench state}: a state holding many MiB of memory, as a program that fills a large heap leaves it:
 * the first merkle root, and saving and loading it as a Cannon state file (plain and gzipped), each with the
 * peak heap it took. The files go to a temporary folder that is removed afterwards.
 */
final class StateBench {
    private final PrintStream out;

    StateBench(PrintStream out) {
        this.out = out;
    }

    void run(int mib) throws IOException {
        if (mib <= 0 || mib > 4095) {
            throw new Main.CommandFailure("--mib must be between 1 and 4095, got " + mib, 2);
        }
        long maxHeap = Runtime.getRuntime().maxMemory();
        out.printf("state of %d MiB; java %s; %d cores; max heap %d MiB%n", mib, Runtime.version(),
            Runtime.getRuntime().availableProcessors(), maxHeap >> 20);
        VmState state = filled(mib);
        long base = SeekBench.usedHeapAfterGc();
        out.printf("heap holding the state: %d MiB%n", base >> 20);

        resetPeaks();
        long t0 = System.nanoTime();
        byte[] root = state.memory().merkleRoot();
        report("first merkle root", t0, base);
        Path dir = Files.createTempDirectory("faultscope-bench-state");
        try {
            for (String name : new String[] {"state.json", "state.json.gz"}) {
                Path file = dir.resolve(name);
                resetPeaks();
                t0 = System.nanoTime();
                CannonStateFile.write(state, file);
                report("save " + name + " (" + (Files.size(file) >> 20) + " MiB)", t0, base);
                VmState loaded = null;
                long total = System.nanoTime() - t0;
                SeekBench.usedHeapAfterGc();
                resetPeaks();
                t0 = System.nanoTime();
                loaded = CannonStateFile.read(file);
                report("load " + name, t0, base);
                total += System.nanoTime() - t0;
                resetPeaks();
                t0 = System.nanoTime();
                byte[] again = loaded.memory().merkleRoot();
                report("merkle root of the loaded state", t0, base);
                total += System.nanoTime() - t0;
                if (!Arrays.equals(root, again)) {
                    throw new IllegalStateException("the loaded state's root differs from the saved one's");
                }
                out.printf("  %s: load + root + save %.2f s%n", name, total / 1e9);
                loaded = null;
                SeekBench.usedHeapAfterGc();
            }
        } finally {
            try (var files = Files.list(dir)) {
                for (Path p : (Iterable<Path>) files::iterator) {
                    Files.deleteIfExists(p);
                }
            }
            Files.deleteIfExists(dir);
        }
        out.println("root: 0x" + HexFormat.of().formatHex(root));
    }

    /** Pages of word patterns a heap might hold: counters, pointers into the heap, and some noise. */
    static VmState filled(int mib) {
        VmState s = new VmState();
        Memory mem = s.memory();
        int heapBase = 0x10000000;
        int words = mib << 18;
        long x = 0x9E3779B97F4A7C15L;
        for (int i = 0; i < words; i++) {
            x ^= x << 13;
            x ^= x >>> 7;
            x ^= x << 17;
            int w = switch (i & 3) {
                case 0 -> i;
                case 1 -> heapBase + ((int) x & 0xFFFF0);
                case 2 -> (int) (x >>> 40) & 0xFF;
                default -> (int) x;
            };
            mem.setWord(heapBase + 4 * i, w);
        }
        s.setHeap(heapBase + 4 * words);
        s.setPc(0x400000);
        s.setNextPC(0x400004);
        return s;
    }

    /** CPU time of the whole process (all threads: the root is hashed on every core). */
    private static long cpu() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
            ? os.getProcessCpuTime() : 0;
    }

    private long cpu0;

    private void report(String what, long t0, long base) {
        double s = (System.nanoTime() - t0) / 1e9;
        double cpuSeconds = (cpu() - cpu0) / 1e9;
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        out.printf("%-40s %7.2f s (%6.2f s CPU), peak heap %5d MiB (%d MiB above the state)%n", what + ":", s, cpuSeconds,
            peak >> 20, Math.max(0, peak - base) >> 20);
    }

    private void resetPeaks() {
        cpu0 = cpu();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                pool.resetPeakUsage();
            }
        }
    }
}
