package dev.faultscope.cli;

import java.io.File;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Runs a MIPS32 ELF under qemu's user-mode emulator, for {@code bench vm --vs-qemu}. */
final class QemuRunner {
    record Result(int exitCode, String output, double seconds) {
    }

    private QemuRunner() {
    }

    /** qemu-mips on the PATH, if installed. */
    static Optional<Path> find() {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, "qemu-mips");
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** Runs {@code elf} once; the time is wall-clock, from start to exit, stdout and stderr merged. */
    static Result run(Path qemu, byte[] elf) throws IOException {
        Path file = Files.createTempFile("faultscope-bench-", ".elf");
        try {
            dev.faultscope.io.AtomicFiles.write(file, elf);
            // qemu-user refuses (silently, exit 1) to load a file without execute permission.
            if (!file.toFile().setExecutable(true, true)) {
                throw new IOException(file + ": cannot make the copy of the ELF executable for qemu-mips");
            }
            ProcessBuilder pb = new ProcessBuilder(qemu.toString(), file.toString()).redirectErrorStream(true);
            long t0 = System.nanoTime();
            Process p = pb.start();
            byte[] out = p.getInputStream().readAllBytes();
            int code = p.waitFor();
            double seconds = (System.nanoTime() - t0) / 1e9;
            return new Result(code, new String(out, StandardCharsets.UTF_8), seconds);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while qemu-mips ran");
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
