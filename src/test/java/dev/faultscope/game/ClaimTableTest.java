package dev.faultscope.game;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.faultscope.fpp.Bytes32;
import dev.faultscope.io.SessionFile;
import dev.faultscope.oracle.PreimageOracle;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.faultscope.game.GameFixtures.ANCHOR;
import static dev.faultscope.game.GameFixtures.CHAIN_ID;
import static dev.faultscope.game.GameFixtures.L1_HEAD;
import static dev.faultscope.game.GameFixtures.config;
import static dev.faultscope.game.GameFixtures.move;
import static dev.faultscope.game.GameFixtures.resolveAllClaims;
import static dev.faultscope.game.GameFixtures.snapshot;
import static dev.faultscope.game.GameFixtures.v;
import static dev.faultscope.game.TinyTrace.A0;
import static dev.faultscope.game.TinyTrace.T0;
import static dev.faultscope.game.TinyTrace.T1;
import static dev.faultscope.game.TinyTrace.V0;
import static dev.faultscope.game.TinyTrace.addiu;
import static dev.faultscope.game.TinyTrace.syscall;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ClaimTableTest {
    private static final JsonMapper JSON = new JsonMapper();

    /** Root; challenger attacks it (1); proposer defends 1 (2) and attacks 1 (3). M = 5, S = 2. */
    private static FaultDisputeGame attackAndDefend() {
        FaultDisputeGame g = new FaultDisputeGame(config(5, 2), v("root"), 110, "proposer", 1000);
        move(g, 0, v("c1"), true, "challenger", 1100);
        move(g, 1, v("c2"), false, "proposer", 1200);
        move(g, 1, v("c3"), true, "proposer", 1250);
        return g;
    }

    /** The cells of the table line for claim {@code index} (columns are separated by two or more spaces). */
    private static List<String> row(String table, int index) {
        for (String line : table.lines().toList()) {
            String[] cells = line.strip().split("\\s{2,}");
            if (cells[0].equals(Integer.toString(index))) {
                return List.of(cells);
            }
        }
        throw new AssertionError("no row " + index + " in\n" + table);
    }

    @Test
    void moveKindComesFromTheParentRelationNotFromParity() {
        FaultDisputeGame g = attackAndDefend();
        // Both children of claim 1 sit at even positions: parity cannot tell them apart.
        assertFalse(g.claim(2).position().gindex().testBit(0));
        assertFalse(g.claim(3).position().gindex().testBit(0));
        assertEquals("Root", ClaimTable.moveKind(g, 0));
        assertEquals("Attack", ClaimTable.moveKind(g, 1));
        assertEquals("Defend", ClaimTable.moveKind(g, 2));
        assertEquals("Attack", ClaimTable.moveKind(g, 3));

        String table = ClaimTable.of(g).table();
        // Idx, Move, Parent, Depth, Trace (at M = 5: attack → T − 2^(M−d−1), defend → T + 2^(M−d−1)), Value, Claimant
        assertEquals(List.of("1", "Attack", "0", "1", "15", g.claim(1).value().shortHex(), "challenger"), row(table, 1).subList(0, 7));
        assertEquals(List.of("2", "Defend", "1", "2", "23", g.claim(2).value().shortHex(), "proposer"), row(table, 2).subList(0, 7));
        assertEquals(List.of("3", "Attack", "1", "2", "7", g.claim(3).value().shortHex(), "proposer"), row(table, 3).subList(0, 7));
        assertEquals("Root", row(table, 0).get(1));
        assertTrue(table.startsWith("Status: IN_PROGRESS • L2 blocks: 100 to 110 • Split depth: 2 • Max depth: 5 • Claims: 4"), table);
        assertEquals(ClaimTable.eth(g.claim(2).bond()), row(table, 2).get(7));
        assertEquals("-", row(table, 2).get(9));
    }

    @Test
    void clocksShowTheCounteringTeamsUsedTimeAndExpiry() {
        FaultDisputeGame g = attackAndDefend();
        // At t=1250 claim 3 (made at 1250) has been open 0 s; its counter (the challenger) had used 100 s on claim 1.
        ClaimTable at = ClaimTable.of(g, 1250);
        ClaimTable.Row r3 = at.rows().get(3);
        assertEquals(g.challengerDuration(3, 1250), r3.challengerDuration());
        assertEquals(100, r3.challengerDuration());
        assertFalse(r3.expired());
        assertEquals("1m 40s (58m 20s left)", row(at.table(), 3).get(8));

        long late = g.resolvableAt(0);
        ClaimTable expired = ClaimTable.of(g, late);
        for (ClaimTable.Row r : expired.rows()) {
            assertTrue(r.expired(), "claim " + r.index());
            assertEquals(0, r.timeLeft());
        }
        assertEquals("1h 0m 0s expired", row(expired.table(), 0).get(8));
    }

    @Test
    void formatsForPeople() {
        assertEquals("1h 2m 3s", ClaimTable.duration(3723));
        assertEquals("84h 0m 0s", ClaimTable.duration(302_400));
        assertEquals("2m 0s", ClaimTable.duration(120));
        assertEquals("0s", ClaimTable.duration(0));
        assertEquals("0.08", ClaimTable.eth(new BigInteger("80000000000000000")));
        assertEquals("3", ClaimTable.eth(new BigInteger("3000000000000000000")));
        assertEquals("0.000000000000000001", ClaimTable.eth(BigInteger.ONE));
        assertEquals("0", ClaimTable.eth(BigInteger.ZERO));
        // M = 8, depth 2 (dispute-game.md section 6): every digit kept.
        assertEquals("0.418654", ClaimTable.eth(Bonds.requiredBond(2, 8)));
    }

    @Test
    void summaryNamesTheWinnerAndEveryCredit() {
        FaultDisputeGame g = attackAndDefend();
        String open = ClaimTable.of(g).summary();
        assertTrue(open.contains("Resolution: not yet\n"), open);
        assertTrue(open.contains("Winner: none yet"), open);
        assertTrue(open.contains("Resolvable from t=" + g.resolvableAt(0)), open);

        long end = g.resolvableAt(0);
        resolveAllClaims(g, end);
        g.resolve(end);
        String done = ClaimTable.of(g).text();
        assertTrue(done.contains("Resolution: DEFENDER_WINS at t=" + end + "\n"), done);
        assertTrue(done.contains("Winner: defender: the root claim by proposer stands"), done);
        for (Map.Entry<String, BigInteger> e : g.credits().entrySet()) {
            assertTrue(done.lines().anyMatch(l -> l.strip().matches(e.getKey() + "\\s+" + ClaimTable.eth(e.getValue()).replace(".", "\\.") + " ETH")),
                e.getKey() + " in\n" + done);
        }
        // After resolution claim 1 is countered by the claimant of its left-most uncountered child (claim 3).
        assertEquals("proposer", row(done, 1).get(9));

        FaultDisputeGame lost = new FaultDisputeGame(config(5, 2), v("root"), 110, "proposer", 1000);
        move(lost, 0, v("c1"), true, "challenger", 1100);
        long t = lost.resolvableAt(0);
        resolveAllClaims(lost, t);
        lost.resolve(t);
        assertTrue(ClaimTable.of(lost).summary().contains("Winner: challenger: the root claim by proposer was countered by challenger"));
    }

    @Test
    void jsonHasOneObjectPerClaimWithFullValues() throws Exception {
        FaultDisputeGame g = attackAndDefend();
        JsonNode doc = JSON.readTree(ClaimTable.of(g).json());
        assertEquals("IN_PROGRESS", doc.get("status").textValue());
        JsonNode claims = doc.get("claims");
        assertEquals(g.claimCount(), claims.size());
        for (int i = 0; i < g.claimCount(); i++) {
            JsonNode c = claims.get(i);
            Claim k = g.claim(i);
            assertEquals(i, c.get("index").intValue());
            assertEquals(ClaimTable.moveKind(g, i), c.get("move").textValue());
            assertEquals(k.value().hex(), c.get("value").textValue());
            assertEquals(k.bond().toString(), c.get("bond").textValue());
            assertEquals(k.position().gindex().toString(), c.get("position").textValue());
            assertEquals(k.clock().duration(), c.get("clockDuration").longValue());
            assertEquals(i == 0 ? g.rootBlock() : g.blockOf(k.position()), c.get("block").longValue());
            assertTrue(c.get("counteredBy").isNull());
        }
        assertTrue(claims.get(0).get("parentIndex").isNull());
        assertEquals("Defend", claims.get(2).get("move").textValue());
        assertTrue(doc.get("resolution").get("winner").isNull());
        // Free text is escaped: an actor name with a quote still gives valid JSON.
        FaultDisputeGame odd = new FaultDisputeGame(config(5, 2), v("root"), 110, "the \"proposer\"\n", 1000);
        assertEquals("the \"proposer\"\n", JSON.readTree(ClaimTable.of(odd).json()).get("claims").get(0).get("claimant").textValue());
    }

    /** Three additions, then exit_group(1): a trace ending INVALID (from GameStepTest). */
    private static TinyTrace arithmetic() {
        return new TinyTrace(PreimageOracle.NONE, s -> { },
            addiu(T0, T0, 1), addiu(T0, T0, 2), addiu(T1, T0, 3),
            addiu(V0, 0, 4246), addiu(A0, 0, 1), syscall());
    }

    /**
     * A session with a real step: M = 6, S = 2; the challenger opens an execution subgame with the true final state,
     * the proposer bisects with wrong values down to a leaf, and the challenger steps it. The saved session loads
     * to the same game, and the table marks the stepped leaf.
     */
    @Test
    void aSteppedLeafIsMarkedAndASessionWithStepsRoundTrips() throws Exception {
        TinyTrace t = arithmetic();
        GameConfig cfg = GameConfig.custom(6, 2, t.absolutePrestate(), ANCHOR, L1_HEAD, CHAIN_ID);
        GameSetup setup = new GameSetup(cfg, v("root"), 104, "proposer", 0);
        FaultDisputeGame g = setup.newGame();
        List<GameAction> actions = new ArrayList<>();
        Bytes32[] values = {v("x"), v("y"), t.claimAt(7), v("wrong at 3"), t.claimAt(1), v("wrong at 2")};
        int[] parents = {0, 1, 2, 3, 4, 5};
        boolean[] attacks = {true, true, true, true, true, false};
        String[] actors = {"challenger", "proposer", "challenger", "proposer", "challenger", "proposer"};
        for (int i = 0; i < values.length; i++) {
            Claim p = g.claim(parents[i]);
            GameAction a = new GameAction.Move(10L * (i + 1), actors[i], parents[i], p.value(), values[i], attacks[i],
                g.requiredBond(p.position().move(attacks[i])));
            a.applyTo(g);
            actions.add(a);
        }
        int leaf = 6;
        assertEquals(cfg.maxGameDepth(), g.claim(leaf).depth());
        GameAction step = new GameAction.Step(100, "challenger", leaf, true, t.witness(2), t.proof(2));
        step.applyTo(g);
        actions.add(step);
        Session s = new Session(setup, null, null, null, Map.of(), actions);

        SessionFile.Loaded loaded = SessionFile.fromJson(SessionFile.toJson(s), null);
        assertEquals(snapshot(g), snapshot(loaded.game()));
        ClaimTable table = ClaimTable.of(loaded.game());
        assertTrue(table.rows().get(leaf).stepped());
        assertEquals("challenger (step)", row(table.table(), leaf).get(9));
        assertEquals("Defend", row(table.table(), leaf).get(1));
        assertFalse(table.rows().get(5).stepped());

        // A wrong witness byte is refused on load, naming the step and the contract error.
        byte[] badWitness = t.witness(2);
        badWitness[5] ^= 1;
        List<GameAction> tampered = new ArrayList<>(actions.subList(0, 6));
        tampered.add(new GameAction.Step(100, "challenger", leaf, true, badWitness, t.proof(2)));
        Session bad = new Session(setup, null, null, null, Map.of(), tampered);
        String msg = org.junit.jupiter.api.Assertions.assertThrows(dev.faultscope.io.FileFormatException.class,
            () -> SessionFile.fromJson(SessionFile.toJson(bad), null)).getMessage();
        assertTrue(msg.contains("actions[6] (step): the game refuses it: InvalidPrestate"), msg);
    }
}
