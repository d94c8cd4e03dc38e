package dev.faultscope.ui.game;

import dev.faultscope.agent.ExecutionTrace;
import dev.faultscope.fpp.Bytes32;
import dev.faultscope.game.Claim;
import dev.faultscope.game.ExecutionContext;
import dev.faultscope.game.FaultDisputeGame;
import dev.faultscope.ui.Fxml;
import dev.faultscope.ui.Splits;
import dev.faultscope.ui.model.Settings;
import dev.faultscope.ui.model.game.GameModel;
import dev.faultscope.ui.model.game.LeafStep;
import dev.faultscope.ui.model.game.TreeExport;
import dev.faultscope.ui.model.game.TreeLabels;
import dev.faultscope.ui.model.game.TreePicture;
import dev.faultscope.ui.model.game.TreeSearch;
import dev.faultscope.ui.model.game.TreeSvg;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.application.Platform;
import javafx.concurrent.Task;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.Slider;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Pane;
import javafx.util.Duration;

import java.math.BigInteger;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * The game explorer: the bisection tree, the replay controls and timeline, the inspector of the selected claim, the
 * narration, playing moves and the step at a leaf. Logic lives in {@link GameModel}; engine work that may run the
 * fault proof program (honest values, steps) runs on a worker thread.
 */
public final class GameView extends BorderPane implements AutoCloseable {
    /** Opens a claim's subgame in the VM workbench at a step. */
    public interface VmOpener {
        void open(GameView from, int claim, ExecutionContext ctx, long step);
    }

    @FXML private Button firstButton;
    @FXML private Button backButton;
    @FXML private Button playButton;
    @FXML private Button forwardButton;
    @FXML private Button lastButton;
    @FXML private ChoiceBox<String> speedChoice;
    @FXML private Slider scrubber;
    @FXML private Label positionLabel;
    @FXML private Label defenderClock;
    @FXML private Label challengerClock;
    @FXML private Label winnerLabel;
    @FXML private ToggleButton followToggle;
    @FXML private Pane canvasHolder;
    @FXML private Label narration;
    @FXML private Label inspectorTitle;
    @FXML private GridPane inspector;
    @FXML private Button openVmButton;
    @FXML private Button compareButton;
    @FXML private Button stepViewButton;
    @FXML private TextArea stepText;
    @FXML private ChoiceBox<String> sideChoice;
    @FXML private Button attackButton;
    @FXML private Button defendButton;
    @FXML private TextField valueField;
    @FXML private Button honestButton;
    @FXML private Button resolveButton;
    @FXML private Label playError;
    @FXML private Label honestNote;
    @FXML private ListView<GameModel.Entry> timeline;
    @FXML private javafx.scene.control.ScrollPane inspectorScroll;
    @FXML private javafx.scene.control.SplitPane split;
    @FXML private javafx.scene.control.SplitPane side;
    @FXML private TextField searchField;
    @FXML private ToggleButton legendToggle;

    private final GameModel model;
    private final TreeCanvas canvas = new TreeCanvas();
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "faultscope-game");
        t.setDaemon(true);
        return t;
    });
    private final Timeline player = new Timeline();
    private Consumer<String> status = s -> { };
    private Consumer<Task<?>> taskListener = t -> { };
    private VmOpener vmOpener;
    private java.util.function.ObjIntConsumer<GameView> honestComparer;
    private boolean updating;
    private volatile boolean closed;
    private LeafStep lastStep;
    /** The user placed the dividers (now or in an earlier run): font changes no longer move them. */
    private boolean userLayout;
    private int timeWidth = 12;
    private int actorWidth = 10;
    private Settings settings = new Settings();
    private BranchBar branchBar;

    public GameView(GameModel model) {
        Fxml.loadInto(this);
        this.model = model;
        setId("game-view");
        canvas.setId("tree-canvas");
        canvasHolder.getChildren().add(canvas);
        canvas.widthProperty().bind(canvasHolder.widthProperty());
        canvas.heightProperty().bind(canvasHolder.heightProperty());
        canvas.setOnSelect(this::select);
        canvas.setTooltipText(i -> TreeLabels.tooltip(model, i));
        installSearchKeys();
        canvas.setOnToggle(i -> {
            model.toggleCollapsed(i);
            refreshTree();
        });
        speedChoice.getItems().setAll("0.5 actions/s", "1 action/s", "2 actions/s", "5 actions/s", "20 actions/s");
        speedChoice.setValue("2 actions/s");
        speedChoice.valueProperty().addListener((o, a, b) -> setupPlayer());
        // The key column never truncates ("Expires / resolvable"); the values wrap instead.
        javafx.scene.layout.ColumnConstraints keys = new javafx.scene.layout.ColumnConstraints();
        keys.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        javafx.scene.layout.ColumnConstraints values = new javafx.scene.layout.ColumnConstraints();
        values.setHgrow(javafx.scene.layout.Priority.ALWAYS);
        values.setMinWidth(0);
        inspector.getColumnConstraints().setAll(keys, values);
        sideChoice.getItems().setAll("challenger", "defender");
        sideChoice.setValue("challenger");
        timeline.setCellFactory(l -> new ListCell<>() {
            @Override
            protected void updateItem(GameModel.Entry e, boolean empty) {
                super.updateItem(e, empty);
                if (empty || e == null) {
                    setText(null);
                    setStyle("");
                } else {
                    // Columns as wide as their widest entry (mainnet times and long actor names included).
                    setText(String.format("%3d  %-" + timeWidth + "s  %-" + actorWidth + "s  %s", e.k() + 1,
                        model.relativeTime(e.time()), e.actor(), e.summary()));
                    setStyle(e.k() < model.position() ? "" : "-fx-opacity: 0.55;");
                }
            }
        });
        timeline.setOnMouseClicked(e -> {
            GameModel.Entry sel = timeline.getSelectionModel().getSelectedItem();
            if (sel != null && !updating) {
                seek(sel.k() + 1);
            }
        });
        scrubber.valueProperty().addListener((o, a, b) -> {
            if (!updating) {
                seek((int) Math.round(b.doubleValue()));
            }
        });
        setOnKeyPressed(e -> {
            if (e.getTarget() instanceof TextField) {
                return;
            }
            // Ctrl+D, Ctrl+H, … belong to the menus; of the combinations only Ctrl+Enter is the game view's.
            if ((e.isShortcutDown() || e.isControlDown() || e.isAltDown() || e.isMetaDown()) && e.getCode() != KeyCode.ENTER) {
                return;
            }
            switch (e.getCode()) {
                case RIGHT -> forward();
                case LEFT -> back();
                case HOME -> toStart();
                case END -> toEnd();
                case SPACE -> togglePlay();
                case F -> fit();
                case L -> followToggle.setSelected(!followToggle.isSelected());
                case C -> toggleCollapse();
                case H -> honestAnswer();
                case K -> {
                    legendToggle.setSelected(!legendToggle.isSelected());
                    toggleLegend();
                }
                case A -> attack();
                case D -> defend();
                case ENTER -> {
                    if (!e.isShortcutDown()) {
                        return;
                    }
                    openInVm();
                }
                default -> {
                    return;
                }
            }
            e.consume();
        });
        honestNote.setText(model.honest() == null ? "· honest column blank: " + model.honestProblem()
            : "· honest values from " + model.honest().source());
        setupPlayer();
        sceneProperty().addListener((o, a, b) -> {
            if (b != null) {
                b.getStylesheets().addListener((javafx.collections.ListChangeListener<String>) c -> applyTheme());
                applyTheme();
            }
        });
        branchBar = new BranchBar(model);
        ((javafx.scene.layout.VBox) timeline.getParent()).getChildren().add(1, branchBar);
        // No empty line under the value field while no move was refused: the side's height goes to the timeline.
        playError.managedProperty().bind(playError.textProperty().isNotEmpty());
        // Undo, redo and a change of branch come from the menus or the branch bar: show the game they left.
        model.addChangeListener(() -> {
            if (Platform.isFxApplicationThread()) {
                refreshAll();
            } else {
                Platform.runLater(this::refreshAll);
            }
        });
        refreshAll();
        computeHonest();
        Platform.runLater(() -> {
            canvas.fit();
            canvas.requestFocus();
        });
        javafx.beans.InvalidationListener firstFit = new javafx.beans.InvalidationListener() {
            private boolean done;

            @Override
            public void invalidated(javafx.beans.Observable o) {
                if (!done && canvasHolder.getWidth() > 50 && canvasHolder.getHeight() > 50) {
                    done = true;
                    Platform.runLater(canvas::fit);
                }
            }
        };
        canvasHolder.widthProperty().addListener(firstFit);
        canvasHolder.heightProperty().addListener(firstFit);
    }

    /** Puts back the dividers the user placed in an earlier run, and remembers those placed from now on. */
    public void rememberLayout(Settings s) {
        settings = s;
        boolean a = Splits.remember(split, "game.split", s, () -> userLayout = true);
        boolean b = Splits.remember(side, "game.side", s, () -> userLayout = true);
        userLayout = a && b;
    }

    public void setStatusSink(Consumer<String> s) {
        status = s;
    }

    public void setTaskListener(Consumer<Task<?>> l) {
        taskListener = l;
    }

    /** Opens the selected execution claim's disputed trace beside the honest run (a diff document). */
    public void setHonestComparer(java.util.function.ObjIntConsumer<GameView> c) {
        honestComparer = c;
    }

    @FXML
    public void compareWithHonest() {
        if (honestComparer != null) {
            honestComparer.accept(this, model.selected());
        }
    }

    public void setVmOpener(VmOpener o) {
        vmOpener = o;
    }

    public GameModel model() {
        return model;
    }

    public TreeCanvas canvas() {
        return canvas;
    }

    public String narrationText() {
        return narration.getText();
    }

    public String playErrorText() {
        return playError.getText();
    }

    public LeafStep lastStep() {
        return lastStep;
    }

    private void applyTheme() {
        boolean dark = getScene() != null && getScene().getStylesheets().stream().anyMatch(s -> s.endsWith("dark.css"));
        canvas.setTheme(dark, narration.getFont().getSize());
    }

    /** Presentation sizes: the canvas text follows the window's font size. */
    public void fontChanged() {
        layoutForFont(true);
    }

    /**
     * Fits the panels to the font size; {@code changed}: the user just changed it (their old dividers are not kept
     * for the new size), else the view was just opened at the remembered size (remembered dividers stay).
     */
    public void layoutForFont(boolean changed) {
        Platform.runLater(() -> {
            applyCss();
            applyTheme();
            // Larger fonts need a wider side panel (inspector, step text, timeline), at the tree's expense.
            double size = narration.getFont().getSize();
            if (userLayout && changed) {
                userLayout = false;
                settings.forgetSplit("game.split");
                settings.forgetSplit("game.side");
            }
            if (!userLayout) {
                split.setDividerPositions(size >= 17 ? 0.5 : 0.68);
                // The move panel keeps its height (it takes from the claim's details); at large sizes the timeline,
                // under its branch bar, gets more of the side so it still shows a few actions.
                side.setDividerPositions(size >= 17 ? 0.55 : 0.6);
            }
            // At large sizes the timeline's second caption (where the honest values come from) gives its line to the list.
            honestNote.setManaged(size < 17);
            honestNote.setVisible(size < 17);
            if (stepText.isVisible()) {
                Platform.runLater(this::scrollToStep);
            }
            // The canvas shrank or grew with the panels: keep the selected claim in view.
            Platform.runLater(() -> canvas.reveal(model.selected()));
        });
    }

    // ---- replay ----

    private void setupPlayer() {
        boolean was = player.getStatus() == javafx.animation.Animation.Status.RUNNING;
        player.stop();
        double perSecond = Double.parseDouble(speedChoice.getValue().split(" ")[0]);
        player.getKeyFrames().setAll(new KeyFrame(Duration.seconds(1 / perSecond), e -> {
            if (!model.forward()) {
                stopPlaying();
            }
            refreshAll();
        }));
        player.setCycleCount(Timeline.INDEFINITE);
        if (was) {
            player.play();
        }
    }

    @FXML
    public void togglePlay() {
        if (player.getStatus() == javafx.animation.Animation.Status.RUNNING) {
            stopPlaying();
        } else {
            if (model.position() == model.size()) {
                model.seek(0);
            }
            player.play();
            // U+2016 (the workbench's pause glyph): the default font has it, unlike U+23F8.
            playButton.setText("‖ Pause");
        }
    }

    private void stopPlaying() {
        player.stop();
        playButton.setText("▶ Play");
    }

    @FXML
    public void forward() {
        model.forward();
        refreshAll();
    }

    @FXML
    public void back() {
        model.back();
        refreshAll();
    }

    @FXML
    public void toStart() {
        seek(0);
    }

    @FXML
    public void toEnd() {
        seek(model.size());
    }

    public void seek(int k) {
        model.seek(Math.max(0, Math.min(k, model.size())));
        refreshAll();
    }

    // ---- tree ----

    @FXML
    public void fit() {
        canvas.fit();
    }

    @FXML
    private void toggleCollapse() {
        model.toggleCollapsed(model.selected());
        refreshTree();
    }

    @FXML
    private void expandAll() {
        model.expandAll();
        refreshTree();
    }

    public void select(int index) {
        model.select(index);
        lastStep = null;
        canvas.setHighlighted(Set.of());
        stepText.setVisible(false);
        stepText.setManaged(false);
        refreshInspector();
        canvas.redraw();
    }

    /** Ctrl+E in the game view: the step at the selected leaf, or what to select to see one. */
    public void showStepOrExplain() {
        FaultDisputeGame g = model.game();
        if (g.claim(model.selected()).depth() == g.config().maxGameDepth()) {
            showStep();
        } else {
            status.accept("Ctrl+E shows the step at a leaf: select a claim at MAX_GAME_DEPTH " + g.config().maxGameDepth()
                + " (claim #" + model.selected() + " is at depth " + g.claim(model.selected()).depth() + ")");
        }
    }

    private void refreshTree() {
        canvas.show(model);
    }

    private void refreshAll() {
        updating = true;
        try {
            List<GameModel.Entry> entries = model.timeline();
            timeWidth = 1;
            actorWidth = 1;
            for (GameModel.Entry e : entries) {
                timeWidth = Math.max(timeWidth, model.relativeTime(e.time()).length());
                actorWidth = Math.max(actorWidth, e.actor().length());
            }
            if (timeline.getItems().size() != entries.size() || !timeline.getItems().equals(entries)) {
                timeline.getItems().setAll(entries);
            } else {
                timeline.refresh();
            }
            if (model.position() > 0) {
                timeline.getSelectionModel().select(model.position() - 1);
                timeline.scrollTo(Math.max(0, model.position() - 4));
            } else {
                timeline.getSelectionModel().clearSelection();
            }
            scrubber.setMax(Math.max(1, model.size()));
            scrubber.setValue(model.position());
            positionLabel.setText(String.format("action %d / %d · %s", model.position(), model.size(),
                model.relativeTime(model.now())));
            firstButton.setDisable(model.position() == 0);
            backButton.setDisable(model.position() == 0);
            forwardButton.setDisable(model.position() == model.size());
            lastButton.setDisable(model.position() == model.size());
        } finally {
            updating = false;
        }
        for (GameModel.TeamClock c : model.clocks()) {
            String text = String.format("%s %s left%s", c.team().equals("defender") ? "Defender" : "Challenger",
                dev.faultscope.game.ClaimTable.duration(Math.max(0, c.left())),
                c.againstClaim() >= 0 ? (c.running() ? " · running on #" : " · on #") + c.againstClaim() : "");
            (c.team().equals("defender") ? defenderClock : challengerClock).setText(text);
        }
        winnerLabel.setText(model.winnerText());
        branchBar.refresh();
        narration.setText(model.narration());
        FaultDisputeGame g = model.game();
        if (model.selected() >= g.claimCount() || followToggle.isSelected()) {
            model.select(g.claimCount() - 1);
        }
        refreshTree();
        if (followToggle.isSelected()) {
            canvas.reveal(g.claimCount() - 1);
        }
        refreshInspector();
    }

    private void refreshInspector() {
        int i = model.selected();
        FaultDisputeGame g = model.game();
        Claim c = g.claim(i);
        if (lastStep != null && lastStep.leaf() != i) {
            // The step text belongs to the leaf it was computed for: another selection hides it.
            lastStep = null;
            stepText.setVisible(false);
            stepText.setManaged(false);
            canvas.setHighlighted(Set.of());
        }
        inspectorTitle.setText("Claim #" + i + " · " + (c.isRoot() ? "root" : model.moveKind(i).toLowerCase()) + " · "
            + c.claimant());
        inspector.getChildren().clear();
        int row = 0;
        for (String[] r : model.details(i)) {
            Label k = new Label(r[0]);
            k.getStyleClass().add("inspector-key");
            Label v = new Label(r[1]);
            v.setWrapText(true);
            v.getStyleClass().add("inspector-value");
            if (r[0].equals("Value") || r[0].startsWith("Position")) {
                v.getStyleClass().add("mono");
            }
            inspector.addRow(row++, k, v);
        }
        boolean exec = c.depth() > g.config().splitDepth();
        openVmButton.setDisable(!exec || model.honest() == null);
        compareButton.setDisable(!exec || model.honest() == null || honestComparer == null);
        stepViewButton.setDisable(c.depth() != g.config().maxGameDepth());
        boolean leaf = c.depth() >= g.config().maxGameDepth();
        // At a leaf the same buttons send a step (with the honest trace's state data and proof).
        attackButton.setText(leaf ? "Attack step" : "Attack");
        defendButton.setText(leaf ? "Defend step" : "Defend");
        attackButton.setDisable(leaf && model.honest() == null);
        defendButton.setDisable(leaf && model.honest() == null);
        valueField.setDisable(leaf);
        honestButton.setDisable(model.honest() == null);
        resolveButton.setDisable(model.honest() == null);
    }

    private void computeHonest() {
        if (model.honest() == null) {
            return;
        }
        Task<Void> t = new Task<>() {
            @Override
            protected Void call() {
                updateMessage("computing the honest agent's values");
                model.computeHonest(() -> isCancelled() || closed);
                return null;
            }
        };
        t.setOnSucceeded(e -> {
            canvas.show(model);
            refreshInspector();
            status.accept("Honest values computed: ✓ the honest agent agrees, ✗ it disagrees.");
        });
        t.setOnFailed(e -> status.accept("Honest values could not be computed: " + t.getException().getMessage()));
        taskListener.accept(t);
        worker.execute(t);
    }

    // ---- leaf step, VM ----

    /** Scrolls the inspector so the step text starts at the top of its viewport. */
    private void scrollToStep() {
        inspectorScroll.layout();
        double content = inspectorScroll.getContent().getBoundsInLocal().getHeight();
        double view = inspectorScroll.getViewportBounds().getHeight();
        double y = stepText.getBoundsInParent().getMinY();
        if (content > view) {
            inspectorScroll.setVvalue(Math.min(1, Math.max(0, y / (content - view))));
        }
    }

    @FXML
    public void showStep() {
        int i = model.selected();
        FaultDisputeGame g = model.game();
        Task<LeafStep> t = new Task<>() {
            @Override
            protected LeafStep call() {
                updateMessage("computing the step at leaf #" + i);
                return LeafStep.of(g, i, model.honest());
            }
        };
        t.setOnSucceeded(e -> {
            lastStep = t.getValue();
            stepText.setText(lastStep.text());
            stepText.setVisible(true);
            stepText.setManaged(true);
            // The step text sits below the inspector's rows: scroll it into view.
            Platform.runLater(this::scrollToStep);
            Set<Integer> h = new HashSet<>();
            for (int k : lastStep.highlighted()) {
                h.add(k);
            }
            canvas.setHighlighted(h);
            status.accept("Step at leaf #" + i + ": " + lastStep.verdict());
        });
        t.setOnFailed(e -> status.accept("Cannot compute the step: " + t.getException().getMessage()));
        taskListener.accept(t);
        worker.execute(t);
    }

    @FXML
    public void openInVm() {
        int i = model.selected();
        FaultDisputeGame g = model.game();
        Claim c = g.claim(i);
        if (c.depth() <= g.config().splitDepth() || vmOpener == null) {
            return;
        }
        ExecutionContext ctx = g.executionContext(i);
        BigInteger traceIndex = c.position().traceIndexInSubgame(g.config().splitDepth(), g.config().maxGameDepth());
        // Past any run's end (deep configurations), the VM shows the final state.
        vmOpener.open(this, i, ctx, ExecutionTrace.index(traceIndex.add(BigInteger.ONE)));
    }

    // ---- playing ----

    @FXML
    public void attack() {
        play(true);
    }

    @FXML
    public void defend() {
        play(false);
    }

    private void play(boolean isAttack) {
        stopPlaying();
        int parent = model.selected();
        if (model.game().claim(parent).depth() == model.game().config().maxGameDepth()) {
            playStep(parent, isAttack);
            return;
        }
        String typed = valueField.getText().trim();
        if (!typed.isEmpty()) {
            // A typo is the user's input to fix, not something the contract refused.
            try {
                Bytes32.fromHex(typed);
            } catch (RuntimeException e) {
                showInputError("\"" + typed + "\" is not a 32-byte hex value (0x and 64 hex digits): " + e.getMessage());
                return;
            }
        }
        String actor = sideChoice.getValue();
        Task<Bytes32> t = new Task<>() {
            @Override
            protected Bytes32 call() {
                if (!typed.isEmpty()) {
                    return Bytes32.fromHex(typed);
                }
                Bytes32 v = model.proposal(parent, isAttack);
                if (v == null) {
                    throw new IllegalArgumentException("type a value: without the scenario there is no honest proposal");
                }
                return v;
            }
        };
        t.setOnSucceeded(e -> showPlay(model.move(parent, isAttack, t.getValue(), actor)));
        t.setOnFailed(e -> {
            if (t.getException() instanceof dev.faultscope.game.GameError) {
                showPlay(t.getException().getMessage());
            } else {
                showInputError("Cannot compute the value: " + t.getException().getMessage());
            }
        });
        taskListener.accept(t);
        worker.execute(t);
    }

    private void playStep(int leaf, boolean isAttack) {
        String actor = sideChoice.getValue();
        Task<String> t = new Task<>() {
            @Override
            protected String call() {
                updateMessage("computing the step's state data and proof at leaf #" + leaf);
                return model.step(leaf, isAttack, actor);
            }
        };
        t.setOnSucceeded(e -> showPlay(t.getValue()));
        t.setOnFailed(e -> showPlay("Cannot compute the step: " + t.getException().getMessage()));
        taskListener.accept(t);
        worker.execute(t);
    }

    /** Sends a step at a leaf at once (tests and scripts). Returns the refusal, or null. */
    public String stepNow(int leaf, boolean isAttack, String actor) {
        String err = model.step(leaf, isAttack, actor);
        showPlay(err);
        return err;
    }

    /** Plays a move with the given value at once (tests and scripts). Returns the refusal, or null. */
    public String playNow(int parent, boolean isAttack, Bytes32 value, String actor) {
        String err = model.move(parent, isAttack, value, actor);
        showPlay(err);
        return err;
    }

    @FXML
    public void honestAnswer() {
        stopPlaying();
        String actor = sideChoice.getValue().equals("challenger") ? "defender" : "challenger";
        Task<String> t = new Task<>() {
            @Override
            protected String call() {
                updateMessage("the honest agent is answering");
                return model.honestAnswer(actor);
            }
        };
        t.setOnSucceeded(e -> {
            String r = t.getValue();
            if (r != null && r.startsWith(GameModel.NOTHING_TO_ANSWER)) {
                showInputError(r);
            } else {
                showPlay(r);
            }
        });
        t.setOnFailed(e -> showInputError("The honest agent failed: " + t.getException().getMessage()));
        taskListener.accept(t);
        worker.execute(t);
    }

    @FXML
    public void resolve() {
        stopPlaying();
        Task<String> t = new Task<>() {
            @Override
            protected String call() {
                return model.resolveWhenClocksAllow();
            }
        };
        t.setOnSucceeded(e -> showPlay(t.getValue()));
        taskListener.accept(t);
        worker.execute(t);
    }

    private void showPlay(String error) {
        if (error == null) {
            playError.setText("");
            playError.getStyleClass().remove("problem");
            refreshAll();
            computeHonest();
            status.accept("Accepted: " + model.narration());
        } else {
            playError.setText("Refused · " + error);
            if (!playError.getStyleClass().contains("problem")) {
                playError.getStyleClass().add("problem");
            }
            status.accept("The contract refused the move: " + error);
        }
    }

    /** A problem that is not the contract's: bad input, or nothing to do. Shown where refusals are, worded apart. */
    private void showInputError(String message) {
        playError.setText(message);
        if (!playError.getStyleClass().contains("problem")) {
            playError.getStyleClass().add("problem");
        }
        status.accept(message);
    }

    public javafx.scene.control.SplitPane sideSplit() {
        return side;
    }

    // ---- export ----

    /** The whole tree as a slide: title, narration, legend and every claim (what both exports draw). */
    public TreePicture exportPicture() {
        return TreeExport.picture(model, model.layout(), TreeExport.name(model), canvas.dark(), 13, canvas.highlighted());
    }

    /** Writes the whole tree as a PNG at {@code scale} (1, 2, 3…); returns its size in pixels. */
    public int[] exportPng(Path path, double scale) throws IOException {
        TreePicture pic = exportPicture();
        PngExport.write(pic, scale, path);
        return PngExport.size(pic, scale);
    }

    public void exportSvg(Path path) throws IOException {
        dev.faultscope.io.AtomicFiles.write(path, TreeSvg.svg(exportPicture(), i -> TreeLabels.tooltip(model, i))
            .getBytes(StandardCharsets.UTF_8));
    }

    // ---- go to claim, search ----

    private String lastQuery = "";
    private java.util.List<Integer> matches = List.of();
    private int matchAt;

    /** Ctrl+G (go to claim #…) and Ctrl+F (search) from anywhere in the game view; Esc leaves the field. */
    private void installSearchKeys() {
        addEventFilter(javafx.scene.input.KeyEvent.KEY_PRESSED, e -> {
            if (e.isShortcutDown() && (e.getCode() == KeyCode.G || e.getCode() == KeyCode.F)) {
                focusSearch(e.getCode() == KeyCode.G ? "#" : null);
                e.consume();
            }
        });
        searchField.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ESCAPE) {
                canvas.requestFocus();
                e.consume();
            }
        });
    }

    /** Focuses the search field; with {@code prefix}, starts it with that text ("#" for go to claim). */
    public void focusSearch(String prefix) {
        searchField.requestFocus();
        // After the focus: gaining focus selects the whole text, which typing would replace.
        Platform.runLater(() -> {
            if (prefix != null) {
                searchField.setText(prefix);
                searchField.positionCaret(prefix.length());
            } else {
                searchField.selectAll();
            }
        });
    }

    /** Runs the search field's query: selects and centres the first match, or the next one when run again. */
    @FXML
    public void search() {
        searchFor(searchField.getText());
    }

    /** Selects and centres the query's next match; returns the claim, or -1 (the status says why). */
    public int searchFor(String query) {
        if (!query.equals(lastQuery) || matches.isEmpty()) {
            TreeSearch.Result r = TreeSearch.find(model.game(), query);
            lastQuery = query;
            matches = r.matches();
            matchAt = 0;
            if (matches.isEmpty()) {
                status.accept("Search: " + r.message());
                return -1;
            }
            status.accept("Search: " + r.message());
        } else {
            matchAt = (matchAt + 1) % matches.size();
            status.accept(String.format("Search \"%s\": match %d of %d, claim #%d", query.trim(), matchAt + 1,
                matches.size(), matches.get(matchAt)));
        }
        int i = matches.get(matchAt);
        goTo(i);
        return i;
    }

    /** Selects claim {@code i} and centres it (expanding a collapsed ancestor so it can be seen). */
    public void goTo(int i) {
        followToggle.setSelected(false);
        if (canvas.layout() != null && canvas.layout().node(i) == null) {
            model.expandAll();
            refreshTree();
        }
        select(i);
        canvas.centre(i);
    }

    @FXML
    private void toggleLegend() {
        canvas.setLegendVisible(legendToggle.isSelected());
    }

    @Override
    public void close() {
        closed = true;
        player.stop();
        worker.shutdownNow();
    }
}
