package dev.faultscope.io;

import dev.faultscope.crypto.Hex;
import dev.faultscope.oracle.PreimageSources;
import dev.faultscope.vm.Mips32Emulator;
import dev.faultscope.vm.VmState;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

class TraceBundleTest {
    @TempDir
    static Path dir;
    static Path bundle;
    static byte[] bytes;
    static VmState fin;

    @BeforeAll
    static void record() throws IOException {
        bundle = dir.resolve("run.fstrace");
        fin = TraceFixture.record(bundle);
        bytes = Files.readAllBytes(bundle);
    }

    @Test
    void theBundleHoldsTheRunAndItsCheckpoints() throws IOException {
        try (TraceBundle b = TraceBundle.open(bundle)) {
            b.verify();
            assertTrue(fin.exited());
            assertEquals(fin.step(), b.manifest().finalStep());
            assertEquals(Hex.encode(fin.stateHash()), b.manifest().finalStateHash());
            assertEquals("exited", b.manifest().stop());
            assertEquals(fin.step() / TraceFixture.INTERVAL + 1, b.checkpoints().size());
            assertArrayEquals(fin.stateHash(), b.finalState().stateHash());
            assertArrayEquals(TraceFixture.program().state().stateHash(), b.initialState().stateHash());
            assertTrue(b.preimages().size() > 5, "the run reads the locals and the chain's data");
            assertTrue(b.hints().stream().anyMatch(h -> h.text().startsWith("l1-header 0x")));
            assertTrue(b.symbols().byName("main").isPresent());
            // Pages are stored once: the bundle is far smaller than its checkpoints' memory.
            long memory = 0;
            for (int i = 0; i < b.checkpoints().size(); i++) {
                memory += 4096L * b.restore(i).memory().pageCount();
            }
            assertTrue(bytes.length * 10L < memory, bytes.length + " bytes for " + memory + " bytes of checkpoint memory");
        }
    }

    @Test
    void replayingFromTheInitialStateMeetsEveryCheckpointHash() throws IOException {
        try (TraceBundle b = TraceBundle.open(bundle)) {
            VmState s = b.initialState();
            Mips32Emulator emu = new Mips32Emulator(s, new PreimageSources(b.preimageSource()));
            for (int i = 1; i < b.checkpoints().size(); i++) {
                while (s.step() < b.checkpoints().get(i).step()) {
                    emu.step();
                }
                assertArrayEquals(b.checkpointHash(i), s.stateHash(), "checkpoint " + i);
            }
            emu.run(Long.MAX_VALUE);
            assertArrayEquals(fin.stateHash(), s.stateHash());
        }
    }

    @Test
    void seekingFromACheckpointGivesTheSameStateAsRunning() throws IOException {
        try (TraceBundle b = TraceBundle.open(bundle)) {
            long target = 3 * TraceFixture.INTERVAL + 1234;
            VmState seeked = b.stateAt(target);
            VmState run = TraceFixture.program().state();
            new Mips32Emulator(run, TraceFixture.hostSources()).run(target);
            assertEquals(target, seeked.step());
            assertArrayEquals(run.stateHash(), seeked.stateHash());
        }
    }

    @Test
    void rewritingABundleGivesTheSameBytes() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (TraceBundle b = TraceBundle.open(bundle)) {
            b.copyTo(out);
        }
        assertArrayEquals(bytes, out.toByteArray());
    }

    @Test
    void recordingTheSameRunTwiceGivesTheSameBytes() throws IOException {
        Path again = dir.resolve("again.fstrace");
        TraceFixture.record(again);
        assertArrayEquals(bytes, Files.readAllBytes(again));
    }

    @Test
    void truncatedBundlesAreRefusedWithWhereTheyEnd() throws IOException {
        for (int len : new int[] {0, 5, 12, 100, bytes.length / 2, bytes.length - 48, bytes.length - 1}) {
            Path p = dir.resolve("cut-" + len + ".fstrace");
            Files.write(p, Arrays.copyOf(bytes, len));
            FileFormatException e = assertThrows(FileFormatException.class, () -> openAndVerify(p), "cut at " + len);
            assertTrue(e.getMessage().startsWith(p + ": "), e.getMessage());
            assertTrue(e.where().contains("offset"), e.getMessage());
        }
    }

    /** A flipped bit anywhere (in every section, and the header and footer) is refused, naming the section and offset. */
    @Test
    void aFlippedBitAnywhereIsRefused() throws IOException {
        List<Long> positions = new ArrayList<>();
        for (long p = 0; p < bytes.length; p += Math.max(1, bytes.length / 400)) {
            positions.add(p);
        }
        positions.addAll(sectionStarts());
        positions.add((long) bytes.length - 1);
        positions.add((long) bytes.length - 48);
        java.util.Set<String> sectionsSeen = new java.util.TreeSet<>();
        for (long pos : positions) {
            byte[] damaged = bytes.clone();
            damaged[(int) pos] ^= (byte) (1 << (pos % 8));
            Path p = dir.resolve("flip.fstrace");
            Files.write(p, damaged);
            try {
                openAndVerify(p);
                fail("a flipped bit at offset " + pos + " was not noticed");
            } catch (FileFormatException e) {
                assertTrue(e.where().matches("(header|footer|file|sections|section( [A-Z]{4})?) at offset \\d+"), e.getMessage());
                sectionsSeen.add(e.where().replaceAll(" at offset.*", ""));
            }
        }
        for (String s : List.of("header", "footer", "section PAGE", "section CKPT", "section FINL", "section PREI",
            "section HINT", "section META", "section MANI", "section INDX")) {
            assertTrue(sectionsSeen.contains(s), "no damage was reported in " + s + "; seen " + sectionsSeen);
        }
    }

    @Test
    void aFailedWriteLeavesNothingBehind() throws IOException {
        Path sub = Files.createDirectory(dir.resolve("failing"));
        Path target = sub.resolve("x.fstrace");
        VmState s = TraceFixture.program().state();
        assertThrows(IOException.class, () -> AtomicFiles.write(target, out -> {
            TraceRecorder rec = new TraceRecorder(out, s, 10);
            rec.afterStep(s);
            throw new IOException("disk full");
        }));
        try (var files = Files.list(sub)) {
            assertEquals(0, files.count());
        }
    }

    private static void openAndVerify(Path p) throws IOException {
        try (TraceBundle b = TraceBundle.open(p)) {
            b.verify();
        }
    }

    /** Offsets of every section's first byte, walking the file as written. */
    private static List<Long> sectionStarts() {
        List<Long> out = new ArrayList<>();
        long at = 12;
        long end = bytes.length - 48;
        java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(bytes);
        while (at < end) {
            out.add(at);
            out.add(at + 16); // the first byte of its body
            at += 16 + Integer.toUnsignedLong(b.getInt((int) at + 4));
        }
        return out;
    }
}
