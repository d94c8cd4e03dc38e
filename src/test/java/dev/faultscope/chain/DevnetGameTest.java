package dev.faultscope.chain;

import dev.faultscope.agent.ExecutionTrace;
import dev.faultscope.agent.FaultProofProgram;
import dev.faultscope.agent.StepData;
import dev.faultscope.fpp.Bytes32;
import dev.faultscope.game.Address;
import dev.faultscope.game.Anchor;
import dev.faultscope.game.ClaimTable;
import dev.faultscope.game.FaultDisputeGame;
import dev.faultscope.game.GameConfig;
import dev.faultscope.game.GameError;
import dev.faultscope.game.GameStatus;
import dev.faultscope.game.RulesVersion;
import dev.faultscope.oracle.PreimageOracle;
import dev.faultscope.vm.onchain.StepVerifier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.web3j.abi.datatypes.DynamicBytes;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.utils.Numeric;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongConsumer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A scripted game on a real devnet (anvil + the OP contracts' FaultDisputeGame 1.2.0, MIPS 1.0.1): every action is
 * sent as a signed transaction and played on the engine at the block's timestamp; refused actions must be refused by
 * both with the same error name; the game read back from chain must equal the engine's model, claim by claim.
 * Skipped only outside CI when scripts/install-devnet.sh has not been run; in CI a missing devnet fails.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DevnetGameTest {
    static final int M = 8;
    static final int S = 4;
    static final long EXT = 100;
    static final long MAX_CLOCK = 1_000;
    static final long ANCHOR_BLOCK = 10;
    static final long ROOT_BLOCK = 26;

    Devnet devnet;
    Rpc rpc;
    String game;
    FaultDisputeGame model;
    StepData step0;
    final List<String> refusals = new ArrayList<>();

    @BeforeAll
    void play() throws Exception {
        assumeTrue(Devnet.installed() || System.getenv("CI") != null,
            "devnet packages not installed (scripts/install-devnet.sh)");
        Bytes32 prestate = Bytes32.of(FaultProofProgram.absolutePrestate());
        devnet = Devnet.start(new Devnet.Params(M, S, EXT, MAX_CLOCK, 300, 901, ANCHOR_BLOCK, value("anchor"), prestate));
        rpc = devnet.rpc();
        game = devnet.createGame(Devnet.PROPOSER, value("root"), ROOT_BLOCK);
        ChainGame created = new GameReader(rpc).read(game);
        GameConfig cfg = new GameConfig(M, S, MAX_CLOCK, EXT, 0, prestate, new Anchor(ANCHOR_BLOCK, value("anchor")),
            created.l1Head(), 901, Address.fromHex(game));
        model = new FaultDisputeGame(cfg, value("root"), ROOT_BLOCK, addr(Devnet.PROPOSER), devnet.initBond(),
            created.createdAt());
        model.useRules(RulesVersion.V1_2_0);
        step0 = ExecutionTrace.of(PreimageOracle.NONE).stepAt(0);

        Credentials p = Devnet.PROPOSER;
        Credentials c = Devnet.CHALLENGER;
        Credentials h = Devnet.HELPER;
        refused(c, move(0, value("x"), false), "CannotDefendRootClaim");
        move(c, 0, value("c1"), true);                      // 1 depth 1
        refused(c, new Calldata.Tx(game, BigInteger.ONE, Calldata.attack(game, value("root"), 0, value("y"),
            BigInteger.ONE).data()), "IncorrectBondAmount");
        refused(c, Calldata.attack(game, value("c1"), 0, value("z"), bond(1)), "InvalidDisputedClaimIndex");
        refused(c, move(0, value("c1"), true), "ClaimAlreadyExists");
        devnet.advance(40);
        move(p, 1, value("p2"), true);                      // 2 depth 2
        devnet.advance(850);                                // the challenger's clock: past max − ext, not past max − 2 ext
        move(c, 2, value("c3"), false);                     // 3 depth 3 = S − 1, defend
        move(p, 3, value("p4"), true);                      // 4 depth 4 = S
        refused(c, move(4, execRoot("bad-status", 0), true), "UnexpectedRootClaim");
        move(c, 4, execRoot("c5", 1), true);                // 5 depth 5: execution subgame root, INVALID
        move(p, 5, value("p6"), true);                      // 6
        move(c, 6, value("c7"), true);                      // 7 depth 7 = M − 1
        move(p, 7, value("p8-wrong-post-state"), true);     // 8 leaf at trace index 0, a wrong post-state
        move(h, 7, Bytes32.of(step0.postHash()), true);     // 9 leaf: the true post-state
        refused(c, move(8, value("deeper"), true), "GameDepthExceeded");

        byte[] badState = step0.stateData().clone();
        badState[100] ^= 1;
        refused(c, Calldata.step(game, 8, true, badState, step0.proofData()), "InvalidPrestate");
        refused(c, Calldata.step(game, 9, true, step0.stateData(), step0.proofData()), "ValidStep");
        step(c, 8);
        refused(h, Calldata.step(game, 8, true, step0.stateData(), step0.proofData()), "DuplicateStep");
        refused(p, Calldata.resolveClaim(game, 9, 0), "ClockNotExpired");

        devnet.advance(MAX_CLOCK + 10);
        refused(h, move(5, value("late"), true), "ClockTimeExceeded");
        refused(p, Calldata.resolveClaim(game, 0, 0), "OutOfOrderResolution");
        for (int i = model.claimCount() - 1; i >= 0; i--) {
            int idx = i;
            act(p, Calldata.resolveClaim(game, idx, 0), now -> model.resolveClaim(idx, 0, now));
        }
        refused(p, Calldata.resolveClaim(game, 3, 0), "ClaimAlreadyResolved");
        act(p, Calldata.resolve(game), now -> model.resolve(now));
        refused(p, Calldata.resolve(game), "GameNotInProgress");
    }

    @AfterAll
    void stop() {
        if (devnet != null) {
            devnet.close();
        }
    }

    @Test
    void everyRefusedActionWasRefusedByBothWithTheSameError() {
        assertEquals(14, refusals.size(), String.join("\n", refusals));
    }

    @Test
    void theGameReadBackEqualsTheEnginesModel() {
        ChainGame chain = new GameReader(rpc).read(game);
        assertEquals("1.2.0", chain.version());
        assertEquals(model.claimCount(), chain.claims().size());
        for (ChainClaim c : chain.claims()) {
            var m = model.claim(c.index());
            assertEquals(m.parentIndex(), c.parentIndex(), "parent of " + c.index());
            assertEquals(m.value(), c.value(), "value of " + c.index());
            assertEquals(m.position(), c.position(), "position of " + c.index());
            assertEquals(m.claimant(), c.claimant(), "claimant of " + c.index());
            assertEquals(m.bond(), c.bond(), "bond of " + c.index());
            assertEquals(m.clock(), c.clock(), "clock of " + c.index());
            assertEquals(m.counteredBy(), c.counteredBy(), "counteredBy of " + c.index());
            assertTrue(c.resolved());
        }
        assertEquals(model.status(), chain.status());
        assertNotEquals(GameStatus.IN_PROGRESS, chain.status());
        assertEquals(model.resolvedAt().orElseThrow(), chain.resolvedAt());
        assertEquals(model.credits().size(), chain.credits().size(), chain.credits() + " vs " + model.credits());
        model.credits().forEach((who, wei) -> assertEquals(wei, chain.credits().get(who), "credit of " + who));
        // The bonds all went somewhere: credits add up to every bond posted.
        BigInteger bonds = chain.claims().stream().map(ChainClaim::bond).reduce(BigInteger.ZERO, BigInteger::add);
        assertEquals(bonds, chain.credits().values().stream().reduce(BigInteger.ZERO, BigInteger::add));
        // The leaf was countered by the step, and the reader found that step's transaction.
        assertEquals(addr(Devnet.CHALLENGER), chain.claims().get(8).counteredBy());
        assertArrayEquals(step0.stateData(), chain.steps().get(8).stateData());
        assertTrue(chain.events().stream().filter(e -> e.kind().equals("Move")).count() == model.claimCount() - 1);
        assertTrue(chain.events().stream().anyMatch(e -> e.kind().equals("Resolved")));
    }

    @Test
    void replayingTheReadGameThroughTheEngineAgreesUnderItsVersionButNotUnder131() {
        ChainGame chain = new GameReader(rpc).read(game);
        ChainReplay replay = ChainReplay.of(chain);
        assertTrue(replay.complete(), String.join("\n", replay.differences()));
        assertEquals(List.of(), replay.differences());
        assertEquals(ClaimTable.of(model).table(), ClaimTable.of(replay.game()).table());
        // 1.3.x would have extended the clocks of claims 3 (twice the extension) and 7 (extension + challenge
        // period): the chain's 1.2.0 did not.
        ChainGame as13 = new GameReader(rpc).read(game);
        ChainReplay other = ChainReplay.of(as13, RulesVersion.V1_3_1);
        assertFalse(other.differences().isEmpty());
        assertTrue(other.differences().stream().anyMatch(d -> d.startsWith("claim 3 clock")), other.differences().toString());
    }

    @Test
    void theContractsMipsStepAtTraceIndexZeroEqualsTheStatelessVerifier() {
        Bytes32 ctx = model.localContext(8);
        String ret = rpc.call(devnet.mips, Abi.encode("step", new DynamicBytes(step0.stateData()),
            new DynamicBytes(step0.proofData()), new org.web3j.abi.datatypes.generated.Bytes32(ctx.bytes())), "MIPS.step");
        byte[] onchain = Numeric.hexStringToByteArray(ret);
        byte[] verifier = StepVerifier.step(step0.stateData(), step0.proofData(), PreimageOracle.NONE).postHash();
        assertArrayEquals(verifier, onchain, "MIPS " + "1.0.1 post-state vs the stateless verifier's");
        assertArrayEquals(step0.postHash(), onchain);
        assertArrayEquals(FaultProofProgram.absolutePrestate(), step0.preHash());
    }

    @Test
    void theReaderSaysWhatIsWrongWithABadAddressOrUrl() {
        GameReader reader = new GameReader(rpc);
        ChainException notGame = assertThrows(ChainException.class, () -> reader.read(devnet.mips));
        assertTrue(notGame.getMessage().contains("is not a FaultDisputeGame"), notGame.getMessage());
        ChainException none = assertThrows(ChainException.class,
            () -> reader.read("0x00000000000000000000000000000000000000aa"));
        assertTrue(none.getMessage().startsWith("no contract at"), none.getMessage());
        ChainException badAddr = assertThrows(ChainException.class, () -> reader.read("0x1234"));
        assertTrue(badAddr.getMessage().contains("40 hex digits"), badAddr.getMessage());
        try (Rpc dead = new Rpc("http://127.0.0.1:1", java.time.Duration.ofSeconds(2))) {
            ChainException e = assertThrows(ChainException.class, () -> new GameReader(dead).read(game));
            assertTrue(e.getMessage().contains("connection refused"), e.getMessage());
        }
        var listed = new FactoryReader(rpc).games(devnet.factory, -1, 10).stream()
            .filter(g -> g.address().equals(game)).findFirst().orElseThrow();
        assertEquals(0, listed.index());
        assertEquals(ROOT_BLOCK, listed.l2BlockNumber());
        assertEquals(value("root"), listed.rootClaim());
        assertEquals(model.status(), listed.status());
    }

    @Test
    void theCommandLineReadsListsAndActsOnTheDevnet(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
        throws Exception {
        Cli game1 = cli("game", "--rpc", devnet.url(), "--game", game, "--out", dir.resolve("g.json").toString());
        assertEquals(0, game1.code, game1.err);
        assertTrue(game1.out.contains("FaultDisputeGame 1.2.0 at " + game), game1.out);
        assertTrue(game1.out.contains("agrees with the chain"), game1.out);
        assertTrue(game1.out.contains(ClaimTable.of(model, Math.max(model.latestTime(),
            new GameReader(rpc).read(game).readTimestamp())).table().lines().skip(1).findFirst().orElseThrow()), game1.out);
        ChainGame snap = ChainSnapshotFile.read(dir.resolve("g.json"));
        assertEquals(List.of(), ChainReplay.of(snap).differences());
        assertArrayEquals(step0.proofData(), snap.steps().get(8).proof());

        Cli resolved = cli("act", "--rpc", devnet.url(), "--key", KEY2, "--game", game, "resolve");
        assertEquals(1, resolved.code);
        assertEquals("faultscope act: resolve reverted: GameNotInProgress", resolved.err.strip());

        String second = devnet.createGame(Devnet.PROPOSER, value("second root"), ROOT_BLOCK + 1);
        Cli attack = cli("act", "--rpc", devnet.url(), "--key", KEY2, "--game", second, "attack", "--parent", "0",
            "--claim", value("cli attack").hex());
        assertEquals(0, attack.code, attack.err);
        assertTrue(attack.out.startsWith("attack succeeded: tx 0x"), attack.out);
        ChainGame g2 = new GameReader(rpc).read(second);
        assertEquals(2, g2.claims().size());
        assertEquals(value("cli attack"), g2.claims().get(1).value());
        assertEquals(model.config().requiredBond(1), g2.claims().get(1).bond());

        Cli games = cli("games", "--rpc", devnet.url(), "--factory", devnet.factory, "--format", "json");
        assertEquals(0, games.code, games.err);
        assertTrue(games.out.indexOf(second) < games.out.indexOf(game), games.out);

        Cli calldata = cli("calldata", "--game", second, "resolve_claim", "--claim-index", "1");
        assertEquals("to: " + second + "\nvalue: 0\ndata: " + Calldata.resolveClaim(second, 1, 0).data() + "\n",
            calldata.out);
        Cli bad = cli("game", "--rpc", "http://127.0.0.1:1", "--game", game);
        assertEquals(1, bad.code);
        assertTrue(bad.err.startsWith("faultscope game: cannot reach the RPC node at http://127.0.0.1:1"), bad.err);
        assertEquals(1, bad.err.strip().lines().count());
    }

    @Test
    void theAppsChainModelShowsTheStepTimelineAndCalldataOfTheDevnetGame() {
        var m = new dev.faultscope.ui.model.chain.ChainGameModel(new GameReader(rpc).read(game), devnet.url());
        assertEquals(null, m.problem());
        assertEquals(model.claimCount(), m.session().replay().claimCount());
        String stepText = m.stepText(8);
        assertTrue(stepText.contains("Instruction at pc 0x"), stepText);
        assertTrue(stepText.contains("Pre-state:  ABSOLUTE_PRESTATE"), stepText);
        assertTrue(stepText.contains("Verifier's post-state: " + Bytes32.of(step0.postHash()).hex()), stepText);
        assertTrue(stepText.contains("the step counters leaf #8"), stepText);
        assertEquals("Leaf 9 has not been stepped against.", m.stepText(9));
        String cd = m.calldataText(8);
        assertTrue(cd.contains(Calldata.step(game, 8, true, step0.stateData(), step0.proofData()).data()), cd);
        assertTrue(cd.contains(Calldata.resolveClaim(game, 8, 0).data()), cd);
        List<String> tl = m.timeline();
        assertEquals(1 + (model.claimCount() - 1) + 1 + 1, tl.size(), String.join("\n", tl));
        assertTrue(tl.get(tl.size() - 2).contains("Resolved: " + model.status()), String.join("\n", tl));
    }

    static final String KEY2 = "0x5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a";

    record Cli(int code, String out, String err) {
    }

    static Cli cli(String... args) {
        var out = new java.io.ByteArrayOutputStream();
        var err = new java.io.ByteArrayOutputStream();
        int code = dev.faultscope.cli.Main.execute(args, new java.io.PrintStream(out, true),
            new java.io.PrintStream(err, true));
        return new Cli(code, out.toString(), err.toString());
    }

    // ------------------------------------------------------------------------------------------------ helpers

    private void move(Credentials who, int parent, Bytes32 value, boolean attack) {
        act(who, move(parent, value, attack), now -> model.move(model.claim(parent).value(), parent, value, attack,
            addr(who), bond(model.claim(parent).depth() + 1), now));
    }

    private Calldata.Tx move(int parent, Bytes32 value, boolean attack) {
        // Past MAX_GAME_DEPTH no bond exists; pay the deepest one (the depth check comes first).
        return Calldata.move(game, model.claim(parent).value(), parent, value, attack,
            bond(Math.min(model.claim(parent).depth() + 1, M)));
    }

    private void step(Credentials who, int leaf) {
        act(who, Calldata.step(game, leaf, true, step0.stateData(), step0.proofData()),
            now -> model.step(leaf, true, step0.stateData(), step0.proofData(), addr(who), now));
    }

    private void act(Credentials who, Calldata.Tx tx, LongConsumer engine) {
        TransactionReceipt r = rpc.sendAndWait(who, tx.to(), tx.value(), tx.data(), "tx");
        engine.accept(devnet.timestampOf(r));
    }

    /** The transaction must revert with {@code error}, and the engine must refuse the same action with it. */
    private void refused(Credentials who, Calldata.Tx tx, String error) {
        ChainException e = assertThrows(ChainException.class,
            () -> rpc.sendAndWait(who, tx.to(), tx.value(), tx.data(), "tx"));
        assertEquals(error, e.revertName(), e.getMessage());
        long now = rpc.latestBlock().getTimestamp().longValueExact();
        GameError g = assertThrows(GameError.class, () -> engineDo(who, tx, now), "the engine accepted " + error);
        assertEquals(error, g.error().name());
        refusals.add(error);
    }

    /** The same call on the engine, decoded from the calldata the chain got. */
    private void engineDo(Credentials who, Calldata.Tx tx, long now) {
        String sel = tx.data().substring(0, 10);
        byte[] d = Numeric.hexStringToByteArray("0x" + tx.data().substring(10));
        if (sel.equals(RevertReasons.selector("move(bytes32,uint256,bytes32,bool)"))
            || sel.equals(RevertReasons.selector("attack(bytes32,uint256,bytes32)"))) {
            boolean attack = !sel.equals(RevertReasons.selector("move(bytes32,uint256,bytes32,bool)")) || d[127] == 1;
            model.move(Bytes32.of(d, 0), new BigInteger(1, java.util.Arrays.copyOfRange(d, 32, 64)).intValueExact(),
                Bytes32.of(d, 64), attack, addr(who), tx.value(), now);
        } else if (sel.equals(RevertReasons.selector("step(uint256,bool,bytes,bytes)"))) {
            StepCall s = GameReader.decodeStep(tx.data(), addr(who), "", 0, now);
            model.step(s.claimIndex(), s.isAttack(), s.stateData(), s.proof(), addr(who), now);
        } else if (sel.equals(RevertReasons.selector("resolveClaim(uint256,uint256)"))) {
            model.resolveClaim(new BigInteger(1, java.util.Arrays.copyOfRange(d, 0, 32)).intValueExact(), 0, now);
        } else if (sel.equals(RevertReasons.selector("resolve()"))) {
            model.resolve(now);
        } else {
            throw new IllegalArgumentException("no engine action for " + sel);
        }
    }

    private BigInteger bond(int depth) {
        return model.config().requiredBond(depth);
    }

    private static String addr(Credentials c) {
        return c.getAddress().toLowerCase();
    }

    static Bytes32 value(String label) {
        return Bytes32.keccak(label.getBytes(StandardCharsets.UTF_8));
    }

    private static Bytes32 execRoot(String label, int status) {
        byte[] b = value(label).bytes().clone();
        b[0] = (byte) status;
        return Bytes32.of(b);
    }
}
