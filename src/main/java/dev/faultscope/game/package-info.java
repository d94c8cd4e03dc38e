/**
 * The rules of the OP Stack {@code FaultDisputeGame} (dispute-game.md sections 1-7): positions, bonds, chess clocks,
 * moves, steps, local data and resolution, reproduced check for check so that a game played here is one the
 * contract would accept, move for move, and fails with the contract's error names where the contract reverts.
 *
 * <p>Where the spec text and the contract could be read differently this package follows the contract (the
 * {@code move(disputed, …)} version with the depth-dependent clock extension and chunked {@code resolveClaim}).
 * Modelling choices: actors are names standing in for addresses (null is {@code address(0)}); time is an explicit
 * {@code now}; credit is a balance (no DelayedWETH, no refund mode); {@code challengeRootL2Block} and the large
 * pre-image proposal flow are absent. Depends on the VM's stateless verifier, never on the agent or the UI.
 */
package dev.faultscope.game;
