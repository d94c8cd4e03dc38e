package dev.faultscope.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.faultscope.chain.FactoryReader;
import dev.faultscope.chain.Rpc;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "games", description = "List a DisputeGameFactory's games, newest first: index, type, created, "
    + "root claim, L2 block, status, address.")
final class GamesCommand implements Callable<Integer> {
    enum Format { text, json }

    @ParentCommand
    Main main;

    @Mixin
    ChainOptions chain;

    @Option(names = "--factory", required = true, description = "the DisputeGameFactory (proxy) address")
    String factory;

    @Option(names = "--from", defaultValue = "-1", description = "start at this game index, counting down (default: the newest)")
    long from;

    @Option(names = "--count", defaultValue = "20", description = "how many games (default: ${DEFAULT-VALUE})")
    int count;

    @Option(names = "--format", defaultValue = "text", description = "${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE})")
    Format format;

    @Override
    public Integer call() throws Exception {
        if (count < 1) {
            throw new IllegalArgumentException("--count must be at least 1, got " + count);
        }
        List<FactoryReader.FactoryGame> games;
        try (Rpc rpc = chain.connect()) {
            games = new FactoryReader(rpc).games(factory, from, count);
        }
        if (format == Format.json) {
            ObjectMapper m = new ObjectMapper();
            ArrayNode a = m.createArrayNode();
            for (FactoryReader.FactoryGame g : games) {
                ObjectNode o = a.addObject();
                o.put("index", g.index());
                o.put("gameType", g.gameType());
                o.put("created", g.created());
                o.put("rootClaim", g.rootClaim().hex());
                o.put("l2BlockNumber", g.l2BlockNumber());
                o.put("status", g.status().name());
                o.put("address", g.address());
            }
            main.out.println(m.writerWithDefaultPrettyPrinter().writeValueAsString(a));
        } else {
            main.out.printf("%5s %4s %11s %-66s %10s %-16s %s%n", "Idx", "Type", "Created", "Root claim", "L2 block",
                "Status", "Address");
            for (FactoryReader.FactoryGame g : games) {
                main.out.printf("%5d %4d %11d %-66s %10d %-16s %s%n", g.index(), g.gameType(), g.created(),
                    g.rootClaim().hex(), g.l2BlockNumber(), g.status(), g.address());
            }
        }
        return 0;
    }
}
