package dev.faultscope.io;

import dev.faultscope.crypto.Hex;
import dev.faultscope.oracle.MissingPreimage;
import dev.faultscope.oracle.PreimageKeys;
import dev.faultscope.oracle.PreimageSources;
import dev.faultscope.oracle.PreimageStore;
import dev.faultscope.vm.Mips32Emulator;
import dev.faultscope.vm.TraceCursor;
import dev.faultscope.vm.VmFault;
import dev.faultscope.vm.VmState;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A state taken in the middle of the fault proof program's run goes on to the end from each kind of source. */
class PreimageSourcesTest {
    static final long MID = 200_000;

    @TempDir
    static Path dir;
    static Path midState;
    static byte[] finalHash;

    @BeforeAll
    static void snapshot() throws IOException {
        VmState s = TraceFixture.program().state();
        Mips32Emulator emu = new Mips32Emulator(s, TraceFixture.hostSources());
        emu.run(MID);
        midState = dir.resolve("state-" + MID + ".json");
        CannonStateFile.write(s, midState);
        emu.run(Long.MAX_VALUE);
        assertTrue(s.exited());
        finalHash = s.stateHash();
    }

    private static VmState runToEnd(PreimageSources sources) throws IOException {
        VmState s = CannonStateFile.read(midState);
        assertEquals(MID, s.step());
        new Mips32Emulator(s, sources.stepCounter(s::step)).run(Long.MAX_VALUE);
        return s;
    }

    @Test
    void theScenariosHostServesTheRestOfTheRun() throws IOException {
        assertArrayEquals(finalHash, runToEnd(TraceFixture.hostSources()).stateHash());
    }

    @Test
    void anOpProgramStyleDirectoryServesTheRestOfTheRun() throws IOException {
        Path store = Files.createDirectory(dir.resolve("datadir"));
        // op-program's file store: 0x<key>.txt holding the value as hex text without a prefix.
        for (Map.Entry<byte[], byte[]> e : TraceFixture.eagerStore().entries().entrySet()) {
            Files.writeString(store.resolve(Hex.encode(e.getKey()) + ".txt"), Hex.encode(e.getValue()).substring(2));
        }
        PreimageSources sources = new PreimageSources(PreimageSourceFiles.open(store));
        assertArrayEquals(finalHash, runToEnd(sources).stateHash());
        Files.move(store, dir.resolve("preimages"));
        assertEquals(dir.resolve("preimages").toAbsolutePath(), PreimageSourceFiles.preimageDirNextTo(midState));
        Files.move(dir.resolve("preimages"), store);
    }

    @Test
    void ourDirectoryAndJsonFilesServeItToo() throws IOException {
        Path raw = Files.createDirectory(dir.resolve("raw"));
        StringBuilder json = new StringBuilder("{");
        for (Map.Entry<byte[], byte[]> e : TraceFixture.eagerStore().entries().entrySet()) {
            Files.write(raw.resolve(Hex.encode(e.getKey())), e.getValue());
            json.append(json.length() > 1 ? "," : "").append('"').append(Hex.encode(e.getKey())).append("\":\"")
                .append(Hex.encode(e.getValue())).append('"');
        }
        Path file = dir.resolve("preimages.json");
        Files.writeString(file, json.append('}'));
        assertArrayEquals(finalHash, runToEnd(new PreimageSources(PreimageSourceFiles.open(raw))).stateHash());
        assertArrayEquals(finalHash, runToEnd(new PreimageSources(PreimageSourceFiles.open(file))).stateHash());
    }

    @Test
    void sourcesAreSearchedInOrderAndAWrongKeccakPreimageIsSkipped() throws IOException {
        PreimageStore good = TraceFixture.eagerStore();
        byte[] key = good.entries().keySet().stream().filter(k -> PreimageKeys.type(k) == PreimageKeys.TYPE_KECCAK).findFirst().orElseThrow();
        dev.faultscope.oracle.PreimageOracle wrong = k -> java.util.Arrays.equals(k, key) ? "wrong".getBytes(StandardCharsets.UTF_8) : null;
        dev.faultscope.oracle.PreimageOracle right = k -> java.util.Arrays.equals(k, key) ? good.preimage(key) : null;
        PreimageSources sources = new PreimageSources(dev.faultscope.oracle.PreimageSource.of(wrong, "wrong"),
            dev.faultscope.oracle.PreimageSource.of(right, "right"), dev.faultscope.oracle.PreimageSource.of(good, "all"));
        assertArrayEquals(good.preimage(key), sources.preimage(key));
        assertEquals(1, sources.served().size());
    }

    @Test
    void aMissingPreimageStopsTheRunWithTheKeyItsTypeAndTheHintAndStepsBack() throws IOException {
        VmState s = CannonStateFile.read(midState);
        PreimageSources none = new PreimageSources();
        TraceCursor cursor = new TraceCursor(s, none.stepCounter(() -> -1));
        VmFault fault = assertThrows(VmFault.class, () -> cursor.run(Long.MAX_VALUE, null));
        long stoppedAt = cursor.step();
        assertEquals(fault.step(), stoppedAt);
        MissingPreimage miss = none.lastMiss();
        assertNotNull(miss);
        assertEquals(PreimageKeys.TYPE_KECCAK, miss.type());
        assertArrayEquals(cursor.state().preimageKey(), miss.key());
        assertTrue(miss.hint() != null && miss.hint().endsWith(Hex.encode(miss.key()).substring(4)), miss.message());
        assertTrue(miss.message().contains("(type 2, keccak256)") && miss.message().contains("add a source"), miss.message());
        // The run is still there: one step back, and forward again to the same place.
        byte[] at = cursor.state().stateHash();
        assertTrue(cursor.stepBack());
        assertEquals(stoppedAt - 1, cursor.step());
        cursor.seek(stoppedAt);
        assertArrayEquals(at, cursor.state().stateHash());
    }
}
