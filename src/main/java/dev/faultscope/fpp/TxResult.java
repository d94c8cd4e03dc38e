package dev.faultscope.fpp;

/**
 * What derivation did with one transaction.
 *
 * @param skipped true when it had no effect
 * @param reason  why it was skipped, or, for a wrong proposer that applied an invalid transfer, why it should have
 *                been; null for a plain valid transaction
 */
public record TxResult(Tx tx, boolean skipped, String reason) {
    static TxResult applied(Tx tx) {
        return new TxResult(tx, false, null);
    }

    static TxResult skipped(Tx tx, String reason) {
        return new TxResult(tx, true, reason);
    }
}
