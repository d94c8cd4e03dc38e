package dev.faultscope.io;

import dev.faultscope.cli.StepPattern;
import dev.faultscope.crypto.Hex;
import dev.faultscope.oracle.PreimageKeys;
import dev.faultscope.oracle.PreimageStore;
import dev.faultscope.vm.VmState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The formats accept exactly what they say: ASCII hex, unsigned numbers, padded base64, checked pre-images, bounded files. */
class StrictParsingTest {
    @TempDir
    Path dir;

    @Test
    void hexTakesAsciiDigitsOnly() {
        assertArrayEquals(new byte[] {(byte) 0xAB, 0x01}, Hex.decode("0xAb01"));
        for (String s : new String[] {"0x\u0661\u0661", "0x\uFF21\uFF22", "0x0g"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Hex.decode(s));
            assertTrue(e.getMessage().contains("not a hex digit"), e.getMessage());
        }
    }

    @Test
    void jsonNumbersCarryNoSignNotEvenMinusZero() throws IOException {
        byte[] json = CannonStateFile.toJson(new VmState());
        String text = new String(json, StandardCharsets.UTF_8);
        Path p = dir.resolve("s.json");
        Files.writeString(p, text.replace("\"heap\":0", "\"heap\":-0"));
        FileFormatException e = assertThrows(FileFormatException.class, () -> CannonStateFile.read(p));
        assertTrue(e.getMessage().contains("negative zero") && e.getMessage().startsWith(p.toString()), e.getMessage());
        // The parser wrapper keeps the other strict rules: trailing content is still an error.
        Files.writeString(p, text.strip() + "{}");
        assertThrows(FileFormatException.class, () -> CannonStateFile.read(p));
        Files.writeString(p, text);
        assertEquals(0, CannonStateFile.read(p).heap());
    }

    @Test
    void statePagesNeedBase64Padding() throws IOException {
        String page = java.util.Base64.getEncoder().encodeToString(IoTestSupport.zlib(new byte[4096]));
        assertTrue(page.endsWith("="), "this page's base64 has padding: " + page);
        String text = new String(CannonStateFile.toJson(new VmState()), StandardCharsets.UTF_8)
            .replace("\"memory\":[]", "\"memory\":[{\"index\":5,\"data\":\"" + page.replace("=", "") + "\"}]");
        Path p = dir.resolve("s.json");
        Files.writeString(p, text);
        FileFormatException e = assertThrows(FileFormatException.class, () -> CannonStateFile.read(p));
        assertTrue(e.getMessage().contains("padding"), e.getMessage());
        Files.writeString(p, text.replace(page.replace("=", ""), page));
        assertTrue(CannonStateFile.read(p).memory().hasPage(5));
    }

    @Test
    void preimagesAreCheckedAsFarAsTheirKeyAllows() {
        PreimageStore store = new PreimageStore();
        byte[] data = "data".getBytes(StandardCharsets.UTF_8);
        store.put(PreimageKeys.keccakKey(data), data);
        store.put(PreimageKeys.sha256Key(data), data);
        store.put(PreimageKeys.localKey(3), data);
        assertEquals(3, store.size());
        byte[] wrongSha = PreimageKeys.sha256Key("other".getBytes(StandardCharsets.UTF_8));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> store.put(wrongSha, data)).getMessage().contains("sha256"));
        byte[] flipped = PreimageKeys.keccakKey(data);
        flipped[0] = 6; // the type byte 2 → 6 must not turn the check off
        for (int type : new int[] {0, 3, 5, 6, 7, 0xFF}) {
            byte[] key = flipped.clone();
            key[0] = (byte) type;
            assertThrows(IllegalArgumentException.class, () -> store.put(key, data), "type " + type);
        }
        byte[] notLocal = PreimageKeys.keccakKey(data);
        notLocal[0] = 1; // a keccak key flipped to the local type is not a local key's form
        assertThrows(IllegalArgumentException.class, () -> store.put(notLocal, data));
        assertEquals(3, store.size());
    }

    @Test
    void stepPatternsTakeAsciiDigitsWithoutSign() {
        assertEquals(5, StepPattern.parse("=5").n());
        for (String s : new String[] {"=+5", "=-5", "%\u0661", "= 5"}) {
            assertThrows(IllegalArgumentException.class, () -> StepPattern.parse(s), s);
        }
    }

    @Test
    void inputFilesAreBoundedAndRegular() throws Exception {
        Path huge = dir.resolve("huge.json");
        try (RandomAccessFile f = new RandomAccessFile(huge.toFile(), "rw")) {
            f.setLength(InputFiles.Limit.PROOF.bytes() + 1);
        }
        IOException big = assertThrows(IOException.class, () -> CannonProofFile.read(huge));
        assertTrue(big.getMessage().startsWith(huge + ": too large") && big.getMessage().contains("64 MiB"), big.getMessage());

        Path bomb = dir.resolve("bomb.json.gz");
        try (GZIPOutputStream gz = new GZIPOutputStream(Files.newOutputStream(bomb))) {
            byte[] zeros = new byte[1 << 20];
            for (int i = 0; i <= 64; i++) {
                gz.write(zeros);
            }
        }
        IOException bombed = assertThrows(IOException.class, () -> CannonProofFile.read(bomb));
        assertTrue(bombed.getMessage().contains("once gunzipped"), bombed.getMessage());

        IOException folder = assertThrows(IOException.class, () -> CannonMetaFile.read(dir));
        assertEquals(dir + ": is a directory, expected a meta file", folder.getMessage());
        IOException device = assertThrows(IOException.class, () -> SessionFile.read(Path.of("/dev/zero")));
        assertTrue(device.getMessage().contains("not a regular file"), device.getMessage());
        IOException missing = assertThrows(IOException.class, () -> CannonStateFile.read(dir.resolve("nope.json")));
        assertEquals(dir.resolve("nope.json") + ": no such file", missing.getMessage());
    }
}
