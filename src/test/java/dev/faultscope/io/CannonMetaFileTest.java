package dev.faultscope.io;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.faultscope.vm.Symbols;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static dev.faultscope.io.IoTestSupport.assertRejects;
import static dev.faultscope.io.IoTestSupport.mutate;
import static dev.faultscope.io.IoTestSupport.tree;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CannonMetaFileTest {
    @TempDir
    Path dir;

    private static final Symbols SYMBOLS = new Symbols(List.of(
            new Symbols.Symbol("runtime.main", 0x00012340, 0x200),
            new Symbols.Symbol("_start", 0x00010000, 0x40),
            new Symbols.Symbol("runtime.(*gcControllerState).commit", 0x00020000, 0x88),
            new Symbols.Symbol("high \"quoted\" name", 0xFFFFFF00, 0xFFFFFFFF)));

    @Test
    void roundTripKeepsSymbolsInAddressOrder() throws IOException {
        Path file = dir.resolve("meta.json");
        CannonMetaFile.write(SYMBOLS, file);
        ObjectNode root = tree(Files.readAllBytes(file));
        ArrayNode arr = (ArrayNode) root.get("symbols");
        assertEquals("_start", arr.get(0).get("name").textValue());
        assertEquals(0x00010000, arr.get(0).get("start").intValue());
        assertEquals(4294967040L, arr.get(3).get("start").longValue());
        assertEquals(4294967295L, arr.get(3).get("size").longValue());
        Symbols back = CannonMetaFile.read(file);
        assertEquals(SYMBOLS.all(), back.all());
        assertEquals("runtime.main", back.lookup(0x00012345).orElseThrow().name());
        assertArrayEquals(Files.readAllBytes(file), CannonMetaFile.toJson(back));
    }

    @Test
    void gzipAndEmptyAndNull() throws IOException {
        Path gz = dir.resolve("meta.json.gz");
        CannonMetaFile.write(SYMBOLS, gz);
        assertEquals(SYMBOLS.all(), CannonMetaFile.read(gz).all());
        assertTrue(CannonMetaFile.fromJson("{\"symbols\":[]}".getBytes(StandardCharsets.UTF_8), null).isEmpty());
        // Go marshals a nil slice as null.
        assertTrue(CannonMetaFile.fromJson("{\"symbols\":null}".getBytes(StandardCharsets.UTF_8), null).isEmpty());
    }

    @Test
    void badSymbolsAreNamed() throws IOException {
        Path file = dir.resolve("bad-meta.json");
        ObjectNode v = tree(CannonMetaFile.toJson(SYMBOLS));
        assertRejects(file, "{}", CannonMetaFile::read, "field \"symbols\": missing");
        assertRejects(file, "{\"symbols\":{}}", CannonMetaFile::read, "field \"symbols\"", "expected an array");
        assertRejects(file, mutate(v, o -> ((ObjectNode) o.get("symbols").get(2)).remove("size")), CannonMetaFile::read,
                "field \"symbols[2].size\": missing");
        assertRejects(file, mutate(v, o -> ((ObjectNode) o.get("symbols").get(1)).put("start", -16)), CannonMetaFile::read,
                "field \"symbols[1].start\"", "out of range");
        assertRejects(file, mutate(v, o -> ((ObjectNode) o.get("symbols").get(0)).put("name", 5)), CannonMetaFile::read,
                "field \"symbols[0].name\"", "expected a string");
        assertRejects(file, mutate(v, o -> ((ArrayNode) o.get("symbols")).add("x")), CannonMetaFile::read,
                "symbols[4]", "expected an object");
    }
}
