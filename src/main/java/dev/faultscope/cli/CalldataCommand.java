package dev.faultscope.cli;

import dev.faultscope.chain.Calldata;
import dev.faultscope.chain.Rpc;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.time.Duration;
import java.util.concurrent.Callable;

@Command(name = "calldata", description = "Print the exact transaction (to, value, data) of one game action, as cast "
    + "takes it. With --rpc a move's disputed value and bond are read from the game.")
final class CalldataCommand implements Callable<Integer> {
    @ParentCommand
    Main main;

    @Mixin
    ActionOptions action;

    @Option(names = "--rpc", description = "the L1 node's JSON-RPC URL (optional)")
    String rpc;

    @Override
    public Integer call() throws Exception {
        Calldata.Tx tx;
        if (rpc == null) {
            tx = action.tx(null);
        } else {
            try (Rpc r = new Rpc(rpc, Duration.ofSeconds(20))) {
                tx = action.tx(r);
            }
        }
        main.out.print(tx.cast());
        return 0;
    }
}
