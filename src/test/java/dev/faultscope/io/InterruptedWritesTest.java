package dev.faultscope.io;

import dev.faultscope.game.Session;
import dev.faultscope.oracle.PreimageOracle;
import dev.faultscope.vm.Mips32Emulator;
import dev.faultscope.vm.VmState;
import dev.faultscope.vm.elf.LoadedProgram;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every writer of the project, cut off half-way through its bytes (as a full disk or a file-size limit would):
 * the file it replaces must be left exactly as it was and no temporary file may stay behind. And no code writes
 * a file except through {@link AtomicFiles}.
 */
class InterruptedWritesTest {
    @TempDir
    Path dir;

    /** A writer under test: writes its content to the path. */
    @FunctionalInterface
    interface Writer {
        void write(Path path) throws IOException;
    }

    @AfterEach
    void restore() {
        AtomicFiles.streamWrapper = java.util.function.UnaryOperator.identity();
    }

    private static Map<String, Writer> writers() throws IOException {
        LoadedProgram hello = ElfFiles.load(Path.of("samples/programs/hello.elf"));
        VmState state = hello.state();
        Mips32Emulator emu = new Mips32Emulator(state, PreimageOracle.NONE);
        emu.setOutput(OutputStream.nullOutputStream(), OutputStream.nullOutputStream());
        emu.run(500);
        var proof = emu.stepWithProof();
        Session session = SessionFile.read(Path.of("samples/sessions/freeloader.json.gz")).session();
        Map<String, Writer> w = new LinkedHashMap<>();
        w.put("state", p -> CannonStateFile.write(state, p));
        w.put("state (gzipped)", p -> CannonStateFile.write(state, p.resolveSibling(p.getFileName() + ".gz")));
        w.put("proof", p -> CannonProofFile.write(proof, p));
        w.put("meta", p -> CannonMetaFile.write(hello.symbols(), p));
        w.put("witness", p -> WitnessOutput.of(state).write(p));
        w.put("session", p -> SessionFile.write(session, p));
        w.put("bytes (SVG and other exports)", p -> AtomicFiles.write(p, "<svg/>".repeat(1000).getBytes(StandardCharsets.UTF_8)));
        return w;
    }

    /** Throws after {@code limit} bytes, like a disk that fills up. */
    private static final class FillsUp extends FilterOutputStream {
        private long left;

        FillsUp(OutputStream out, long limit) {
            super(out);
            this.left = limit;
        }

        @Override
        public void write(int b) throws IOException {
            if (left-- <= 0) {
                throw new IOException("No space left on device");
            }
            out.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            for (int i = 0; i < len; i++) {
                write(b[off + i]);
            }
        }
    }

    @Test
    void aWriteCutOffHalfWayLeavesTheOldFileAndNoTemporaryFile() throws IOException {
        int checked = 0;
        List<String> clobbered = new ArrayList<>();
        for (Map.Entry<String, Writer> e : writers().entrySet()) {
            Path folder = Files.createDirectories(dir.resolve("w" + checked++));
            Path target = folder.resolve("out.json");
            // First a complete write, to learn the size and the name it really writes (".gz" is added for one).
            e.getValue().write(target);
            Path written;
            try (Stream<Path> files = Files.list(folder)) {
                written = files.findFirst().orElseThrow();
            }
            long size = Files.size(written);
            byte[] old = "the previous content, which must survive".getBytes(StandardCharsets.UTF_8);
            Files.write(written, old);
            for (long cut : new long[] {0, 1, size / 2, size - 1}) {
                AtomicFiles.streamWrapper = out -> new FillsUp(out, cut);
                IOException thrown = assertThrows(IOException.class, () -> e.getValue().write(target), e.getKey());
                AtomicFiles.streamWrapper = java.util.function.UnaryOperator.identity();
                assertTrue(thrown.getMessage().contains("No space left") && thrown.getMessage().contains("out.json"), thrown.getMessage());
                try (Stream<Path> files = Files.list(folder)) {
                    List<Path> left = files.toList();
                    if (!left.equals(List.of(written)) || !java.util.Arrays.equals(old, Files.readAllBytes(written))) {
                        clobbered.add(e.getKey() + " cut at " + cut + ": " + left);
                    }
                }
            }
        }
        System.out.println("interrupted writes: " + writers().size() + " writers x 4 cuts, outputs clobbered or temporary files left: " + clobbered.size());
        assertEquals(List.of(), clobbered);
    }

    @Test
    void aWriterThatFailsWithAnErrorLeavesNothingEither() throws IOException {
        Path target = dir.resolve("out.json");
        Files.writeString(target, "old");
        assertThrows(OutOfMemoryError.class, () -> AtomicFiles.write(target, out -> {
            out.write(new byte[100]);
            throw new OutOfMemoryError("simulated");
        }));
        assertArrayEquals("old".getBytes(StandardCharsets.UTF_8), Files.readAllBytes(target));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(target), files.toList());
        }
    }

    /** The rule that makes the test above cover every writer: nothing in main writes a file another way. */
    @Test
    void noCodeWritesAFileExceptThroughAtomicFiles() throws IOException {
        List<String> direct = new ArrayList<>();
        try (Stream<Path> sources = Files.walk(Path.of("src/main/java"))) {
            for (Path src : sources.filter(p -> p.toString().endsWith(".java")).toList()) {
                if (src.endsWith("AtomicFiles.java")) {
                    continue;
                }
                String text = Files.readString(src);
                for (String call : new String[] {"Files.write(", "Files.writeString(", "Files.newOutputStream(", "new FileOutputStream(",
                    "Files.newBufferedWriter(", "new FileWriter(", "new PrintWriter(new File"}) {
                    // "AtomicFiles.write(" is fine: only a call on Files itself, or the constructors, count.
                    if (java.util.regex.Pattern.compile("(?<![A-Za-z])" + java.util.regex.Pattern.quote(call)).matcher(text).find()) {
                        direct.add(src + ": " + call);
                    }
                }
                if (text.matches("(?s).*ImageIO\\.write\\([^;]*toFile.*")) {
                    direct.add(src + ": ImageIO.write to a File");
                }
            }
        }
        assertEquals(List.of(), direct);
    }
}
