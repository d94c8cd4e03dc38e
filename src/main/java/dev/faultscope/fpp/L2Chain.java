package dev.faultscope.fpp;

import java.util.ArrayList;
import java.util.List;

/**
 * An L2 chain derived from the scenario's L1 chain under some rules: the honest rules of docs/fpp.md, or the
 * deliberately wrong ones of a {@link Proposer}. Every chain starts from the same genesis, so two chains differ
 * exactly from the first block where their rules make a difference.
 */
public final class L2Chain {
    /**
     * How far a chain that invents L1 blocks beyond the scenario may grow: a game asks for blocks up to its root
     * claim's, which a scenario author picks by hand, so anything larger is a mistake rather than a wish.
     */
    static final long MAX_INVENTED_BLOCKS = 100_000;

    /**
     * Wrong-proposer switches; all off is the honest chain.
     *
     * @param applyOverBalance apply transfers with {@code balance[from] < amount}: from saturates at 0, to gains all
     * @param creditAccount    account credited after block {@code creditBlock}'s batch, or −1
     * @param extendBeyondL1   invent empty L1 blocks after the scenario's last one and keep deriving
     */
    record Rules(boolean applyOverBalance, int creditAccount, long creditAmount, long creditBlock, boolean extendBeyondL1) {
        static final Rules HONEST = new Rules(false, -1, 0, 0, false);
    }

    private final Scenario scenario;
    private final Rules rules;
    private final List<L1Block> l1;
    private final List<L2Block> blocks = new ArrayList<>();

    L2Chain(Scenario scenario, List<L1Block> l1, Rules rules) {
        this.scenario = scenario;
        this.rules = rules;
        this.l1 = new ArrayList<>(l1);
        long[] balances = scenario.accounts().stream().mapToLong(Scenario.Account::balance).toArray();
        blocks.add(new L2Block(null, l1.get(0), balances, List.of(), null));
        for (int n = 1; n < l1.size(); n++) {
            derive();
        }
    }

    /** The newest block this chain holds right now (a chain that extends beyond L1 may grow past it on request). */
    public long lastBlock() {
        return blocks.size() - 1;
    }

    /** Whether {@link #block} answers for {@code n} (true for every n ≥ 0 up to a bound when the chain extends). */
    public boolean has(long n) {
        return n >= 0 && (n < blocks.size() || rules.extendBeyondL1() && n < l1Scenario() + MAX_INVENTED_BLOCKS);
    }

    public L2Block block(long n) {
        if (!has(n)) {
            throw new IllegalArgumentException("L2 block " + n + " is not derivable: the chain ends at block " + lastBlock()
                    + (rules.extendBeyondL1() ? " plus at most " + MAX_INVENTED_BLOCKS + " invented blocks" : ""));
        }
        while (blocks.size() <= n) {
            inventL1Block();
            derive();
        }
        return blocks.get((int) n);
    }

    public Bytes32 outputRoot(long n) {
        return block(n).outputRoot();
    }

    /** The L1 blocks this chain derived from, including invented ones so far. */
    List<L1Block> l1Blocks() {
        return List.copyOf(l1);
    }

    List<L2Block> blocks() {
        return List.copyOf(blocks);
    }

    private long l1Scenario() {
        return scenario.blocks().size();
    }

    /** An empty block continuing L1 with the scenario's timing, as the beyond-l1 proposer pretends exists. */
    private void inventL1Block() {
        L1Block parent = l1.get(l1.size() - 1);
        l1.add(new L1Block(parent, scenario.timestamp(parent.number() + 1), List.of()));
    }

    /** Derives the next L2 block from the next L1 block (L2 block n has L1 origin n). */
    private void derive() {
        L2Block parent = blocks.get(blocks.size() - 1);
        L1Block origin = l1.get(blocks.size());
        long[] balances = parent.balances();
        List<TxResult> results = new ArrayList<>();
        for (Tx tx : origin.txs()) {
            results.add(apply(balances, tx));
        }
        String note = null;
        if (rules.creditAccount() >= 0 && origin.number() == rules.creditBlock()) {
            balances[rules.creditAccount()] += rules.creditAmount();
            note = "self-credit: " + scenario.accountLabel(rules.creditAccount()) + " +" + Long.toUnsignedString(rules.creditAmount());
        }
        blocks.add(new L2Block(parent, origin, balances, results, note));
    }

    private TxResult apply(long[] b, Tx tx) {
        int n = b.length;
        if (!tx.isDeposit() && tx.from() >= n) {
            return TxResult.skipped(tx, "sender " + scenario.accountLabel(tx.from()) + " does not exist (" + n + " accounts)");
        }
        if (tx.to() >= n) {
            return TxResult.skipped(tx, "recipient " + scenario.accountLabel(tx.to()) + " does not exist (" + n + " accounts)");
        }
        int to = (int) tx.to();
        if (tx.isDeposit()) {
            if (overflows(b[to], tx.amount())) {
                return TxResult.skipped(tx, overflow(to, b[to], tx.amount()));
            }
            b[to] += tx.amount();
            return TxResult.applied(tx);
        }
        int from = (int) tx.from();
        String forced = null;
        long after = b[from] - tx.amount();
        if (Long.compareUnsigned(b[from], tx.amount()) < 0) {
            String why = "insufficient balance: " + scenario.accountLabel(from) + " has " + Long.toUnsignedString(b[from])
                    + ", needs " + Long.toUnsignedString(tx.amount());
            if (!rules.applyOverBalance()) {
                return TxResult.skipped(tx, why);
            }
            after = 0;
            forced = "applied anyway (" + why + ")";
        }
        // The credit goes onto the balance after the debit (the same one for a transfer to oneself), and one that
        // would overflow uint64 skips the transfer, as src/fpp/main.c does.
        long creditBase = from == to ? after : b[to];
        if (overflows(creditBase, tx.amount())) {
            return TxResult.skipped(tx, overflow(to, creditBase, tx.amount()));
        }
        b[from] = after;
        b[to] = creditBase + tx.amount();
        return new TxResult(tx, false, forced);
    }

    private static boolean overflows(long balance, long amount) {
        return Long.compareUnsigned(balance + amount, balance) < 0;
    }

    private String overflow(int to, long balance, long amount) {
        return "credit overflows: " + scenario.accountLabel(to) + " has " + Long.toUnsignedString(balance) + ", + "
                + Long.toUnsignedString(amount) + " exceeds 2^64-1";
    }
}
