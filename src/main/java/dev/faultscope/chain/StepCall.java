package dev.faultscope.chain;

/**
 * A successful {@code step(claimIndex, isAttack, stateData, proof)} transaction against a game, as found in its
 * block: what the stepper sent, so the app can show the step as the contract checked it.
 */
public record StepCall(int claimIndex, boolean isAttack, byte[] stateData, byte[] proof, String sender, String txHash,
                       long block, long timestamp) {
}
