package dev.faultscope.cli;

import dev.faultscope.crypto.Hex;
import dev.faultscope.fpp.Bytes32;
import dev.faultscope.fpp.ChainModel;
import dev.faultscope.fpp.FppHost;
import dev.faultscope.fpp.HostPreimageSource;
import dev.faultscope.fpp.Proposer;
import dev.faultscope.fpp.Proposers;
import dev.faultscope.oracle.PreimageSource;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A scenario's host as a pre-image source for {@code run} (e.g. a state taken in the middle of an fpp run): the
 * transition's local inputs, and the data the program's hints name, fetched lazily.
 */
final class ScenarioSourceOptions {
    @Option(names = "--scenario", description = "serve pre-images from this scenario's host (with --agreed-block and --claim-block)")
    Path scenario;

    @Option(names = "--agreed-block", description = "with --scenario: the transition's agreed L2 block")
    Long agreedBlock;

    @Option(names = "--claim-block", description = "with --scenario: the transition's claimed L2 block")
    Long claimBlock;

    @Option(names = "--proposer", description = "with --scenario: whose claim the run checks (default: honest)")
    String proposer;

    @Option(names = "--claim", description = "with --scenario: the claimed output root instead of a proposer's")
    String claim;

    @Option(names = "--l1-head", description = "with --scenario: the L1 head block (default: the newest)")
    Long l1Head;

    /** The host source, or null when no scenario was given. */
    PreimageSource source() throws IOException {
        if (scenario == null) {
            return null;
        }
        if (agreedBlock == null || claimBlock == null) {
            throw new IllegalArgumentException("--scenario needs --agreed-block and --claim-block (the transition the run checks)");
        }
        ChainModel model = ChainModel.load(scenario);
        FppHost host = new FppHost(model);
        Bytes32 claimed;
        if (claim != null) {
            claimed = Bytes32.of(Hex.decode(claim));
        } else {
            Proposer p = Proposers.named(proposer == null ? Proposers.HONEST : proposer, model);
            host.serve(p);
            claimed = p.claim(claimBlock);
        }
        long head = l1Head == null ? model.lastL1Block() : l1Head;
        return new HostPreimageSource(host, host.inputs(agreedBlock, claimBlock, claimed, head),
            "the host of scenario " + scenario.getFileName() + " (" + agreedBlock + " -> " + claimBlock + ")");
    }
}
