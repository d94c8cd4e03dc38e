package dev.faultscope.cli;

import dev.faultscope.fpp.ChainModel;
import dev.faultscope.fpp.Proposer;
import dev.faultscope.fpp.Proposers;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "chain", mixinStandardHelpOptions = true, description = "Print a scenario's chain: per block its L1 origin, transactions (skipped ones marked), state root and output root.")
final class ChainCommand implements Callable<Integer> {
    @ParentCommand
    Main main;

    @Option(names = "--scenario", required = true, description = "a scenario JSON (see docs/formats.md)")
    Path scenario;

    @Option(names = "--proposer", description = "show this proposer's chain instead: ${COMPLETION-CANDIDATES}",
        completionCandidates = ProposerNames.class)
    String proposer;

    @Override
    public Integer call() throws java.io.IOException {
        ChainModel model = ChainModel.load(scenario);
        if (proposer == null) {
            main.out.print(model.render());
        } else {
            Proposer p = Proposers.named(proposer, model);
            main.out.print(model.render(p.chain(), p.chain().lastBlock()));
        }
        return 0;
    }

    static final class ProposerNames implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return Proposers.NAMES.iterator();
        }
    }
}
