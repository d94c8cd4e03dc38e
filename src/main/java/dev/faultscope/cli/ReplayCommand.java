package dev.faultscope.cli;

import dev.faultscope.game.ClaimTable;
import dev.faultscope.game.Session;
import dev.faultscope.io.SessionFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.io.IOException;
import java.nio.file.Path;
import java.util.TreeMap;
import java.util.concurrent.Callable;

@Command(name = "replay", mixinStandardHelpOptions = true, description = "Load a session file, re-check it by replaying every action through the game "
    + "rules, and print its claims and how the game resolved.")
final class ReplayCommand implements Callable<Integer> {
    @ParentCommand
    Main main;

    @Option(names = "--session", required = true, description = "a session file (.json or .json.gz; see docs/formats.md)")
    Path session;

    @Override
    public Integer call() throws IOException {
        // Reading replays every action; a file the rules refuse fails here with the action and the contract error.
        SessionFile.Loaded loaded = SessionFile.read(session);
        Session s = loaded.session();
        main.out.println("Session: " + session + " • " + s.actions().size() + " actions replayed"
            + (s.scenario() == null ? "" : " • scenario " + s.scenario())
            + (s.scenarioFile() == null ? "" : " (embedded, " + s.scenarioFile().length + " bytes)"));
        if (!s.players().isEmpty()) {
            StringBuilder players = new StringBuilder("Players:");
            new TreeMap<>(s.players()).forEach((role, strategy) -> players.append(' ').append(role).append('=').append(strategy));
            main.out.println(players);
        }
        main.out.print(ClaimTable.of(loaded.game()).text());
        return 0;
    }
}
