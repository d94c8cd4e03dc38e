package dev.faultscope.io;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.faultscope.oracle.PreimageOracle;
import dev.faultscope.oracle.PreimageStore;
import dev.faultscope.vm.Mips32Emulator;
import dev.faultscope.vm.StepProof;
import dev.faultscope.vm.VmState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static dev.faultscope.io.IoTestSupport.assertRejects;
import static dev.faultscope.io.IoTestSupport.mutate;
import static dev.faultscope.io.IoTestSupport.tree;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CannonProofFileTest {
    @TempDir
    Path dir;

    private static final byte[] PREIMAGE = "a pre-image the program reads".getBytes(StandardCharsets.US_ASCII);

    /** A real proof of an ALU step: addiu $t0, $zero, 5 at pc 0x1000 (no pre-image). */
    private static StepProof aluProof() {
        VmState s = new VmState();
        s.memory().setWord(0x1000, 0x24080005);
        s.setPc(0x1000);
        s.setNextPC(0x1004);
        s.setStep(41);
        return new Mips32Emulator(s, PreimageOracle.NONE).stepWithProof();
    }

    /** A real proof of a pre-image read: read(5, 0x2000, 4) at the given offset into {@code uint64 len ‖ data}. */
    private static StepProof preimageReadProof(int offset) {
        PreimageStore store = new PreimageStore();
        byte[] key = store.putKeccak(PREIMAGE);
        VmState s = new VmState();
        s.memory().setWord(0x1000, 0x0000000C);
        s.setPc(0x1000);
        s.setNextPC(0x1004);
        s.setRegister(2, 4003);
        s.setRegister(4, 5);
        s.setRegister(5, 0x2000);
        s.setRegister(6, 4);
        s.setPreimageKey(key);
        s.setPreimageOffset(offset);
        s.setStep(7);
        return new Mips32Emulator(s, store).stepWithProof();
    }

    private static void assertSameProof(StepProof a, StepProof b) {
        assertEquals(a.step(), b.step());
        assertArrayEquals(a.pre(), b.pre());
        assertArrayEquals(a.post(), b.post());
        assertArrayEquals(a.stateData(), b.stateData());
        assertArrayEquals(a.proofData(), b.proofData());
        assertArrayEquals(a.oracleKey(), b.oracleKey());
        assertArrayEquals(a.oracleValue(), b.oracleValue());
        assertEquals(a.oracleOffset(), b.oracleOffset());
    }

    @Test
    void proofWithoutOracleRoundTrips() throws IOException {
        StepProof p = aluProof();
        assertFalse(p.readsPreimage());
        Path file = dir.resolve("41.json");
        CannonProofFile.write(p, file);
        ObjectNode root = tree(Files.readAllBytes(file));
        assertEquals(List.of("step", "pre", "post", "state-data", "proof-data"), names(root));
        assertEquals(41, root.get("step").longValue());
        assertEquals(2 + 2 * 1792, root.get("proof-data").textValue().length());
        StepProof back = CannonProofFile.read(file);
        assertSameProof(p, back);
        assertNull(back.oracleKey());
        assertArrayEquals(Files.readAllBytes(file), CannonProofFile.toJson(back));
    }

    @Test
    void proofWithOracleRoundTrips() throws IOException {
        for (int offset : new int[] {0, 8, 12}) {
            StepProof p = preimageReadProof(offset);
            assertTrue(p.readsPreimage(), "the step reads fd 5");
            Path file = dir.resolve("proof-" + offset + ".json.gz");
            CannonProofFile.write(p, file);
            StepProof back = CannonProofFile.read(file);
            assertSameProof(p, back);
            assertEquals(offset, back.oracleOffset());
            // oracle-value is the length-prefixed pre-image.
            assertEquals(PREIMAGE.length, (int) readLong(back.oracleValue(), 0));
            assertArrayEquals(PREIMAGE, Arrays.copyOfRange(back.oracleValue(), 8, back.oracleValue().length));
            ObjectNode root = tree(CannonProofFile.toJson(p));
            assertEquals(List.of("step", "pre", "post", "state-data", "proof-data", "oracle-key", "oracle-value", "oracle-offset"),
                    names(root));
        }
    }

    @Test
    void missingOracleOffsetMeansZeroAsCannonOmitsIt() throws IOException {
        StepProof p = preimageReadProof(0);
        String text = mutate(tree(CannonProofFile.toJson(p)), o -> o.remove("oracle-offset"));
        StepProof back = CannonProofFile.fromJson(text.getBytes(StandardCharsets.UTF_8), null);
        assertEquals(0, back.oracleOffset());
        assertArrayEquals(p.oracleKey(), back.oracleKey());
    }

    @Test
    void writingTwiceGivesIdenticalBytes() throws IOException {
        StepProof p = preimageReadProof(8);
        assertArrayEquals(CannonProofFile.toJson(p), CannonProofFile.toJson(preimageReadProof(8)));
    }

    @Test
    void writerRefusesWrongLengths() {
        StepProof p = aluProof();
        StepProof shortProof = new StepProof(p.step(), p.pre(), p.post(), p.stateData(), new byte[100], null, null, 0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CannonProofFile.toJson(shortProof));
        assertTrue(e.getMessage().contains("proof-data has 100 bytes, expected 1792"), e.getMessage());
    }

    // ---- errors ----

    private void rejects(String text, String... fragments) throws IOException {
        assertRejects(dir.resolve("bad-proof.json"), text, CannonProofFile::read, fragments);
    }

    @Test
    void wrongLengthsAreNamed() throws IOException {
        ObjectNode v = tree(CannonProofFile.toJson(aluProof()));
        String stateData = v.get("state-data").textValue();
        String proofData = v.get("proof-data").textValue();
        rejects(mutate(v, o -> o.put("state-data", stateData + "00")), "field \"state-data\"", "227 bytes, expected 226");
        rejects(mutate(v, o -> o.put("proof-data", proofData.substring(0, proofData.length() - 64))),
                "field \"proof-data\"", "1760 bytes, expected 1792");
        rejects(mutate(v, o -> o.put("pre", "0x1234")), "field \"pre\"", "2 bytes, expected 32");
        rejects(mutate(v, o -> o.put("post", "0x" + "ab".repeat(33))), "field \"post\"", "33 bytes, expected 32");
        rejects(mutate(v, o -> o.remove("proof-data")), "field \"proof-data\": missing");
        rejects(mutate(v, o -> o.put("step", -3)), "field \"step\"", "out of range");
        rejects("{\"step\":1,", "line 1", "malformed JSON");
    }

    @Test
    void inconsistentProofIsRejected() throws IOException {
        ObjectNode v = tree(CannonProofFile.toJson(aluProof()));
        rejects(mutate(v, o -> o.put("step", 40)), "field \"step\"", "40 differs from the step 41 in state-data");
        rejects(mutate(v, o -> o.put("pre", "0x" + "00".repeat(32))), "field \"pre\"", "not the state hash of state-data");
        String sd = v.get("state-data").textValue();
        // Byte 89 (exited) set to 2: hex digits 2 + 2*89.
        String badExited = sd.substring(0, 2 + 2 * 89) + "02" + sd.substring(2 + 2 * 90);
        rejects(mutate(v, o -> o.put("state-data", badExited)), "field \"state-data\"", "exited byte (offset 89) is 2");
    }

    @Test
    void badOracleFieldsAreNamed() throws IOException {
        ObjectNode v = tree(CannonProofFile.toJson(preimageReadProof(8)));
        rejects(mutate(v, o -> o.remove("oracle-value")), "field \"oracle-value\": missing");
        rejects(mutate(v, o -> o.put("oracle-value", "0x0102")), "field \"oracle-value\"", "8-byte length prefix");
        rejects(mutate(v, o -> o.put("oracle-key", "0x02")), "field \"oracle-key\"", "1 bytes, expected 32");
        rejects(mutate(v, o -> o.remove("oracle-key")), "field \"oracle-key\"", "missing");
        rejects(mutate(v, o -> o.put("oracle-offset", 4294967296L)), "field \"oracle-offset\"", "out of range");
    }

    private static long readLong(byte[] b, int off) {
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = v << 8 | (b[off + i] & 0xFF);
        }
        return v;
    }

    private static List<String> names(ObjectNode n) {
        List<String> out = new ArrayList<>();
        n.fieldNames().forEachRemaining(out::add);
        return out;
    }
}
