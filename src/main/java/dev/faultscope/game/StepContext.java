package dev.faultscope.game;

import dev.faultscope.fpp.Bytes32;

import java.math.BigInteger;

/**
 * What a step against a leaf is checked against, exactly as {@code step} derives it (dispute-game.md section 4):
 * which claim is the pre-state, which the post-state, and whether they are expected to agree.
 *
 * @param claimIndex          the leaf (depth M) being stepped against
 * @param isAttack            attack: post = the leaf; defend: pre = the leaf
 * @param preStateValue       the value {@code keccak(stateData)} must match (ignoring byte 0)
 * @param preStateClaimIndex  the claim holding it, or -1 for ABSOLUTE_PRESTATE
 * @param postStateClaimIndex the claim whose value the VM's post-state is compared with
 * @param postStateValue      that claim's value
 * @param parentPostAgree     true when leaf and post claim are on the same team (even depth difference): the step
 *                            then counters the leaf only if the VM disagrees with the post claim
 * @param instructionIndex    how many instructions the pre-state has executed since ABSOLUTE_PRESTATE, i.e. the index of
 *                            the instruction the step executes
 * @param localContext        the context local pre-image keys are localized with
 */
public record StepContext(int claimIndex, boolean isAttack, Bytes32 preStateValue, int preStateClaimIndex,
                          int postStateClaimIndex, Bytes32 postStateValue, boolean parentPostAgree,
                          BigInteger instructionIndex, Bytes32 localContext) {
    public boolean preStateIsAbsolute() {
        return preStateClaimIndex < 0;
    }
}
