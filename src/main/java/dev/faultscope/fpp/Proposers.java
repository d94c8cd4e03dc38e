package dev.faultscope.fpp;

import java.util.List;

/** The proposers of docs/fpp.md, "Wrong proposers", by name or with explicit parameters. */
public final class Proposers {
    public static final String HONEST = "honest";
    public static final String INVALID_TRANSFERS = "invalid-transfers";
    public static final String SELF_CREDIT = "self-credit";
    public static final String BEYOND_L1 = "beyond-l1";
    public static final List<String> NAMES = List.of(HONEST, INVALID_TRANSFERS, SELF_CREDIT, BEYOND_L1);

    public static final int DEFAULT_CREDIT_ACCOUNT = 0;
    public static final long DEFAULT_CREDIT_AMOUNT = 1000;

    private Proposers() {
    }

    /** A proposer by its documented name with default parameters; unknown names list the known ones. */
    public static Proposer named(String name, ChainModel model) {
        return switch (name) {
            case HONEST -> honest(model);
            case INVALID_TRANSFERS -> invalidTransfers(model);
            case SELF_CREDIT -> selfCredit(model);
            case BEYOND_L1 -> beyondL1(model);
            default -> throw new IllegalArgumentException("unknown proposer \"" + name + "\" (known: " + String.join(", ", NAMES) + ")");
        };
    }

    /** Claims what the program computes with the newest L1 block as L1 head. */
    public static Proposer honest(ChainModel model) {
        return honest(model, model.lastL1Block());
    }

    /** Claims what the program computes with L1 block {@code l1HeadNumber} as L1 head. */
    public static Proposer honest(ChainModel model, long l1HeadNumber) {
        model.l1Block(l1HeadNumber);
        return new Capped(HONEST, "derives by the rules", model.honestChain(), l1HeadNumber);
    }

    /** Applies over-balance transfers: the sender drops to 0, the recipient gains the full amount. */
    public static Proposer invalidTransfers(ChainModel model) {
        return new Capped(INVALID_TRANSFERS, "applies transfers the sender cannot pay (sender to 0, recipient gains all)",
                model.derive(new L2Chain.Rules(true, -1, 0, 0, false)), model.lastL1Block());
    }

    /** Credits account 0 with 1000 at the middle block, {@code max(1, lastL1Block / 2)}. */
    public static Proposer selfCredit(ChainModel model) {
        return selfCredit(model, DEFAULT_CREDIT_ACCOUNT, DEFAULT_CREDIT_AMOUNT, Math.max(1, model.lastL1Block() / 2));
    }

    /**
     * Credits {@code account} with {@code amount} after applying block {@code atBlock}'s batch, then derives the
     * later blocks normally from that state, so its claims differ from honest exactly for blocks ≥ atBlock.
     */
    public static Proposer selfCredit(ChainModel model, int account, long amount, long atBlock) {
        if (account < 0 || account >= model.scenario().accountCount()) {
            throw new IllegalArgumentException("self-credit account " + account + " does not exist (" + model.scenario().accountCount() + " accounts)");
        }
        if (atBlock < 1 || atBlock > model.lastL1Block()) {
            throw new IllegalArgumentException("self-credit block must be 1.." + model.lastL1Block() + " (genesis is agreed), got " + atBlock);
        }
        if (amount == 0) {
            throw new IllegalArgumentException("a self-credit of 0 would be honest");
        }
        return new Capped(SELF_CREDIT, "credits " + model.scenario().accountLabel(account) + " with " + Long.toUnsignedString(amount)
                + " at block " + atBlock, model.derive(new L2Chain.Rules(false, account, amount, atBlock, false)), model.lastL1Block());
    }

    /** Honest up to the newest L1 block, then derives from invented empty L1 blocks. */
    public static Proposer beyondL1(ChainModel model) {
        L2Chain chain = model.derive(new L2Chain.Rules(false, -1, 0, 0, true));
        return new Proposer() {
            @Override
            public String name() {
                return BEYOND_L1;
            }

            @Override
            public String description() {
                return "claims blocks past L1 block " + model.lastL1Block() + " derived from invented empty L1 blocks";
            }

            @Override
            public Bytes32 claim(long blockNumber) {
                requireBlock(blockNumber);
                return chain.outputRoot(blockNumber);
            }

            @Override
            public L2Chain chain() {
                return chain;
            }
        };
    }

    private static void requireBlock(long n) {
        if (n < 0) {
            throw new IllegalArgumentException("negative L2 block number " + n);
        }
    }

    /** A proposer that, like the program, claims the output at its L1 head's safe head for blocks beyond it. */
    private record Capped(String name, String description, L2Chain chain, long safeHead) implements Proposer {
        @Override
        public Bytes32 claim(long blockNumber) {
            requireBlock(blockNumber);
            return chain.outputRoot(Math.min(blockNumber, safeHead));
        }
    }
}
