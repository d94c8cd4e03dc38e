package dev.faultscope.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CliTest {
    static final Path HELLO = Path.of("samples/programs/hello.elf");

    @TempDir
    Path dir;

    record Result(int code, String out, String err) {
        String errLine() {
            return err.strip();
        }
    }

    static Result cli(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.execute(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void runPrintsTheProgramsOutputAndReportsTheExit() throws IOException {
        Result r = cli("run", "--input", HELLO.toString());
        assertEquals(0, r.code(), r.err());
        assertEquals(Files.readString(Path.of("samples/programs/hello.stdout")), r.out());
        assertTrue(r.err().contains("exited with code 0 after"), r.err());
    }

    @Test
    void loadElfThenRunFromTheStateFileGivesTheSameFinalWitnessAsRunningTheElf() {
        Path state = dir.resolve("state.json");
        Path meta = dir.resolve("meta.json");
        assertEquals(0, cli("load-elf", "--path", HELLO.toString(), "--out", state.toString(), "--meta", meta.toString()).code());
        Path fromState = dir.resolve("a.json");
        Path fromElf = dir.resolve("b.json.gz");
        assertEquals(0, cli("run", "--input", state.toString(), "--output", fromState.toString(), "--meta", meta.toString()).code());
        assertEquals(0, cli("run", "--input", HELLO.toString(), "--output", fromElf.toString()).code());
        Result a = cli("witness", "--input", fromState.toString());
        Result b = cli("witness", "--input", fromElf.toString());
        assertEquals(0, a.code());
        assertEquals(a.out(), b.out());
        assertTrue(a.out().contains("\"exited\":true"), a.out());
    }

    @Test
    void stopSnapshotProofAndInfoFollowTheStepPatterns() throws IOException {
        Path out = dir.resolve("stopped.json");
        Result r = cli("run", "--input", HELLO.toString(), "--stop-at", "=5000", "--output", out.toString(),
            "--snapshot-at", "%2000", "--snapshot-fmt", dir.resolve("snap-%d.json").toString(),
            "--proof-at", "=4000", "--proof-fmt", dir.resolve("proof-%d.json").toString(), "--info-at", "%1000");
        assertEquals(0, r.code(), r.err());
        assertTrue(cli("witness", "--input", out.toString()).out().contains("\"step\":5000"));
        assertTrue(Files.exists(dir.resolve("snap-0.json")) && Files.exists(dir.resolve("snap-4000.json")));
        assertFalse(Files.exists(dir.resolve("snap-6000.json")));
        assertTrue(cli("witness", "--input", dir.resolve("snap-2000.json").toString()).out().contains("\"step\":2000"));
        assertEquals(6, r.err().lines().filter(l -> l.startsWith("info: step=")).count(), r.err()); // 0,1000,...,5000
        Result verified = cli("verify-proof", "--proof", dir.resolve("proof-4000.json").toString());
        assertEquals(0, verified.code(), verified.err());
        assertTrue(verified.out().startsWith("ok: step 4000"));
    }

    @Test
    void aTamperedProofIsRejectedWithAOneLineReason() throws IOException {
        cli("run", "--input", HELLO.toString(), "--stop-at", "=11", "--proof-at", "=10", "--proof-fmt", dir.resolve("p-%d.json").toString());
        Path proof = dir.resolve("p-10.json");
        String json = Files.readString(proof);
        int at = json.indexOf("\"post\":\"0x") + 12;
        char c = json.charAt(at);
        Files.writeString(proof, json.substring(0, at) + (c == '0' ? '1' : '0') + json.substring(at + 1));
        Result r = cli("verify-proof", "--proof", proof.toString());
        assertEquals(1, r.code());
        assertEquals(1, r.errLine().lines().count());
        assertTrue(r.err().contains("verifies to post-state"), r.err());
    }

    @Test
    void badInputsExitNonZeroWithOneLineNamingTheFile() throws IOException {
        Path notElf = dir.resolve("notes.txt");
        Files.writeString(notElf, "hello");
        Path truncated = dir.resolve("cut.elf");
        byte[] elf = Files.readAllBytes(HELLO);
        Files.write(truncated, java.util.Arrays.copyOf(elf, 100));
        Path badJson = dir.resolve("state.json");
        Files.writeString(badJson, "{\"pc\": 1,");
        for (Path p : new Path[] {notElf, truncated, badJson, dir.resolve("missing.elf")}) {
            Result r = cli("run", "--input", p.toString());
            assertNotEquals(0, r.code(), p.toString());
            assertEquals(1, r.errLine().lines().count(), r.err());
            assertTrue(r.err().contains(p.getFileName().toString()), r.err());
        }
        Result usage = cli("run", "--input", HELLO.toString(), "--stop-at", "sometimes");
        assertEquals(2, usage.code());
        assertTrue(usage.err().contains("sometimes"), usage.err());
    }

    @Test
    void aVmFaultStopsTheRunWithStepPcInstructionAndReason() throws IOException {
        // The hello program with its entry instruction replaced by 'break' (0x0000000d).
        Path state = dir.resolve("state.json");
        cli("load-elf", "--path", HELLO.toString(), "--out", state.toString());
        String json = Files.readString(state);
        assertTrue(json.contains("\"pc\":"));
        Path broken = dir.resolve("broken.elf");
        byte[] elf = Files.readAllBytes(HELLO);
        int entry = ((elf[24] & 0xFF) << 24) | ((elf[25] & 0xFF) << 16) | ((elf[26] & 0xFF) << 8) | (elf[27] & 0xFF);
        int fileOffset = entryFileOffset(elf, entry);
        elf[fileOffset] = 0;
        elf[fileOffset + 1] = 0;
        elf[fileOffset + 2] = 0;
        elf[fileOffset + 3] = 0x0d;
        Files.write(broken, elf);
        Result r = cli("run", "--input", broken.toString());
        assertEquals(1, r.code());
        assertTrue(r.err().contains("step 0") && r.err().contains("invalid instruction") && r.err().contains("0x0000000d"), r.err());
    }

    /** File offset of a virtual address, from the ELF32 big-endian program headers. */
    private static int entryFileOffset(byte[] elf, int vaddr) {
        int phoff = readInt(elf, 28);
        int phentsize = ((elf[42] & 0xFF) << 8) | (elf[43] & 0xFF);
        int phnum = ((elf[44] & 0xFF) << 8) | (elf[45] & 0xFF);
        for (int i = 0; i < phnum; i++) {
            int h = phoff + i * phentsize;
            int type = readInt(elf, h);
            int offset = readInt(elf, h + 4);
            int va = readInt(elf, h + 8);
            int filesz = readInt(elf, h + 16);
            if (type == 1 && vaddr >= va && vaddr < va + filesz) {
                return offset + (vaddr - va);
            }
        }
        throw new AssertionError("entry not in a loadable segment");
    }

    private static int readInt(byte[] b, int off) {
        return ((b[off] & 0xFF) << 24) | ((b[off + 1] & 0xFF) << 16) | ((b[off + 2] & 0xFF) << 8) | (b[off + 3] & 0xFF);
    }

    @Test
    void benchReportsBothRates() {
        Result r = cli("bench", "vm", "--program", HELLO.toString(), "--repeat", "1", "--proof-steps", "1000");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("M instructions/s") && r.out().contains("with a proof at every step: 1,000 steps"), r.out());
        assertEquals(2, cli("bench", "gpu").code());
    }

    @Test
    void benchSeekRunsTheLongBenchmarkAndRefusesTwoPrograms() {
        Result r = cli("bench", "seek", "--long", "--steps", "300000");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("bundled programs/bench-long.elf") && r.out().contains("first run: 300,000 steps"), r.out());
        Result both = cli("bench", "seek", "--long", "--program", HELLO.toString());
        assertEquals(2, both.code());
        assertEquals("faultscope bench: --long and --program: choose one program", both.err().strip());
    }
}
