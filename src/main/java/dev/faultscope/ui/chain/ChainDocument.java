package dev.faultscope.ui.chain;

import dev.faultscope.chain.ChainException;
import dev.faultscope.chain.ChainGame;
import dev.faultscope.chain.ChainSnapshotFile;
import dev.faultscope.chain.FactoryReader;
import dev.faultscope.chain.GameReader;
import dev.faultscope.chain.Rpc;
import dev.faultscope.ui.game.GameView;
import dev.faultscope.ui.model.chain.ChainGameModel;
import dev.faultscope.ui.model.game.GameModel;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.application.Platform;
import javafx.concurrent.Task;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.scene.Node;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToolBar;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.BorderPane;
import javafx.stage.FileChooser;
import javafx.stage.Window;
import javafx.util.Duration;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/**
 * A game read from chain, as one open document: the game view (tree, inspector, replay of the chain's actions) shown
 * read-only, with the chain's facts, its Move/Resolved timeline, the calldata of the selected claim (copyable), a
 * stepped leaf's step as the contract checked it, and Follow, which re-reads the game every few seconds and updates
 * the view when anything changed. Every read runs off the FX thread with progress and cancel.
 */
public final class ChainDocument extends BorderPane implements AutoCloseable {
    /** How often Follow re-reads the game. */
    static final Duration FOLLOW_PERIOD = Duration.seconds(5);

    private final Consumer<Task<?>> tasks;
    private final Consumer<String> status;
    private ChainGameModel model;
    private GameView gameView;
    private final TextArea facts = area("chain-facts");
    private final ListView<String> timeline = new ListView<>();
    private final TextArea calldata = area("chain-calldata");
    private final TextArea step = area("chain-step");
    private final TabPane tabs = new TabPane();
    private final ToggleButton follow = new ToggleButton("Follow");
    private final Label note = new Label();
    private final Timeline poll;
    private boolean reading;

    private ChainDocument(ChainGameModel model, Consumer<Task<?>> tasks, Consumer<String> status) {
        this.tasks = tasks;
        this.status = status;
        Button copy = new Button("Copy calldata");
        copy.setOnAction(e -> {
            ClipboardContent c = new ClipboardContent();
            c.putString(calldata.getText());
            Clipboard.getSystemClipboard().setContent(c);
            status.accept("Calldata of claim " + selected() + " copied");
        });
        Button save = new Button("Save snapshot…");
        save.setOnAction(e -> saveSnapshot());
        follow.setId("chain-follow");
        follow.setOnAction(e -> status.accept(follow.isSelected() ? "Following the game: re-read every "
            + (int) FOLLOW_PERIOD.toSeconds() + " s" : "Stopped following"));
        setTop(new ToolBar(follow, copy, save, note));
        timeline.setId("chain-timeline");
        tabs.getTabs().setAll(new Tab("Chain", facts), new Tab("Timeline", timeline), new Tab("Calldata", calldata),
            new Tab("Step", step));
        tabs.getTabs().forEach(t -> t.setClosable(false));
        tabs.setPrefHeight(300);
        poll = new Timeline(new KeyFrame(FOLLOW_PERIOD, e -> followTick()));
        poll.setCycleCount(Timeline.INDEFINITE);
        poll.play();
        show(model);
    }

    public ChainGameModel model() {
        return model;
    }

    public String title() {
        return "Chain · " + model.title();
    }

    /**
     * File > Open game from chain…: asks for the URL and address, reads off the FX thread (listing a factory's games
     * to pick from first), then hands the document to {@code show}. Errors are shown and leave the app as it was.
     */
    public static void open(Window owner, Consumer<Task<?>> tasks, Consumer<String> status,
                            Consumer<ChainDocument> show) {
        ChainOpenDialog.ask(owner).ifPresent(req -> {
            if (req.factory()) {
                run(tasks, "Listing the factory's games", rpc -> new FactoryReader(rpc).games(req.address(), -1, 50),
                    req.rpcUrl(), games -> {
                        if (games.isEmpty()) {
                            error(owner, status, "The factory " + req.address() + " has no games");
                            return;
                        }
                        ChainOpenDialog.pick(owner, games).ifPresent(addr -> read(owner, req.rpcUrl(), addr, tasks,
                            status, show));
                    }, msg -> error(owner, status, msg));
            } else {
                read(owner, req.rpcUrl(), req.address(), tasks, status, show);
            }
        });
    }

    /** Reads one game and shows it. */
    public static void read(Window owner, String url, String address, Consumer<Task<?>> tasks, Consumer<String> status,
                            Consumer<ChainDocument> show) {
        // The read and the engine's replay run off the FX thread; only the view is built on it.
        run(tasks, "Reading " + address, rpc -> new ChainGameModel(new GameReader(rpc).read(address), url), url,
            m -> {
                ChainDocument doc = new ChainDocument(m, tasks, status);
                show.accept(doc);
                status.accept("Read " + m.title() + " at block " + m.game().readBlock()
                    + (m.problem() == null ? "" : " — " + m.problem()));
            }, msg -> error(owner, status, msg));
    }

    /** Reads a chain snapshot file and replays it (off the FX thread); Follow re-reads from the URL it names. */
    public static ChainGameModel readSnapshot(Path file) throws java.io.IOException {
        ChainGame g = ChainSnapshotFile.read(file);
        String url = new com.fasterxml.jackson.databind.ObjectMapper().readTree(file.toFile()).path("rpc").asText();
        return new ChainGameModel(g, url);
    }

    /** The view of a model read elsewhere (on the FX thread). */
    public static ChainDocument of(ChainGameModel model, Consumer<Task<?>> tasks, Consumer<String> status) {
        return new ChainDocument(model, tasks, status);
    }

    private interface Read<T> {
        T read(Rpc rpc);
    }

    private static <T> void run(Consumer<Task<?>> tasks, String what, Read<T> read, String url, Consumer<T> done,
                                Consumer<String> failed) {
        Task<T> task = new Task<>() {
            @Override
            protected T call() {
                updateMessage(what + "…");
                updateProgress(-1, 1);
                try (Rpc rpc = Rpc.connect(url)) {
                    return read.read(rpc);
                }
            }
        };
        task.setOnSucceeded(e -> done.accept(task.getValue()));
        task.setOnFailed(e -> failed.accept(task.getException() instanceof ChainException c ? c.getMessage()
            : String.valueOf(task.getException())));
        tasks.accept(task);
        Thread t = new Thread(task, "chain-read");
        t.setDaemon(true);
        t.start();
    }

    private static void error(Window owner, Consumer<String> status, String msg) {
        status.accept("Cannot read from chain: " + msg);
        Alert a = new Alert(Alert.AlertType.ERROR);
        a.initOwner(owner);
        a.setTitle("Cannot read from chain");
        a.setHeaderText("Cannot read from chain");
        a.setContentText(msg);
        a.getDialogPane().setId("error-dialog");
        a.show();
    }

    // ------------------------------------------------------------------------------------------------ view

    private void show(ChainGameModel m) {
        int keep = gameView == null ? 0 : selected();
        model = m;
        if (gameView != null) {
            gameView.close();
        }
        facts.setText(m.factsText());
        timeline.getItems().setAll(m.timeline());
        Node center;
        if (m.session() != null) {
            gameView = new GameView(new GameModel(m.session(), null, null, "a game read from chain"));
            gameView.setStatusSink(status);
            gameView.setTaskListener(tasks);
            readOnly(gameView);
            gameView.toEnd();
            if (keep < m.game().claims().size()) {
                gameView.select(keep);
            }
            gameView.addEventFilter(MouseEvent.MOUSE_RELEASED, e -> Platform.runLater(this::selectionChanged));
            gameView.setOnKeyReleased(e -> selectionChanged());
            SplitPane split = new SplitPane(gameView, tabs);
            split.setOrientation(Orientation.VERTICAL);
            split.setDividerPositions(0.68);
            center = split;
        } else {
            gameView = null;
            center = tabs;
        }
        setCenter(center);
        note.setText(m.problem() != null ? m.problem() : m.replay() != null && !m.replay().differences().isEmpty()
            ? "The engine's replay differs from the chain (see Chain)" : "Read-only · block " + m.game().readBlock());
        note.setPadding(new Insets(0, 0, 0, 12));
        selectionChanged();
    }

    /** The game view plays moves on its model; a chain game changes only on chain, so those controls go. */
    private static void readOnly(GameView v) {
        for (String id : List.of("#attackButton", "#defendButton", "#honestButton", "#resolveButton", "#valueField",
            "#sideChoice", "#playError", "#honestNote")) {
            Node n = v.lookup(id);
            if (n != null) {
                n.setVisible(false);
                n.setManaged(false);
            }
        }
    }

    private int selected() {
        return gameView == null ? 0 : gameView.model().selected();
    }

    private void selectionChanged() {
        int i = Math.max(0, Math.min(selected(), model.game().claims().size() - 1));
        calldata.setText(model.calldataText(i));
        step.setText(model.stepText(i));
    }

    public TabPane tabs() {
        return tabs;
    }

    public GameView gameView() {
        return gameView;
    }

    // ------------------------------------------------------------------------------------------------ follow, save

    private void followTick() {
        if (!follow.isSelected() || reading || model.rpcUrl() == null || model.rpcUrl().isEmpty()) {
            return;
        }
        reading = true;
        String address = model.game().address();
        String url = model.rpcUrl();
        run(tasks, "Following " + address, rpc -> new ChainGameModel(new GameReader(rpc).read(address), url), url, m -> {
            reading = false;
            ChainGame g = m.game();
            if (model.changedIn(g)) {
                show(m);
                status.accept("Updated from block " + g.readBlock() + ": " + g.claims().size() + " claims, " + g.status());
            } else {
                note.setText("Following · no change at block " + g.readBlock());
            }
        }, msg -> {
            reading = false;
            follow.setSelected(false);
            status.accept("Follow stopped: " + msg);
        });
    }

    private void saveSnapshot() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Save the chain snapshot");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("Chain snapshot", "*.json"));
        chooser.setInitialFileName("game-" + model.game().address().substring(2, 10) + ".json");
        var file = chooser.showSaveDialog(getScene().getWindow());
        if (file != null) {
            try {
                ChainSnapshotFile.write(model.game(), model.rpcUrl(), file.toPath());
                status.accept("Snapshot saved to " + file);
            } catch (java.io.IOException e) {
                status.accept("Could not save " + file + ": " + e.getMessage());
            }
        }
    }

    private static TextArea area(String id) {
        TextArea a = new TextArea();
        a.setEditable(false);
        a.setId(id);
        a.setStyle("-fx-font-family: monospace;");
        return a;
    }

    @Override
    public void close() {
        poll.stop();
        if (gameView != null) {
            gameView.close();
        }
    }
}
