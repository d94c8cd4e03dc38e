package dev.faultscope.vm.onchain;

/**
 * The outcome of a step the stateless verifier accepted.
 *
 * @param postWitness the 226-byte post-state witness, with the memory root recomputed from the proof
 * @param postHash    the post-state hash (status byte first)
 * @param dataAddress aligned address of the data word the step read or wrote, or -1 when it touched none
 * @param dataWord    that word's value after the step (what a write stored), or 0 when no data word was touched
 * @param dataWritten whether the step wrote the data word (and so changed the memory root)
 */
public record VerifiedStep(byte[] postWitness, byte[] postHash, int dataAddress, int dataWord, boolean dataWritten) {
}
