package dev.faultscope.cli;

import dev.faultscope.chain.ChainException;
import dev.faultscope.chain.ChainGame;
import dev.faultscope.chain.ChainGameText;
import dev.faultscope.chain.ChainReplay;
import dev.faultscope.chain.ChainSnapshotFile;
import dev.faultscope.chain.GameReader;
import dev.faultscope.chain.Rpc;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "game", description = "Read one FaultDisputeGame from chain: version, immutables, status, every "
    + "claim (in list-claims columns), credits; replayed through the engine under its version's rules.")
final class GameCommand implements Callable<Integer> {
    enum Format { text, json }

    @ParentCommand
    Main main;

    @Mixin
    ChainOptions chain;

    @Option(names = "--game", required = true, description = "the game's address")
    String game;

    @Option(names = "--format", defaultValue = "text", description = "${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE})")
    Format format;

    @Option(names = "--out", description = "also write the game as a chain snapshot file (docs/formats.md)")
    Path out;

    @Override
    public Integer call() throws Exception {
        ChainGame g;
        try (Rpc rpc = chain.connect()) {
            g = new GameReader(rpc).read(game);
        }
        ChainReplay replay = null;
        if (g.rules().isPresent()) {
            try {
                replay = ChainReplay.of(g);
            } catch (ChainException e) {
                main.err.println("warning: " + e.getMessage());
            }
        }
        if (format == Format.json) {
            main.out.println(ChainSnapshotFile.toJson(g, chain.rpc).toPrettyString());
        } else {
            main.out.print(ChainGameText.render(g, replay));
        }
        if (out != null) {
            ChainSnapshotFile.write(g, chain.rpc, out);
            main.err.println("wrote " + out);
        }
        return 0;
    }
}
