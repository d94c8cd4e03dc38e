package dev.faultscope.fpp;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The toy rollup of a scenario, built natively exactly as docs/fpp.md says the fault proof program derives it:
 * the L1 chain (headers, hashes, batches) and the honest L2 chain (states, headers, output roots). Wrong
 * proposals come from {@link Proposers}; pre-images for the program come from {@link FppHost}.
 */
public final class ChainModel {
    private final Scenario scenario;
    private final List<L1Block> l1;
    private final Map<Bytes32, L1Block> l1ByHash = new HashMap<>();
    private final L2Chain honest;

    private ChainModel(Scenario scenario) {
        this.scenario = scenario;
        List<L1Block> blocks = new ArrayList<>();
        L1Block parent = null;
        for (int n = 0; n < scenario.blocks().size(); n++) {
            parent = new L1Block(parent, scenario.timestamp(n), scenario.blocks().get(n).txs());
            blocks.add(parent);
            l1ByHash.put(parent.hash(), parent);
        }
        this.l1 = Collections.unmodifiableList(blocks);
        this.honest = new L2Chain(scenario, l1, L2Chain.Rules.HONEST);
    }

    public static ChainModel of(Scenario scenario) {
        return new ChainModel(scenario);
    }

    /** Reads and validates a scenario file (errors are {@link dev.faultscope.io.FileFormatException}) and builds its chain. */
    public static ChainModel load(Path scenarioFile) throws IOException {
        return of(Scenario.load(scenarioFile));
    }

    public Scenario scenario() {
        return scenario;
    }

    public long chainId() {
        return scenario.chainId();
    }

    // ---- L1 ----

    /** The newest L1 block number of the scenario. */
    public long lastL1Block() {
        return l1.size() - 1;
    }

    public L1Block l1Block(long n) {
        if (n < 0 || n >= l1.size()) {
            throw new IllegalArgumentException("no L1 block " + n + ": the scenario has L1 blocks 0.." + lastL1Block());
        }
        return l1.get((int) n);
    }

    /** The newest L1 block, the default L1 head of a game. */
    public L1Block l1Head() {
        return l1.get(l1.size() - 1);
    }

    public Optional<L1Block> l1BlockByHash(Bytes32 hash) {
        return Optional.ofNullable(l1ByHash.get(hash));
    }

    public List<L1Block> l1Blocks() {
        return l1;
    }

    // ---- L2 ----

    public long lastL2Block() {
        return honest.lastBlock();
    }

    public L2Block l2Block(long n) {
        return honest.block(n);
    }

    public Bytes32 stateRoot(long n) {
        return honest.block(n).stateRoot();
    }

    public Bytes32 outputRoot(long n) {
        return honest.outputRoot(n);
    }

    /** The honest chain, for hosts that serve its pre-images. */
    public L2Chain honestChain() {
        return honest;
    }

    /**
     * The newest L2 block derivable from L1 data up to block {@code l1HeadNumber}. L2 block n has L1 origin n, so
     * this is the head's number itself; it is still a method so callers do not bake that rule in.
     */
    public long safeHead(long l1HeadNumber) {
        l1Block(l1HeadNumber);
        return l1HeadNumber;
    }

    /**
     * The output root the program computes for disputed block {@code n} given L1 data up to {@code l1HeadNumber}:
     * the output at {@code min(n, safeHead)}. This is the honest value of an output claim in the game.
     */
    public Bytes32 honestOutput(long n, long l1HeadNumber) {
        if (n < 0) {
            throw new IllegalArgumentException("negative L2 block number " + n);
        }
        return outputRoot(Math.min(n, safeHead(l1HeadNumber)));
    }

    L2Chain derive(L2Chain.Rules rules) {
        return new L2Chain(scenario, l1, rules);
    }

    // ---- text ----

    /**
     * The chain as text for a terminal: per L2 block its L1 origin, the transactions (skipped ones marked with the
     * reason), the balances that changed, the state root and the output root.
     */
    public String render() {
        return render(honest, lastL2Block());
    }

    /** The same rendering for any chain over this scenario (e.g. a wrong proposer's) up to block {@code last}. */
    public String render(L2Chain chain, long last) {
        StringBuilder sb = new StringBuilder();
        sb.append("Scenario \"").append(scenario.name()).append("\", chain id ").append(Long.toUnsignedString(chainId()))
                .append(", ").append(scenario.accountCount()).append(" accounts, L1 blocks 0..").append(lastL1Block())
                .append(" (").append(Long.toUnsignedString(scenario.blockTime())).append(" s apart)\n");
        if (!scenario.description().isEmpty()) {
            sb.append(scenario.description()).append('\n');
        }
        L2Block previous = null;
        for (long n = 0; n <= last; n++) {
            L2Block b = chain.block(n);
            L1Block o = b.l1Origin();
            sb.append('\n').append("L2 block ").append(n).append("  L1 origin ").append(o.number()).append(' ')
                    .append(o.hash().shortHex()).append("  t=").append(Long.toUnsignedString(o.timestamp()));
            if (!l1ByHash.containsKey(o.hash())) {
                sb.append("  (invented L1 block)");
            }
            sb.append('\n');
            if (previous == null) {
                sb.append("  genesis balances: ").append(balances(b.balances(), null)).append('\n');
            } else {
                if (o.hasBatch()) {
                    sb.append("  batch ").append(o.batchHash().shortHex()).append(", ").append(o.txs().size()).append(" tx\n");
                } else {
                    sb.append("  no batch\n");
                }
                for (TxResult r : b.results()) {
                    sb.append("    ").append(describe(r.tx()));
                    if (r.skipped()) {
                        sb.append("   SKIPPED: ").append(r.reason());
                    } else if (r.reason() != null) {
                        sb.append("   ").append(r.reason());
                    }
                    sb.append('\n');
                }
                if (b.note() != null) {
                    sb.append("    ").append(b.note()).append('\n');
                }
                String changes = balances(b.balances(), previous.balances());
                sb.append("  balances: ").append(changes.isEmpty() ? "unchanged" : changes).append('\n');
            }
            sb.append("  state root  ").append(b.stateRoot().hex()).append('\n');
            sb.append("  output root ").append(b.outputRoot().hex()).append('\n');
            previous = b;
        }
        return sb.toString();
    }

    private String describe(Tx tx) {
        String amount = Long.toUnsignedString(tx.amount());
        if (tx.isDeposit()) {
            return "deposit  " + amount + " -> " + scenario.accountLabel(tx.to());
        }
        return "transfer " + amount + " " + scenario.accountLabel(tx.from()) + " -> " + scenario.accountLabel(tx.to());
    }

    /** All balances (before == null), or only the changed ones as "name old→new". */
    private String balances(long[] now, long[] before) {
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < now.length; i++) {
            if (before == null) {
                parts.add(scenario.accountLabel(i) + " " + Long.toUnsignedString(now[i]));
            } else if (now[i] != before[i]) {
                parts.add(scenario.accountLabel(i) + " " + Long.toUnsignedString(before[i]) + "→" + Long.toUnsignedString(now[i]));
            }
        }
        return String.join(", ", parts);
    }
}
