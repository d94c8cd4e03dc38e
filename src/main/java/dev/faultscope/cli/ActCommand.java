package dev.faultscope.cli;

import dev.faultscope.chain.Calldata;
import dev.faultscope.chain.ChainException;
import dev.faultscope.chain.Rpc;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.util.concurrent.Callable;

@Command(name = "act", description = "Send one game action as a transaction signed with --key (meant for devnets), "
    + "wait for the receipt, and report success or the contract's error name (exit 1).")
final class ActCommand implements Callable<Integer> {
    @ParentCommand
    Main main;

    @Mixin
    ChainOptions chain;

    @Mixin
    ActionOptions action;

    @Option(names = "--key", required = true, description = "the sender's private key (0x + 64 hex digits)")
    String key;

    @Override
    public Integer call() throws Exception {
        if (key == null || !key.matches("(0x)?[0-9a-fA-F]{64}")) {
            throw new IllegalArgumentException("--key: expected 0x and 64 hex digits");
        }
        Credentials credentials = Credentials.create(key);
        try (Rpc rpc = chain.connect()) {
            Calldata.Tx tx = action.tx(rpc);
            TransactionReceipt r;
            try {
                r = rpc.sendAndWait(credentials, tx.to(), tx.value(), tx.data(), action.action.name());
            } catch (ChainException e) {
                if (e.revertName() != null) {
                    throw new Main.CommandFailure(action.action + " reverted: " + e.revertName(), 1);
                }
                throw e;
            }
            main.out.println(action.action + " succeeded: tx " + r.getTransactionHash() + " in block "
                + r.getBlockNumber() + ", gas used " + r.getGasUsed());
        }
        return 0;
    }
}
