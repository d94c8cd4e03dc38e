package dev.faultscope.io;

import dev.faultscope.fpp.Bytes32;
import dev.faultscope.game.Anchor;
import dev.faultscope.game.Claim;
import dev.faultscope.game.FaultDisputeGame;
import dev.faultscope.game.GameAction;
import dev.faultscope.game.GameConfig;
import dev.faultscope.game.GameSetup;
import dev.faultscope.game.Session;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Sessions built by hand for the io, cli and game tests: every action is applied to a live game as it is recorded,
 * so a recorded action is one the engine accepted (bonds from {@code requiredBond}, resolution after the clocks).
 */
public final class SessionSamples {
    public static final Bytes32 PRESTATE = withStatus(v("absolute prestate"), 3);

    private SessionSamples() {
    }

    /** A distinct 32-byte value named by {@code label}. */
    public static Bytes32 v(String label) {
        return Bytes32.keccak(label.getBytes(StandardCharsets.UTF_8));
    }

    /** {@code value} with byte 0 (the VM status of an execution claim) replaced. */
    public static Bytes32 withStatus(Bytes32 value, int status) {
        byte[] b = value.bytes();
        b[0] = (byte) status;
        return Bytes32.of(b);
    }

    /** M = 5, S = 2, workshop clocks; anchor block 100, root claim about block 104 (the last of the 2^S output leaves) by "proposer" at t=1000. */
    public static GameSetup smallSetup() {
        GameConfig cfg = GameConfig.custom(5, 2, PRESTATE, new Anchor(100, v("anchor output")), v("l1 head"), 901);
        return new GameSetup(cfg, v("root claim"), 104, "proposer", 1000);
    }

    /** Records actions while applying them to a game, so the recording is a valid session. */
    public static final class Builder {
        private final GameSetup setup;
        private final FaultDisputeGame game;
        private final List<GameAction> actions = new ArrayList<>();

        public Builder(GameSetup setup) {
            this.setup = setup;
            this.game = setup.newGame();
        }

        public FaultDisputeGame game() {
            return game;
        }

        /** A move against {@code parent} naming its value and paying exactly the required bond; the new index. */
        public int move(long time, String actor, int parent, Bytes32 value, boolean attack) {
            Claim p = game.claim(parent);
            return (int) add(new GameAction.Move(time, actor, parent, p.value(), value, attack,
                game.requiredBond(p.position().move(attack))));
        }

        public Builder action(GameAction a) {
            add(a);
            return this;
        }

        /** Resolves every subgame at the first time the root subgame is resolvable, then the game. */
        public Builder resolveAll(String actor) {
            long t = game.resolvableAt(0);
            for (int i = game.claimCount() - 1; i >= 0; i--) {
                add(new GameAction.ResolveClaim(t, actor, i, 0));
            }
            add(new GameAction.Resolve(t, actor));
            return this;
        }

        private long add(GameAction a) {
            int r = a.applyTo(game);
            actions.add(a);
            return r;
        }

        public Session session(Map<String, String> players) {
            return new Session(setup, "samples/scenarios/classroom.json", v("scenario bytes").bytes(),
                v("program elf").bytes(), players, actions);
        }
    }

    /**
     * A resolved game with every action type but step: the challenger attacks the root; the proposer defends that
     * claim and also attacks it; the challenger opens an execution subgame below the defend; local data and a keccak
     * pre-image are loaded; everything resolves. The proposer's attack stands, so the defender wins.
     * Claims: 0 root, 1 attack(0), 2 defend(1), 3 attack(1), 4 attack(2) at depth S+1.
     */
    public static Session resolvedGame() {
        Builder b = new Builder(smallSetup());
        b.move(1100, "challenger", 0, v("c1"), true);
        b.move(1200, "proposer", 1, v("c2"), false);
        b.move(1250, "proposer", 1, v("c3"), true);
        b.move(1300, "challenger", 2, withStatus(v("c4"), 1), true);
        b.action(new GameAction.AddLocalData(1310, "challenger", 2, 4));
        b.action(new GameAction.LoadKeccakPreimage(1320, "challenger", "hello world".getBytes(StandardCharsets.UTF_8)));
        b.resolveAll("resolver");
        return b.session(Map.of("defender", "honest", "challenger", "dishonest"));
    }
}
