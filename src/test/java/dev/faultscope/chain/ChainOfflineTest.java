package dev.faultscope.chain;

import dev.faultscope.fpp.Bytes32;
import dev.faultscope.game.Anchor;
import dev.faultscope.game.GameConfig;
import dev.faultscope.game.RulesVersion;
import dev.faultscope.io.FileFormatException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the chain package does without a node: revert names, calldata, rules by version, snapshot errors. */
class ChainOfflineTest {
    @Test
    void revertDataIsNamedBySelectorErrorStringAndPanic() {
        assertEquals("ClockTimeExceeded", RevertReasons.describe(RevertReasons.selector("ClockTimeExceeded()")));
        assertEquals("UnexpectedRootClaim", RevertReasons.describe("\"" + RevertReasons.selector("UnexpectedRootClaim(bytes32)")
            + "00".repeat(32) + "\""));
        String error = "0x08c379a0" + "%064x".formatted(32) + "%064x".formatted(5) + "68656c6c6f" + "00".repeat(27);
        assertEquals("Error(\"hello\")", RevertReasons.describe(error));
        assertEquals("Panic(0x32)", RevertReasons.describe("0x4e487b71" + "%064x".formatted(0x32)));
        assertEquals("revert without data", RevertReasons.describe("0x"));
        assertEquals("unknown error 0xdeadbeef", RevertReasons.describe("0xdeadbeef"));
    }

    @Test
    void calldataIsTheAbiEncodingWithTheBondAsValue() {
        String game = "0x00000000000000000000000000000000000000aa";
        Calldata.Tx tx = Calldata.attack(game, Bytes32.ZERO, 3, Bytes32.ZERO, java.math.BigInteger.TEN);
        assertEquals(RevertReasons.selector("attack(bytes32,uint256,bytes32)") + "00".repeat(32) + "%064x".formatted(3)
            + "00".repeat(32), tx.data());
        assertEquals("to: " + game + "\nvalue: 10\ndata: " + tx.data() + "\n", tx.cast());
        assertEquals(RevertReasons.selector("resolve()"), Calldata.resolve(game).data());
    }

    @Test
    void version120KeepsAClockThat131WouldExtend() {
        GameConfig cfg = GameConfig.custom(8, 4, 1_000, 100, 300, Bytes32.ZERO, new Anchor(0, Bytes32.ZERO), Bytes32.ZERO, 1);
        // Just above the split (depth S − 1 = 3): 1.3.1 extends from 801 s, 1.2.0 only from 901 s.
        assertEquals(800, RulesVersion.V1_3_1.nextDuration(850, cfg, 3));
        assertEquals(850, RulesVersion.V1_2_0.nextDuration(850, cfg, 3));
        assertEquals(800, RulesVersion.V1_2_0.nextDuration(950, cfg, 3));
        // Before a step (depth M − 1 = 7): 1.3.1 adds the challenge period, 1.2.0 does not.
        assertEquals(600, RulesVersion.V1_3_1.nextDuration(700, cfg, 7));
        assertEquals(700, RulesVersion.V1_2_0.nextDuration(700, cfg, 7));
        assertEquals(RulesVersion.V1_3_1, RulesVersion.forVersion("1.3.1").orElseThrow());
        assertTrue(RulesVersion.forVersion("1.4.0").isEmpty());
    }

    @Test
    void aDamagedSnapshotNamesTheFileAndTheField(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("s.json");
        Files.writeString(f, "{\"kind\":\"faultscope-chain-snapshot\",\"version\":1,\"claims\":[{\"index\":0}]}");
        FileFormatException e = assertThrows(FileFormatException.class, () -> ChainSnapshotFile.read(f));
        assertTrue(e.getMessage().contains("s.json") && e.getMessage().contains("claims[0].parentIndex"), e.getMessage());
        Files.writeString(f, "{\"kind\":\"something else\"}");
        e = assertThrows(FileFormatException.class, () -> ChainSnapshotFile.read(f));
        assertTrue(e.getMessage().contains("kind"), e.getMessage());
        assertTrue(!ChainSnapshotFile.isSnapshot(f));
    }

    @Test
    void aBadUrlIsRefusedBeforeAnyRequest() {
        ChainException e = assertThrows(ChainException.class, () -> Rpc.connect("localhost:8545"));
        assertTrue(e.getMessage().startsWith("RPC URL localhost:8545"), e.getMessage());
    }
}
