package dev.faultscope.io;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.faultscope.crypto.Hex;
import dev.faultscope.vm.VmState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static dev.faultscope.io.IoTestSupport.assertRejects;
import static dev.faultscope.io.IoTestSupport.mutate;
import static dev.faultscope.io.IoTestSupport.tree;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WitnessOutputTest {
    @TempDir
    Path dir;

    private static VmState exitedState() {
        VmState s = new VmState();
        s.memory().setWord(0x00400000, 0x12345678);
        s.setPc(0x00400010);
        s.setNextPC(0x00400014);
        s.setRegister(2, 4246);
        s.setExit(true, 1);
        s.setStep(0x1_0000_0005L);
        return s;
    }

    @Test
    void emptyStateMatchesSpecCrossCheck() throws IOException {
        ObjectNode root = tree(WitnessOutput.of(new VmState()).toJson());
        assertEquals(List.of("witness", "witnessHash", "step", "exited", "exitCode"), names(root));
        assertEquals("0x035bfc06cffac3c3e48ae14e308edd2c39314896a680ed3241eb35238e1843a0", root.get("witnessHash").textValue());
        assertEquals(2 + 2 * VmState.WITNESS_BYTES, root.get("witness").textValue().length());
        assertEquals(0, root.get("step").longValue());
        assertEquals(false, root.get("exited").booleanValue());
    }

    @Test
    void fieldsComeFromTheState() throws IOException {
        VmState s = exitedState();
        ObjectNode root = tree(WitnessOutput.of(s).toJson());
        assertEquals(Hex.encode(s.witness()), root.get("witness").textValue());
        assertEquals(Hex.encode(s.stateHash()), root.get("witnessHash").textValue());
        assertTrue(root.get("witnessHash").textValue().startsWith("0x01"), "exit code 1 is status INVALID");
        assertEquals(0x1_0000_0005L, root.get("step").longValue());
        assertTrue(root.get("exited").booleanValue());
        assertEquals(1, root.get("exitCode").intValue());
        s.setStep(-1L);
        assertEquals(new BigInteger("18446744073709551615"), tree(WitnessOutput.of(s).toJson()).get("step").bigIntegerValue());
    }

    @Test
    void roundTripAndConsistencyChecks() throws IOException {
        WitnessOutput w = WitnessOutput.of(exitedState());
        Path file = dir.resolve("witness.json");
        w.write(file);
        WitnessOutput back = WitnessOutput.read(file);
        assertEquals(w, back);
        assertArrayEquals(w.witness(), back.witness());

        ObjectNode v = tree(w.toJson());
        Path bad = dir.resolve("bad-witness.json");
        assertRejects(bad, mutate(v, o -> o.put("exitCode", 0)), WitnessOutput::read, "field \"exitCode\"", "0 differs");
        assertRejects(bad, mutate(v, o -> o.put("exited", false)), WitnessOutput::read, "field \"exited\"", "differs");
        assertRejects(bad, mutate(v, o -> o.put("step", 5)), WitnessOutput::read, "field \"step\"", "5 differs");
        assertRejects(bad, mutate(v, o -> o.put("witnessHash", "0x" + "11".repeat(32))), WitnessOutput::read,
                "field \"witnessHash\"", "not the state hash");
        assertRejects(bad, mutate(v, o -> o.put("witness", "0x00")), WitnessOutput::read, "field \"witness\"", "1 bytes, expected 226");
    }

    private static List<String> names(ObjectNode n) {
        List<String> out = new ArrayList<>();
        n.fieldNames().forEachRemaining(out::add);
        return out;
    }
}
