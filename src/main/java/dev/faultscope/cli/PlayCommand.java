package dev.faultscope.cli;

import dev.faultscope.agent.GameRunner;
import dev.faultscope.agent.Strategies;
import dev.faultscope.game.ClaimTable;
import dev.faultscope.game.FaultDisputeGame;
import dev.faultscope.game.GameAction;
import dev.faultscope.game.GameError;
import dev.faultscope.io.SessionFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "play", mixinStandardHelpOptions = true, description = {
    "Play a whole dispute game on a scenario's chain: the defender proposes the root claim, the challenger",
    "disputes it, with real fault proof program runs below the split depth and simulated time.",
    "Prints every action as it happens, then the claims as op-challenger's list-claims does, the resolution",
    "and the winner."})
final class PlayCommand implements Callable<Integer> {
    @ParentCommand
    Main main;

    @Option(names = "--scenario", required = true, description = "a scenario JSON (see docs/formats.md)")
    Path scenario;

    @Option(names = "--config", defaultValue = "workshop",
        description = "mainnet (73/30), workshop (30/4) or M,S (default: ${DEFAULT-VALUE})")
    String config;

    @Option(names = "--defender", defaultValue = "honest",
        description = "who proposes the root claim: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE})",
        completionCandidates = Defenders.class)
    String defender;

    @Option(names = "--challenger", defaultValue = "honest",
        description = "who disputes it: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE})",
        completionCandidates = Challengers.class)
    String challenger;

    @Option(names = "--fault-at", defaultValue = "-1", description = "for the fault-at challenger: the instruction its trace faults")
    long faultAt;

    @Option(names = "--seed", defaultValue = "1", description = "for the random player (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--root-block", converter = OptionValues.NonNegativeLong.class, description = "the root claim's L2 block (default: the defender's choice)")
    Long rootBlock;

    @Option(names = "--out", converter = OptionValues.OutputPath.class, description = "save the session here (.json or .json.gz)")
    Path out;

    @Override
    public Integer call() throws IOException {
        if (!Strategies.DEFENDERS.contains(defender)) {
            throw new Main.CommandFailure("unknown defender '" + defender + "'; one of " + Strategies.DEFENDERS, 2);
        }
        if (!Strategies.CHALLENGERS.contains(challenger)) {
            throw new Main.CommandFailure("unknown challenger '" + challenger + "'; one of " + Strategies.CHALLENGERS, 2);
        }
        if (challenger.equals(Strategies.FAULT_AT) && faultAt < 0) {
            throw new Main.CommandFailure("the fault-at challenger needs --fault-at STEP", 2);
        }
        long t0 = System.nanoTime();
        GameRunner.Result result = GameRunner.play(
            new GameRunner.Match(scenario, config, defender, challenger, faultAt, seed, rootBlock == null ? -1 : rootBlock), new Printer());
        double seconds = (System.nanoTime() - t0) / 1e9;
        ClaimTable table = ClaimTable.of(result.game());
        main.out.println();
        main.out.print(table.text());
        main.out.printf("%d actions (%d reverted), %,d VM steps executed for runs of %s steps, %.2f s%n",
            result.session().actions().size(), result.rejected().size(), result.vmStepsExecuted(),
            result.runLengths(), seconds);
        result.shallowExecutionWarning().ifPresent(main.err::println);
        if (out != null) {
            SessionFile.write(result.session(), out);
            main.out.println("session saved to " + out);
        }
        return 0;
    }

    /** One line per action as the game takes it. */
    private final class Printer implements GameRunner.Listener {
        @Override
        public void applied(GameAction action, int claimIndex, FaultDisputeGame game) {
            main.out.println(describe(action, claimIndex, game));
        }

        @Override
        public void rejected(GameAction action, GameError error, FaultDisputeGame game) {
            main.out.println(describe(action, -1, game) + "  REVERTED: " + error.error().reported());
        }
    }

    static String describe(GameAction action, int claimIndex, FaultDisputeGame game) {
        String head = String.format("t=%-10d %-10s ", action.time(), action.actor());
        return head + switch (action) {
            case GameAction.Move m -> String.format("%s claim %d -> claim %d at depth %d: %s",
                m.attack() ? "attacks" : "defends", m.parentIndex(), claimIndex,
                claimIndex >= 0 ? game.claim(claimIndex).position().depth() : -1, m.value().shortHex());
            case GameAction.Step s -> String.format("steps against claim %d (%s: the VM executes one instruction on chain)",
                s.claimIndex(), s.attack() ? "attack step, the claim is the post-state" : "defend step, the claim is the pre-state");
            case GameAction.AddLocalData d -> String.format("loads local input %d for claim %d's subgame", d.ident(), d.claimIndex());
            case GameAction.LoadKeccakPreimage k -> String.format("loads a %d-byte keccak pre-image", k.data().length);
            case GameAction.ResolveClaim r -> String.format("resolves claim %d", r.claimIndex());
            case GameAction.Resolve r -> "resolves the game: " + game.status();
        };
    }

    static final class Defenders implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return Strategies.DEFENDERS.iterator();
        }
    }

    static final class Challengers implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return Strategies.CHALLENGERS.iterator();
        }
    }
}
