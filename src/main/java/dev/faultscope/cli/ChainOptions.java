package dev.faultscope.cli;

import dev.faultscope.chain.Rpc;
import picocli.CommandLine.Option;

import java.time.Duration;

/** The node to talk to: {@code --rpc URL} and {@code --timeout}. */
final class ChainOptions {
    @Option(names = "--rpc", required = true, description = "the L1 node's JSON-RPC URL (http:// or https://)")
    String rpc;

    @Option(names = "--timeout", defaultValue = "20", description = "seconds to wait for each answer (default: ${DEFAULT-VALUE})")
    int timeoutSeconds;

    Rpc connect() {
        return new Rpc(rpc, Duration.ofSeconds(timeoutSeconds));
    }
}
