package dev.faultscope.fpp;

/**
 * A party that claims L2 output roots for a scenario: honest, or wrong in one specific way for teaching
 * (docs/fpp.md, "Wrong proposers"). The dispute game asks it for its claim at each block it must name.
 */
public interface Proposer {
    /** The proposer's name as the CLI and the docs spell it, e.g. {@code invalid-transfers}. */
    String name();

    /** One line saying what this proposer does differently. */
    String description();

    /** The output root this proposer claims for L2 block {@code blockNumber} (≥ 0). */
    Bytes32 claim(long blockNumber);

    /** The chain behind the claims, so a host can serve its pre-images (e.g. when a wrong output is the agreed one). */
    L2Chain chain();
}
