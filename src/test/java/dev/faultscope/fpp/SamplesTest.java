package dev.faultscope.fpp;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SamplesTest {
    static final Path CLASSROOM = Path.of("samples/scenarios/classroom.json");
    static final Path LARGER = Path.of("samples/scenarios/larger.json");

    private static List<TxResult> allResults(ChainModel m) {
        return java.util.stream.LongStream.rangeClosed(1, m.lastL2Block()).boxed()
                .flatMap(n -> m.l2Block(n).results().stream()).toList();
    }

    private static long count(List<TxResult> rs, String reasonFragment) {
        return rs.stream().filter(r -> r.skipped() && r.reason().contains(reasonFragment)).count();
    }

    @Test
    void classroomIsSmallNamedAndShowsEachKindOfTransaction() throws IOException {
        ChainModel m = ChainModel.load(CLASSROOM);
        assertEquals(4, m.scenario().accountCount());
        assertTrue(m.scenario().accounts().stream().allMatch(a -> a.name() != null));
        assertEquals(7, m.lastL1Block());
        List<TxResult> rs = allResults(m);
        assertTrue(count(rs, "insufficient balance") >= 1);
        assertTrue(count(rs, "does not exist") >= 1);
        assertTrue(rs.stream().anyMatch(r -> r.tx().isDeposit() && !r.skipped()));
        // Transactions only move or add money: the total is the initial one plus the applied deposits.
        long deposits = rs.stream().filter(r -> r.tx().isDeposit() && !r.skipped()).mapToLong(r -> r.tx().amount()).sum();
        long initial = m.scenario().accounts().stream().mapToLong(Scenario.Account::balance).sum();
        assertEquals(initial + deposits, Arrays.stream(m.l2Block(7).balances()).sum());
        String text = m.render();
        assertTrue(text.contains("SKIPPED: insufficient balance: carol (2) has 20, needs 25"), text);
        assertTrue(text.contains("SKIPPED: recipient #7 does not exist"), text);
    }

    @Test
    void largerIsWhatTheGeneratorWritesAndHasInvalidTransactionsOfEveryKind() throws IOException {
        assertEquals(LargerScenarioGenerator.generate().toJson(), Files.readString(LARGER),
                "samples/scenarios/larger.json is stale: regenerate it with LargerScenarioGenerator");
        ChainModel m = ChainModel.load(LARGER);
        assertEquals(32, m.scenario().accountCount());
        assertEquals(63, m.lastL1Block());
        List<TxResult> rs = allResults(m);
        assertTrue(rs.size() >= 300, "transactions: " + rs.size());
        assertTrue(count(rs, "insufficient balance") >= 10);
        assertTrue(count(rs, "sender") >= 5);
        assertTrue(count(rs, "recipient") >= 5);
        assertTrue(m.l1Blocks().stream().filter(b -> b.number() > 0 && !b.hasBatch()).count() >= 3);
    }

    @Test
    void sampleFilesRoundTripThroughToJson() throws IOException {
        for (Path p : List.of(CLASSROOM, LARGER)) {
            Scenario s = Scenario.load(p);
            Scenario back = Scenario.parse(s.toJson().getBytes(java.nio.charset.StandardCharsets.UTF_8), null);
            assertEquals(s, back, p.toString());
            assertArrayEquals(ChainModel.of(s).outputRoot(s.lastBlock()).bytes(), ChainModel.of(back).outputRoot(s.lastBlock()).bytes());
        }
    }
}
