package dev.faultscope.io;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.faultscope.vm.Memory;
import dev.faultscope.vm.VmState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPInputStream;

import static dev.faultscope.io.IoTestSupport.assertRejects;
import static dev.faultscope.io.IoTestSupport.mutate;
import static dev.faultscope.io.IoTestSupport.tree;
import static dev.faultscope.io.IoTestSupport.zlib;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** States of several batches of pages, which are written and read on several threads. */
class LargeStateFileTest {
    @TempDir
    Path dir;

    /** Three full batches and a partial one. */
    private static final int PAGES = 3 * StatePageWriter.BATCH_PAGES + 7;

    /** Pages written word by word, on one thread, at scattered indices: noise, zeros, counters, sparse words. */
    private static VmState sequentialState() {
        Random rnd = new Random(11);
        VmState s = new VmState();
        Memory mem = s.memory();
        for (int k = 0; k < PAGES; k++) {
            int pi = (k * 40503 + 17) & (Memory.PAGE_COUNT - 1);
            int base = pi << Memory.PAGE_SHIFT;
            for (int w = 0; w < Memory.PAGE_SIZE / 4; w++) {
                int v = switch (k % 4) {
                    case 0 -> rnd.nextInt();
                    case 1 -> 0;
                    case 2 -> k * 1024 + w;
                    default -> w % 61 == 0 ? rnd.nextInt() : 0;
                };
                mem.setWord(base + 4 * w, v);
            }
        }
        s.setPc(0x00400000);
        s.setNextPC(0x00400004);
        s.setStep(123_456_789L);
        return s;
    }

    private static List<Integer> pages(Memory m) {
        List<Integer> out = new ArrayList<>();
        m.forEachPage(out::add);
        return out;
    }

    @Test
    void savedInBatchesLoadsBackPageByPageAndRootByRoot() throws IOException {
        VmState s = sequentialState();
        for (String name : List.of("large.json", "large.json.gz")) {
            Path file = dir.resolve(name);
            CannonStateFile.write(s, file);
            VmState back = CannonStateFile.read(file);
            assertEquals(PAGES, back.memory().pageCount());
            assertEquals(pages(s.memory()), pages(back.memory()));
            for (int pi : pages(s.memory())) {
                assertArrayEquals(s.memory().pageBytes(pi), back.memory().pageBytes(pi), "page " + pi);
            }
            assertArrayEquals(s.memory().merkleRoot(), back.memory().merkleRoot());
            assertArrayEquals(s.stateHash(), back.stateHash());
            int pi = pages(s.memory()).get(PAGES / 2);
            assertArrayEquals(s.memory().proof(pi << Memory.PAGE_SHIFT | 0x40), back.memory().proof(pi << Memory.PAGE_SHIFT | 0x40));
            // Saved again, the loaded state gives the same bytes as the file and as the in-memory writer.
            assertArrayEquals(CannonStateFile.toJson(s), CannonStateFile.toJson(back));
            if (name.endsWith(".gz")) {
                // Gzipped as several members (batches gzipped on their threads): any gunzip gives the plain file.
                try (GZIPInputStream in = new GZIPInputStream(Files.newInputStream(file))) {
                    assertArrayEquals(CannonStateFile.toJson(s), in.readAllBytes());
                }
            } else {
                assertArrayEquals(Files.readAllBytes(file), CannonStateFile.toJson(back));
            }
        }
    }

    @Test
    void loadedPagesTrackLaterWritesLikeWrittenOnes() throws IOException {
        VmState s = sequentialState();
        Path file = dir.resolve("large.json");
        CannonStateFile.write(s, file);
        VmState back = CannonStateFile.read(file);
        back.memory().merkleRoot();
        Memory.Snapshot snap = back.memory().snapshot();
        List<Integer> ps = pages(s.memory());
        int[] addrs = {ps.get(0) << Memory.PAGE_SHIFT, (ps.get(400) << Memory.PAGE_SHIFT) + 0xFFC, 0x7000_0000};
        for (int addr : addrs) {
            s.memory().setWord(addr, 0xCAFEBABE);
            back.memory().setWord(addr, 0xCAFEBABE);
            assertArrayEquals(s.memory().merkleRoot(), back.memory().merkleRoot());
        }
        // The snapshot taken before the writes kept the loaded pages as they were.
        assertEquals(0, new Memory(snap).getWord(0x7000_0000));
        assertEquals(s.memory().getWord(addrs[0]), back.memory().getWord(addrs[0]));
    }

    @Test
    void aFileOverTheLimitIsRefusedByItsSizeBeforeReading() throws IOException {
        Path huge = dir.resolve("huge.json");
        try (java.io.RandomAccessFile f = new java.io.RandomAccessFile(huge.toFile(), "rw")) {
            f.setLength(InputFiles.Limit.STATE.bytes() + 1); // sparse: zeros, which a reader would call malformed JSON
        }
        String msg = org.junit.jupiter.api.Assertions.assertThrows(IOException.class, () -> CannonStateFile.read(huge)).getMessage();
        assertTrue(msg.startsWith(huge.toString()) && msg.contains("the limit for a state file is"), msg);
    }

    private static ObjectNode entry(ObjectNode root, int i) {
        return (ObjectNode) root.get("memory").get(i);
    }

    private static String badZlib() {
        return Base64.getEncoder().encodeToString(zlib(new byte[100]));
    }

    @Test
    void aBadPageDeepInTheFileIsReportedByItsEntryAndPage() throws IOException {
        ObjectNode valid = tree(CannonStateFile.toJson(sequentialState()));
        int deep = 2 * StatePageWriter.BATCH_PAGES + 5;
        int pi = entry(valid, deep).get("index").intValue();
        String prefix = "memory[" + deep + "] (page " + pi + ", address 0x";
        assertRejects(dir.resolve("a.json"), mutate(valid, o -> entry(o, deep).put("data", badZlib())), CannonStateFile::read,
            prefix, "inflates to 100 bytes, expected 4096");
        // Base64 broken there, and a page in the last, partial batch.
        assertRejects(dir.resolve("b.json"), mutate(valid, o -> entry(o, deep).put("data", "AAA$")), CannonStateFile::read,
            prefix, "bad base64");
        int last = PAGES - 2;
        assertRejects(dir.resolve("c.json"), mutate(valid, o -> entry(o, last).put("data", badZlib())), CannonStateFile::read,
            "memory[" + last + "] (page", "expected 4096");
    }

    @Test
    void theFirstProblemInTheFileIsReportedWhateverThreadFindsIt() throws IOException {
        ObjectNode valid = tree(CannonStateFile.toJson(sequentialState()));
        int early = StatePageWriter.BATCH_PAGES - 1;
        int late = 3 * StatePageWriter.BATCH_PAGES + 2;
        // Two bad pages in different batches: the earlier one.
        assertRejects(dir.resolve("d.json"), mutate(valid, o -> {
            entry(o, early).put("data", badZlib());
            return entry(o, late).put("data", badZlib());
        }), CannonStateFile::read, "memory[" + early + "] (page");
        // A bad page, then a broken entry the parsing thread finds later on: still the bad page.
        assertRejects(dir.resolve("e.json"), mutate(valid, o -> {
            entry(o, early).put("data", badZlib());
            return entry(o, late).put("index", entry(o, 0).get("index").intValue());
        }), CannonStateFile::read, "memory[" + early + "] (page");
        assertRejects(dir.resolve("f.json"), mutate(valid, o -> {
            entry(o, early).put("data", badZlib());
            return o.put("pc", -1);
        }), CannonStateFile::read, "memory[" + early + "] (page");
        // Broken JSON after a bad page: the page (a reader going through the file in order stops there first).
        String text = mutate(valid, o -> entry(o, early).put("data", badZlib()));
        int cut = text.indexOf("\"index\"", text.indexOf("\"data\"", text.indexOf(badZlib())) + 1);
        assertTrue(cut > 0);
        assertRejects(dir.resolve("g.json"), text.substring(0, cut) + "}}}" + text.substring(cut), CannonStateFile::read,
            "memory[" + early + "] (page");
        // Only the later problem: that one.
        assertRejects(dir.resolve("h.json"), mutate(valid, o -> entry(o, late).put("index", entry(o, 0).get("index").intValue())),
            CannonStateFile::read, "memory[" + late + "].index", "duplicate page index");
    }
}
