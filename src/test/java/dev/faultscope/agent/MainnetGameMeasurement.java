package dev.faultscope.agent;

import dev.faultscope.game.GameStatus;

import java.nio.file.Path;

/**
 * Not a test: plays honest challenger vs the invalid-transfers proposer on samples/scenarios/larger.json in the mainnet
 * configuration and prints the wall time and the VM work against the trace lengths. Run with
 * {@code java -cp target/classes:target/test-classes dev.faultscope.agent.MainnetGameMeasurement}.
 */
public final class MainnetGameMeasurement {
    private MainnetGameMeasurement() {
    }

    public static void main(String[] args) {
        Path scenario = Path.of(args.length > 0 ? args[0] : "samples/scenarios/larger.json");
        for (int i = 0; i < 2; i++) { // the first game includes JIT warm-up
            long t0 = System.nanoTime();
            GameRunner.Result r = GameRunner.play(scenario, "mainnet", "invalid-transfers", "honest", -1, 0);
            long ms = (System.nanoTime() - t0) / 1_000_000;
            long traced = r.runLengths().stream().mapToLong(Long::longValue).sum();
            System.out.printf("%s: %s in %d ms, %d claims, %d actions, %d VM steps executed, program runs %s (sum %d), "
                    + "%.2f steps per traced instruction%n", i == 0 ? "cold" : "warm", r.status(), ms,
                r.game().claimCount(), r.session().actions().size(), r.vmStepsExecuted(), r.runLengths(), traced,
                (double) r.vmStepsExecuted() / traced);
            if (r.status() != GameStatus.CHALLENGER_WINS) {
                throw new IllegalStateException("the honest challenger lost");
            }
        }
    }
}
