package dev.faultscope.cli;

import dev.faultscope.game.ClaimTable;
import dev.faultscope.io.SessionFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "list-claims", mixinStandardHelpOptions = true, description = "List a session's claims as op-challenger's list-claims does "
    + "(move kind, parent, depth, trace index, value, claimant, bond, clock, countered by).")
final class ListClaimsCommand implements Callable<Integer> {
    enum Format { text, json }

    @ParentCommand
    Main main;

    @Option(names = "--session", required = true, description = "a session file (.json or .json.gz; see docs/formats.md)")
    Path session;

    @Option(names = "--format", defaultValue = "text", description = "${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE})")
    Format format;

    @Override
    public Integer call() throws IOException {
        ClaimTable table = ClaimTable.of(SessionFile.read(session).game());
        main.out.print(format == Format.json ? table.json() : table.table());
        return 0;
    }
}
