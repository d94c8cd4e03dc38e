package dev.faultscope.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.faultscope.crypto.Hex;
import dev.faultscope.vm.Memory;
import dev.faultscope.vm.VmState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPOutputStream;

import static dev.faultscope.io.IoTestSupport.assertRejects;
import static dev.faultscope.io.IoTestSupport.mutate;
import static dev.faultscope.io.IoTestSupport.tree;
import static dev.faultscope.io.IoTestSupport.zlib;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CannonStateFileTest {
    @TempDir
    Path dir;

    /** Pages with random bytes, one all-zero page, and the very last page of the address space. */
    private static final int[] PAGES = {0x00000, 0x00400, 0x00401, 0x7FFFD, 0x12345, 0xFFFFF};
    private static final int ZERO_PAGE = 0x12345;

    private static VmState randomState(long seed, boolean exited, int exitCode) {
        Random rnd = new Random(seed);
        VmState s = new VmState();
        for (int pi : PAGES) {
            byte[] page = new byte[Memory.PAGE_SIZE];
            if (pi != ZERO_PAGE) {
                rnd.nextBytes(page);
            }
            s.memory().setPage(pi, page);
        }
        for (int r = 1; r < 32; r++) {
            s.setRegister(r, rnd.nextInt());
        }
        byte[] key = new byte[32];
        rnd.nextBytes(key);
        s.setPreimageKey(key);
        s.setPreimageOffset(0x80000000 | rnd.nextInt(1000)); // above 2^31: must stay unsigned in JSON
        s.setPc(0xFFFFFFFC);
        s.setNextPC(0x00400000);
        s.setLo(rnd.nextInt());
        s.setHi(-1);
        s.setHeap(0x05000000);
        s.setExit(exited, exitCode);
        s.setStep(-2L); // 2^64 - 2: needs all 64 unsigned bits
        byte[] hint = new byte[7];
        rnd.nextBytes(hint);
        s.setLastHint(hint);
        return s;
    }

    private static List<Integer> pageIndices(VmState s) {
        List<Integer> out = new ArrayList<>();
        s.memory().forEachPage(out::add);
        return out;
    }

    private static void assertSameState(VmState expected, VmState actual) {
        assertArrayEquals(expected.witness(), actual.witness());
        assertArrayEquals(expected.stateHash(), actual.stateHash());
        assertEquals(pageIndices(expected), pageIndices(actual));
        for (int pi : pageIndices(expected)) {
            assertArrayEquals(expected.memory().pageBytes(pi), actual.memory().pageBytes(pi), "page " + pi);
        }
        assertArrayEquals(expected.lastHint(), actual.lastHint());
        assertTrue(expected.sameAs(actual));
    }

    @Test
    void roundTripKeepsWitnessHashPagesAndHint() throws IOException {
        for (int[] exit : new int[][] {{0, 0}, {1, 0}, {1, 1}, {1, 255}}) {
            VmState s = randomState(42 + exit[1], exit[0] == 1, exit[1]);
            Path file = dir.resolve("state-" + exit[0] + "-" + exit[1] + ".json");
            CannonStateFile.write(s, file);
            VmState back = CannonStateFile.read(file);
            assertSameState(s, back);
            assertEquals(exit[0] == 1, back.exited());
            assertEquals(exit[1], back.exitCode());
            // Re-writing what was read reproduces the file byte for byte.
            assertArrayEquals(Files.readAllBytes(file), CannonStateFile.toJson(back));
        }
    }

    @Test
    void writingTwiceGivesIdenticalBytes() throws IOException {
        VmState s = randomState(7, false, 0);
        Path a = dir.resolve("a.json");
        Path b = dir.resolve("b.json");
        CannonStateFile.write(s, a);
        CannonStateFile.write(s, b);
        assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b));
        Path ga = dir.resolve("a.json.gz");
        Path gb = dir.resolve("b.json.gz");
        CannonStateFile.write(s, ga);
        CannonStateFile.write(s, gb);
        assertArrayEquals(Files.readAllBytes(ga), Files.readAllBytes(gb));
    }

    @Test
    void writtenJsonHasCannonsShape() throws IOException {
        VmState s = randomState(3, true, 2);
        ObjectNode root = tree(CannonStateFile.toJson(s));
        assertEquals(List.of("memory", "preimageKey", "preimageOffset", "pc", "nextPC", "lo", "hi", "heap", "exit",
                "exited", "step", "registers", "lastHint"), fieldNames(root));
        // Unsigned numbers, never negative.
        assertEquals(4294967292L, root.get("pc").longValue());
        assertEquals(4294967295L, root.get("hi").longValue());
        assertEquals(new BigInteger("18446744073709551614"), root.get("step").bigIntegerValue());
        assertTrue(root.get("exited").isBoolean());
        assertEquals(2, root.get("exit").intValue());
        assertEquals(32, root.get("registers").size());
        assertEquals(Hex.encode(s.lastHint()), root.get("lastHint").textValue());
        assertEquals(Hex.encode(s.preimageKey()), root.get("preimageKey").textValue());
        // Pages ascending, each data field inflating to the page's bytes.
        ArrayNode mem = (ArrayNode) root.get("memory");
        int[] sorted = PAGES.clone();
        Arrays.sort(sorted);
        assertEquals(sorted.length, mem.size());
        for (int i = 0; i < sorted.length; i++) {
            assertEquals(sorted[i], mem.get(i).get("index").intValue());
            assertEquals(List.of("index", "data"), fieldNames(mem.get(i)));
        }
    }

    @Test
    void emptyHintIsOmittedAndReadsBackEmpty() throws IOException {
        VmState s = new VmState();
        ObjectNode root = tree(CannonStateFile.toJson(s));
        assertFalse(root.has("lastHint"));
        assertEquals(0, CannonStateFile.fromJson(CannonStateFile.toJson(s), null).lastHint().length);
    }

    @Test
    void gzipRoundTrip() throws IOException {
        VmState s = randomState(11, false, 0);
        Path gz = dir.resolve("state.json.gz");
        CannonStateFile.write(s, gz);
        byte[] raw = Files.readAllBytes(gz);
        assertEquals(0x1F, raw[0] & 0xFF);
        assertEquals(0x8B, raw[1] & 0xFF);
        assertSameState(s, CannonStateFile.read(gz));
        // A gzip file written by another tool (here: plain GZIPOutputStream) reads the same.
        Path other = dir.resolve("other.json.gz");
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(buf)) {
            out.write(CannonStateFile.toJson(s));
        }
        Files.write(other, buf.toByteArray());
        assertSameState(s, CannonStateFile.read(other));
    }

    private static String pageData(byte[] page) {
        return Base64.getEncoder().encodeToString(zlib(page));
    }

    private static String zeros32() {
        return "0x" + "00".repeat(32);
    }

    /** A Cannon-style file written by hand: one page holding 0xdeadbeef at 0x00012008. */
    @Test
    void handWrittenCannonStateLoads() throws IOException {
        byte[] page = new byte[Memory.PAGE_SIZE];
        page[8] = (byte) 0xDE;
        page[9] = (byte) 0xAD;
        page[10] = (byte) 0xBE;
        page[11] = (byte) 0xEF;
        StringBuilder regs = new StringBuilder("0");
        for (int r = 1; r < 32; r++) {
            regs.append(',').append(r == 29 ? "2147471360" : r == 31 ? "4294967295" : Integer.toString(r * 3));
        }
        String text = """
                {
                  "memory": [ { "index": 18, "data": "%s" } ],
                  "preimageKey": "0x0100000000000000000000000000000000000000000000000000000000000004",
                  "preimageOffset": 8,
                  "pc": 73728,
                  "nextPC": 73732,
                  "lo": 1,
                  "hi": 2,
                  "heap": 83886080,
                  "exit": 0,
                  "exited": false,
                  "step": 12345678901,
                  "registers": [%s],
                  "lastHint": "0x0000000568656c6c"
                }
                """.formatted(pageData(page), regs);
        Path file = dir.resolve("hand.json");
        Files.writeString(file, text);
        VmState s = CannonStateFile.read(file);

        assertEquals(0xDEADBEEF, s.memory().getWord(0x00012008));
        assertEquals(0, s.memory().getWord(0x00012004));
        assertEquals(List.of(18), pageIndices(s));
        assertEquals(0x7FFFD000, s.register(29));
        assertEquals(-1, s.register(31));
        assertEquals(15, s.register(5));
        assertArrayEquals(new byte[] {0, 0, 0, 5, 'h', 'e', 'l', 'l'}, s.lastHint());

        byte[] w = s.witness();
        // memRoot equals that of a memory where the same word was simply stored.
        Memory expected = new Memory();
        expected.setWord(0x00012008, 0xDEADBEEF);
        assertArrayEquals(expected.merkleRoot(), Arrays.copyOfRange(w, 0, 32));
        assertEquals("0x0100000000000000000000000000000000000000000000000000000000000004", Hex.encode(Arrays.copyOfRange(w, 32, 64)));
        assertEquals("0x00000008" + "00012000" + "00012004" + "00000001" + "00000002" + "05000000" + "00" + "00" + "00000002dfdc1c35",
                Hex.encode(Arrays.copyOfRange(w, 64, 98)));
        assertEquals("0x7fffd000", Hex.encode(Arrays.copyOfRange(w, 98 + 4 * 29, 98 + 4 * 30)));
        assertEquals(VmState.STATUS_UNFINISHED, s.stateHash()[0]);
    }

    /** The spec's cross-check value, reached through a hand-written file. */
    @Test
    void emptyStateFileHasSpecStateHash() throws IOException {
        String text = "{\"memory\":[],\"preimageKey\":\"" + zeros32() + "\",\"preimageOffset\":0,\"pc\":0,\"nextPC\":4,"
                + "\"lo\":0,\"hi\":0,\"heap\":0,\"exit\":0,\"exited\":false,\"step\":0,\"registers\":["
                + "0,".repeat(31) + "0],\"lastHint\":null}";
        VmState s = CannonStateFile.fromJson(text.getBytes(StandardCharsets.UTF_8), null);
        assertEquals("0x035bfc06cffac3c3e48ae14e308edd2c39314896a680ed3241eb35238e1843a0", Hex.encode(s.stateHash()));
        assertEquals(0, s.lastHint().length);
    }

    @Test
    void emptyHexHintMeansNoHint() throws IOException {
        ObjectNode base = tree(CannonStateFile.toJson(randomState(5, false, 0)));
        String text = mutate(base, o -> o.put("lastHint", "0x"));
        assertEquals(0, CannonStateFile.fromJson(text.getBytes(StandardCharsets.UTF_8), null).lastHint().length);
    }

    // ---- errors ----

    private ObjectNode valid() throws IOException {
        return tree(CannonStateFile.toJson(randomState(9, false, 0)));
    }

    private void rejects(String text, String... fragments) throws IOException {
        assertRejects(dir.resolve("bad-state.json"), text, CannonStateFile::read, fragments);
    }

    private static ObjectNode page(ObjectNode root, int i) {
        return (ObjectNode) root.get("memory").get(i);
    }

    @Test
    void malformedJsonNamesLineAndColumn() throws IOException {
        rejects("{\n  \"memory\": [],\n  \"pc\": 4,,\n}", "line 3, column 11", "malformed JSON");
        rejects("", "the file is empty");
        rejects("[1,2]", "top level", "expected a JSON object");
        rejects("{\"memory\":[]} trailing", "malformed JSON");
        rejects("{\"pc\":1,\"pc\":2}", "malformed JSON", "pc");
    }

    @Test
    void missingFieldIsNamed() throws IOException {
        for (String field : List.of("memory", "preimageKey", "preimageOffset", "pc", "nextPC", "lo", "hi", "heap", "exit",
                "exited", "step", "registers")) {
            rejects(mutate(valid(), o -> o.remove(field)), "field \"" + field + "\": missing");
        }
        rejects(mutate(valid(), o -> page(o, 2).remove("data")), "field \"memory[2].data\": missing");
        rejects(mutate(valid(), o -> page(o, 1).remove("index")), "field \"memory[1].index\": missing");
    }

    @Test
    void outOfRangeValuesAreNamed() throws IOException {
        rejects(mutate(valid(), o -> o.put("pc", -1)), "field \"pc\"", "-1 is out of range");
        rejects(mutate(valid(), o -> o.put("heap", 4294967296L)), "field \"heap\"", "4294967296 is out of range");
        rejects(mutate(valid(), o -> o.put("nextPC", 4.5)), "field \"nextPC\"", "expected an unsigned 32-bit integer, found 4.5");
        rejects(mutate(valid(), o -> o.put("lo", "7")), "field \"lo\"", "found \"7\"");
        rejects(mutate(valid(), o -> o.put("exit", 256)), "field \"exit\"", "unsigned 8-bit");
        rejects(mutate(valid(), o -> o.put("step", new BigInteger("18446744073709551616"))), "field \"step\"", "out of range");
        rejects(mutate(valid(), o -> o.put("step", -1)), "field \"step\"", "out of range");
        rejects(mutate(valid(), o -> o.put("exited", 1)), "field \"exited\"", "expected true or false, found 1");
        rejects(mutate(valid(), o -> o.put("exited", "true")), "field \"exited\"", "expected true or false");
        rejects(mutate(valid(), o -> o.putNull("pc")), "field \"pc\"", "null");
    }

    @Test
    void badRegistersAreNamed() throws IOException {
        rejects(mutate(valid(), o -> ((ArrayNode) o.get("registers")).add(0)), "field \"registers\"", "33 entries, expected 32");
        rejects(mutate(valid(), o -> ((ArrayNode) o.get("registers")).remove(31)), "field \"registers\"", "31 entries");
        rejects(mutate(valid(), o -> ((ArrayNode) o.get("registers")).set(7, -5)), "field \"registers[7]\"", "-5 is out of range");
        rejects(mutate(valid(), o -> ((ArrayNode) o.get("registers")).set(0, 1)), "field \"registers[0]\"", "r0 is always 0");
        rejects(mutate(valid(), o -> o.put("registers", "0x00")), "field \"registers\"", "expected an array");
    }

    @Test
    void badHexFieldsAreNamed() throws IOException {
        rejects(mutate(valid(), o -> o.put("preimageKey", "0x1234")), "field \"preimageKey\"", "2 bytes, expected 32");
        rejects(mutate(valid(), o -> o.put("preimageKey", "00".repeat(32))), "field \"preimageKey\"", "without 0x prefix");
        rejects(mutate(valid(), o -> o.put("lastHint", "0xzz")), "field \"lastHint\"", "not a hex digit");
        rejects(mutate(valid(), o -> o.put("lastHint", "0x123")), "field \"lastHint\"", "odd number");
    }

    @Test
    void badPageDataNamesThePage() throws IOException {
        // PAGES sorted: 0x00000, 0x00400, 0x00401, 0x12345, 0x7FFFD, 0xFFFFF
        rejects(mutate(valid(), o -> page(o, 1).put("data", "not base64!")), "memory[1] (page 1024", "bad base64");
        rejects(mutate(valid(), o -> page(o, 2).put("data", Base64.getEncoder().encodeToString(new byte[] {1, 2, 3, 4, 5}))),
                "memory[2] (page 1025", "zlib");
        byte[] good = zlib(new byte[Memory.PAGE_SIZE]);
        byte[] corrupt = good.clone();
        corrupt[corrupt.length - 1] ^= 1; // breaks the adler-32 checksum
        rejects(mutate(valid(), o -> page(o, 0).put("data", Base64.getEncoder().encodeToString(corrupt))),
                "memory[0] (page 0,", "bad zlib data");
        byte[] truncated = Arrays.copyOf(zlib(new Random(1).ints(Memory.PAGE_SIZE, 0, 256).collect(
                ByteArrayOutputStream::new, ByteArrayOutputStream::write, (a, b) -> { }).toByteArray()), 100);
        rejects(mutate(valid(), o -> page(o, 3).put("data", Base64.getEncoder().encodeToString(truncated))),
                "memory[3] (page 74565", "truncated zlib data");
        rejects(mutate(valid(), o -> page(o, 5).put("data", 17)), "field \"memory[5].data\"", "expected a string");
        rejects(mutate(valid(), o -> ((ArrayNode) o.get("memory")).add(3)), "memory[6]", "expected an object");
    }

    @Test
    void pageOfWrongSizeIsRejected() throws IOException {
        rejects(mutate(valid(), o -> page(o, 4).put("data", Base64.getEncoder().encodeToString(zlib(new byte[100])))),
                "memory[4] (page 524285, address 0x7fffd000)", "inflates to 100 bytes, expected 4096");
        rejects(mutate(valid(), o -> page(o, 4).put("data", Base64.getEncoder().encodeToString(zlib(new byte[5000])))),
                "memory[4] (page 524285", "more than 4096 bytes");
    }

    @Test
    void duplicateAndOutOfRangePageIndices() throws IOException {
        rejects(mutate(valid(), o -> page(o, 3).put("index", 1025)), "field \"memory[3].index\"", "duplicate page index 1025");
        rejects(mutate(valid(), o -> page(o, 0).put("index", 1 << 20)), "field \"memory[0].index\"", "1048576 is beyond the last page 1048575");
        rejects(mutate(valid(), o -> page(o, 0).put("index", -1)), "field \"memory[0].index\"", "out of range");
        rejects(mutate(valid(), o -> o.put("memory", 5)), "field \"memory\"", "expected an array of pages");
    }

    @Test
    void pagesInAnyOrderAreAccepted() throws IOException {
        VmState s = randomState(13, false, 0);
        ObjectNode root = tree(CannonStateFile.toJson(s));
        ArrayNode mem = (ArrayNode) root.get("memory");
        List<JsonNode> reversed = new ArrayList<>();
        mem.forEach(reversed::add);
        mem.removeAll();
        for (int i = reversed.size() - 1; i >= 0; i--) {
            mem.add(reversed.get(i));
        }
        assertSameState(s, CannonStateFile.fromJson(IoTestSupport.JSON.writeValueAsBytes(root), null));
    }

    @Test
    void corruptGzipIsReported() throws IOException {
        Path gz = dir.resolve("state.json.gz");
        CannonStateFile.write(randomState(17, false, 0), gz);
        byte[] raw = Files.readAllBytes(gz);
        Files.write(gz, Arrays.copyOf(raw, raw.length / 2));
        String msg = org.junit.jupiter.api.Assertions.assertThrows(FileFormatException.class, () -> CannonStateFile.read(gz)).getMessage();
        assertTrue(msg.startsWith(gz + ": gzip: "), msg);
    }

    private static List<String> fieldNames(JsonNode n) {
        List<String> out = new ArrayList<>();
        n.fieldNames().forEachRemaining(out::add);
        return out;
    }
}
