package dev.faultscope.ui;

import dev.faultscope.fpp.ChainModel;
import dev.faultscope.fpp.Scenario;
import dev.faultscope.io.CannonProofFile;
import dev.faultscope.io.CannonStateFile;
import dev.faultscope.io.FileFormatException;
import dev.faultscope.agent.GameRunner;
import dev.faultscope.game.ExecutionContext;
import dev.faultscope.chain.ChainSnapshotFile;
import dev.faultscope.io.SessionFile;
import dev.faultscope.ui.chain.ChainDocument;
import dev.faultscope.ui.game.GameView;
import dev.faultscope.ui.game.NewGameDialog;
import dev.faultscope.ui.model.FileKind;
import dev.faultscope.ui.lesson.LessonPanel;
import dev.faultscope.ui.model.game.GameDocument;
import dev.faultscope.ui.model.lesson.Lesson;
import dev.faultscope.ui.model.game.GameModel;
import dev.faultscope.ui.model.game.HonestView;
import dev.faultscope.ui.model.FontScale;
import dev.faultscope.ui.model.KeyHelp;
import dev.faultscope.ui.model.Settings;
import dev.faultscope.ui.model.LoadedRun;
import dev.faultscope.ui.model.RecentFiles;
import dev.faultscope.ui.model.Speed;
import dev.faultscope.ui.workbench.WorkbenchView;
import dev.faultscope.vm.StepProof;
import dev.faultscope.vm.elf.ElfFormatException;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.concurrent.Task;
import javafx.fxml.FXML;
import javafx.fxml.FXMLLoader;
import javafx.geometry.Rectangle2D;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.input.DragEvent;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.StackPane;
import javafx.stage.FileChooser;
import javafx.stage.Screen;
import javafx.stage.Stage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.prefs.Preferences;

/**
 * The app's shell: menus (every action, with its shortcut), the open content (a workbench or a proof), the
 * status bar with the progress of long work, themes and presentation sizes, opening files by menu, recent
 * list or drag and drop. Files are read off the FX thread; a bad file is an error dialog, nothing else changes.
 */
public final class MainWindow {
    public static final String SAMPLE_RESOURCE = "/samples/classroom.json";

    @FXML
    private BorderPane root;
    @FXML
    private StackPane content;
    @FXML
    private Label statusText;
    @FXML
    private Label titleText;
    @FXML
    private Label zoomText;
    @FXML
    private ProgressBar progress;
    @FXML
    private Button cancelButton;
    @FXML
    private Menu recentMenu;
    @FXML
    private Menu runMenu;
    @FXML
    private CheckMenuItem darkItem;
    @FXML
    private Menu speedMenu;
    @FXML
    private CheckMenuItem presentationItem;

    private final Stage stage;
    private final Scene scene;
    private final FontScale fonts = new FontScale();
    /** The preferences node can be redirected (the UI tests do) so a test run never edits a user's recent files. */
    private final Preferences prefs = Preferences.userRoot().node(System.getProperty("faultscope.prefs.node", "dev/faultscope/ui"));
    private final RecentFiles recent = new RecentFiles(prefs);
    private final Settings settings = Settings.load(prefs);
    private GameView gameView;
    private GameDocument gameDoc;
    private LessonPanel lessonPanel;
    /** The status bar, kept to put back below the lesson strip. */
    private Node statusBar;
    /** Asked before unsaved edits would be lost; tests answer it without a dialog. */
    private UnsavedQuestion unsavedQuestion;
    /** Picks the file Save As writes to (null: cancelled); tests pick without a dialog. */
    private java.util.function.Function<GameDocument, Path> saveChooser = this::chooseSaveFile;
    private final ExecutorService loader = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "faultscope-open");
        t.setDaemon(true);
        return t;
    });
    private final ObjectProperty<WorkbenchView> workbench = new SimpleObjectProperty<>();
    private Task<?> currentTask;
    private ChainDocument chainDocument;
    private final TraceActions traceActions;

    public MainWindow(Stage stage) {
        this.stage = stage;
        this.traceActions = new TraceActions(this, stage);
        FXMLLoader fxml = new FXMLLoader(MainWindow.class.getResource("MainWindow.fxml"));
        fxml.setController(this);
        try {
            fxml.load();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        scene = new Scene(root);
        javafx.scene.shape.Rectangle clip = new javafx.scene.shape.Rectangle();
        clip.widthProperty().bind(content.widthProperty());
        clip.heightProperty().bind(content.heightProperty());
        content.setClip(clip);
        fonts.restore(settings.fontSize, settings.presentation, settings.fontBeforePresentation);
        applyTheme(settings.dark);
        applyFont();
        stage.setScene(scene);
        placeWindow();
        // The text size the window can lay out follows the window (a projector's 1280x720 takes less than a monitor).
        scene.widthProperty().addListener(o -> fitFontToWindow());
        scene.heightProperty().addListener(o -> fitFontToWindow());
        stage.setTitle("Faultscope");
        statusBar = root.getBottom();
        unsavedQuestion = UnsavedQuestion.dialog(stage, scene.getStylesheets());
        stage.setOnCloseRequest(e -> {
            if (!confirmLeave("closing the window")) {
                e.consume();
            }
        });
        scene.setOnDragOver(this::dragOver);
        scene.setOnDragDropped(this::dragDropped);
        runMenu.disableProperty().bind(workbench.isNull());
        speedMenu.disableProperty().bind(workbench.isNull());
        recentMenu.setOnShowing(e -> rebuildRecent());
        rebuildRecent();
        progress.setVisible(false);
        cancelButton.setVisible(false);
        for (Speed s : Speed.values()) {
            MenuItem item = new MenuItem(s.label());
            item.setOnAction(e -> withWorkbench(w -> w.setSpeed(s)));
            speedMenu.getItems().add(item);
        }
        setStatus("Ready. Open a program, a Cannon state or proof, or a scenario (Ctrl+O), or drop one here.");
    }

    public Scene scene() {
        return scene;
    }

    public Settings settings() {
        return settings;
    }

    public FontScale fonts() {
        return fonts;
    }

    /**
     * The remembered place and size when it is still on a screen, else most of the primary screen's visual bounds
     * (up to 1600x1000), centred. The stage's size includes the window manager's decorations, so it fits as set.
     */
    private void placeWindow() {
        Rectangle2D vb = Screen.getPrimary().getVisualBounds();
        double x, y, w, h;
        if (settings.hasWindowBounds()
            && !Screen.getScreensForRectangle(settings.x, settings.y, settings.width, settings.height).isEmpty()) {
            Rectangle2D on = Screen.getScreensForRectangle(settings.x, settings.y, settings.width, settings.height)
                .get(0).getVisualBounds();
            w = Math.min(settings.width, on.getWidth());
            h = Math.min(settings.height, on.getHeight());
            x = Math.max(on.getMinX(), Math.min(settings.x, on.getMaxX() - w));
            y = Math.max(on.getMinY(), Math.min(settings.y, on.getMaxY() - h));
        } else {
            w = Math.min(vb.getWidth(), 1600);
            h = Math.min(vb.getHeight(), 1000);
            x = vb.getMinX() + (vb.getWidth() - w) / 2;
            y = vb.getMinY() + (vb.getHeight() - h) / 2;
        }
        stage.setX(x);
        stage.setY(y);
        stage.setWidth(w);
        stage.setHeight(h);
        stage.setMaximized(settings.maximized);
        stage.maximizedProperty().addListener((o, a, b) -> settings.maximized = b);
        javafx.beans.InvalidationListener bounds = o -> {
            if (!stage.isMaximized() && !stage.isIconified()) {
                settings.x = stage.getX();
                settings.y = stage.getY();
                settings.width = stage.getWidth();
                settings.height = stage.getHeight();
            }
        };
        stage.xProperty().addListener(bounds);
        stage.yProperty().addListener(bounds);
        stage.widthProperty().addListener(bounds);
        stage.heightProperty().addListener(bounds);
    }

    /** Lines of text the lesson strip (title bar and a chapter's text) adds under the game view. */
    private static final double LESSON_LINES = 10;

    private void fitFontToWindow() {
        if (scene.getWidth() > 0 && scene.getHeight() > 0
            && fonts.fitWindow(scene.getWidth(), scene.getHeight(), lessonPanel == null ? 0 : LESSON_LINES)) {
            applyFont();
        }
    }

    public WorkbenchView workbench() {
        return workbench.get();
    }

    public void setStatus(String text) {
        // A running task shows its progress messages here; a message of our own takes over from it.
        if (statusText.textProperty().isBound()) {
            statusText.textProperty().unbind();
        }
        statusText.setText(text);
    }

    public String status() {
        return statusText.getText();
    }

    // ---- opening ----

    /** The bundled sample: classroom, block 1 → 2, claimed by the invalid-transfers proposer. */
    public void openSample() {
        run("Loading the classroom sample", () -> {
            byte[] json;
            try (InputStream in = MainWindow.class.getResourceAsStream(SAMPLE_RESOURCE)) {
                if (in == null) {
                    throw new IOException("the bundled sample " + SAMPLE_RESOURCE + " is missing from the build");
                }
                json = in.readAllBytes();
            }
            ChainModel model = ChainModel.of(Scenario.parse(json, Path.of("classroom.json")));
            ScenarioDialog.Choice d = ScenarioDialog.defaults(model);
            LoadedRun r = LoadedRun.faultProof(model, model.scenario().name(), d.agreedBlock(), d.claimBlock(), d.proposer());
            return () -> showRun(r);
        }, Path.of("classroom.json (bundled sample)"));
    }

    public void open(Path path) {
        run("Opening " + path.getFileName(), () -> {
            if (ChainSnapshotFile.isSnapshot(path)) {
                var model = ChainDocument.readSnapshot(path);
                return () -> opened(path, () -> showChain(ChainDocument.of(model, this::track, this::setStatus)));
            }
            FileKind kind;
            try {
                kind = FileKind.detect(path);
            } catch (FileKind.Unrecognised e) {
                throw new OpenFailure(e.getMessage());
            }
            String name = path.getFileName().toString();
            return switch (kind) {
                case ELF -> {
                    LoadedRun r = LoadedRun.elf(name, dev.faultscope.io.InputFiles.read(path, dev.faultscope.io.InputFiles.Limit.ELF));
                    yield () -> opened(path, () -> showRun(r));
                }
                case CANNON_STATE -> {
                    LoadedRun r = LoadedRun.state(name, CannonStateFile.read(path));
                    yield () -> opened(path, () -> {
                        showRun(r);
                        traceActions.offerPreimagesNextTo(path);
                    });
                }
                case TRACE_BUNDLE -> {
                    LoadedRun r = LoadedRun.bundle(path);
                    yield () -> opened(path, () -> showRun(r));
                }
                case CANNON_PROOF -> {
                    StepProof proof = CannonProofFile.read(path);
                    yield () -> opened(path, () -> showProof(path, proof));
                }
                case SCENARIO -> {
                    ChainModel model = ChainModel.load(path);
                    yield () -> ScenarioDialog.ask(stage, name, model).ifPresent(c -> run("Preparing the fault proof program",
                        () -> {
                            LoadedRun r = LoadedRun.faultProof(model, model.scenario().name(), c.agreedBlock(), c.claimBlock(), c.proposer());
                            return () -> opened(path, () -> showRun(r));
                        }, path));
                }
                case SESSION -> {
                    SessionFile.Loaded loaded = SessionFile.read(path);
                    GameModel gm = GameModel.open(loaded.session(), path);
                    yield () -> opened(path, () -> showGame(gm, path.getFileName().toString()));
                }
            };
        }, path);
    }

    private void opened(Path path, Runnable show) {
        recent.add(path);
        show.run();
    }

    /** Work that reads files, off the FX thread; it returns what to do with the result on the FX thread. */
    @FunctionalInterface
    private interface Opening {
        Runnable call() throws Exception;
    }

    /** A problem with the file described for the user, without a stack trace. */
    private static final class OpenFailure extends Exception {
        OpenFailure(String message) {
            super(message);
        }
    }

    private void run(String what, Opening work, Path path) {
        Task<Runnable> t = new Task<>() {
            @Override
            protected Runnable call() throws Exception {
                updateMessage(what + "…");
                return work.call();
            }
        };
        t.setOnSucceeded(e -> {
            taskDone(t);
            try {
                t.getValue().run();
            } catch (RuntimeException ex) {
                error(path, describe(ex));
            }
        });
        t.setOnFailed(e -> {
            taskDone(t);
            error(path, describe(t.getException()));
        });
        track(t);
        loader.execute(t);
    }

    /** What went wrong, in the user's terms: the format problem, a missing file, or the exception's message. */
    static String describe(Throwable e) {
        if (e instanceof FileFormatException || e instanceof ElfFormatException || e instanceof OpenFailure) {
            return e.getMessage();
        }
        if (e instanceof NoSuchFileException n) {
            return "the file does not exist: " + n.getFile();
        }
        if (e instanceof IOException) {
            return "it cannot be read: " + e.getMessage();
        }
        if (e instanceof IllegalArgumentException) {
            return e.getMessage();
        }
        return e.getClass().getSimpleName() + ": " + e.getMessage();
    }

    private void showRun(LoadedRun r) {
        showRun(r, -1);
    }

    /** Shows a run in the workbench; at {@code step} ≥ 0 it runs there (stopping at the exit) instead of surveying. */
    private void showRun(LoadedRun r, long step) {
        closeContent();
        WorkbenchView view = new WorkbenchView(r);
        view.rememberLayout(settings);
        view.setStatusSink(this::setStatus);
        view.setTaskListener(this::track);
        content.getChildren().setAll(view);
        workbench.set(view);
        titleText.setText(r.title());
        stage.setTitle("Faultscope · " + r.title());
        setStatus(r.detail());
        if (step >= 0) {
            view.runToStep(step);
        } else {
            view.survey();
        }
    }

    // ---- the game explorer ----

    /** Shows a game in the game view (replacing any other game). */
    public boolean showGame(GameModel gm, String title) {
        if (!confirmLeave("opening " + title)) {
            setStatus("Kept the open game; " + title + " was not opened.");
            return false;
        }
        endLesson();
        closeContent();
        if (gameView != null) {
            gameView.close();
        }
        gameDoc = new GameDocument(gm, title);
        gm.addChangeListener(() -> onFx(this::showGameTitle));
        GameView view = new GameView(gm);
        view.rememberLayout(settings);
        view.setStatusSink(this::setStatus);
        view.setTaskListener(this::track);
        view.setVmOpener(this::openClaimInVm);
        view.setHonestComparer(traceActions::compareWithHonest);
        gameView = view;
        content.getChildren().setAll(view);
        view.layoutForFont(false);
        showGameTitle();
        setStatus(gm.honest() == null ? "Session loaded. " + gm.honestProblem()
            : "Session loaded: " + gm.size() + " actions. Right/Left step, Space plays, click a claim to inspect it.");
        return true;
    }

    // ---- the guided lesson ----

    @FXML
    private void lesson() {
        startLesson(Lesson.bundled());
    }

    /** Opens the lesson's game (checking the lesson against it) and starts the lesson strip at its first chapter. */
    public void startLesson(Lesson lesson) {
        Path path = lesson.sessionPath();
        run("Opening the lesson " + lesson.title(), () -> {
            SessionFile.Loaded loaded = SessionFile.read(path);
            lesson.check(loaded.session());
            GameModel gm = GameModel.open(loaded.session(), path);
            return () -> {
                if (showGame(gm, path.getFileName().toString())) {
                    lessonPanel = new LessonPanel(lesson, lessonHost());
                    root.setBottom(new javafx.scene.layout.VBox(lessonPanel, statusBar));
                    lessonPanel.start();
                    fitFontToWindow();
                }
            };
        }, Path.of(lesson.source()));
    }

    public LessonPanel lessonPanel() {
        return lessonPanel;
    }

    /** Closes the lesson strip (the game stays open). */
    public void endLesson() {
        if (lessonPanel != null) {
            lessonPanel = null;
            root.setBottom(statusBar);
            fitFontToWindow();
        }
    }

    private LessonPanel.Host lessonHost() {
        return new LessonPanel.Host() {
            @Override
            public GameView showGame() {
                if (content() != gameView) {
                    backToGame();
                }
                return gameView;
            }

            @Override
            public void status(String text) {
                setStatus(text);
            }

            @Override
            public void notice(String title, String text) {
                Notices.info(stage, title, text);
            }

            @Override
            public void endLesson() {
                MainWindow.this.endLesson();
            }
        };
    }

    public GameView gameView() {
        return gameView;
    }

    private void openClaimInVm(GameView from, int claim, ExecutionContext ctx, long step) {
        var honest = from.model().honest();
        if (honest == null) {
            setStatus("Open in VM needs the session's scenario: " + from.model().honestProblem());
            return;
        }
        // Loading the program and its inputs takes seconds: off the FX thread, with the status bar's progress and
        // Cancel; the run to the step then reports its own progress.
        run(String.format("Opening claim #%d's subgame in the VM (block %,d → %,d, step %,d)", claim,
            ctx.startingBlockNumber(), ctx.disputedBlockNumber(), step), () -> {
                LoadedRun r = LoadedRun.subgame(honest.model(), ctx.fppInputs(),
                    String.format("Subgame of claim #%d · block %,d → %,d · step %,d", claim, ctx.startingBlockNumber(),
                        ctx.disputedBlockNumber(), step),
                    String.format("The honest run of claim #%d's execution subgame (block %,d → %,d), at the state claim #%d "
                        + "commits to: after step %,d (or the exit). Game > Back to the game (Ctrl+B) returns to the claim.",
                        claim, ctx.startingBlockNumber(), ctx.disputedBlockNumber(), claim, step));
                return () -> showRun(r, step);
            }, Path.of("claim #" + claim));
    }

    @FXML
    public void backToGame() {
        if (gameView == null) {
            setStatus("no game is open: File > Open a session, or Game > New game");
            return;
        }
        closeContent();
        content.getChildren().setAll(gameView);
        showGameTitle();
        setStatus("Back to claim #" + gameView.model().selected());
        gameView.canvas().reveal(gameView.model().selected());
    }

    @FXML
    private void newGame() {
        NewGameDialog.ask(stage, scene.getStylesheets()).ifPresent(m -> {
            Task<GameModel> t = new Task<>() {
                @Override
                protected GameModel call() {
                    updateMessage("Playing " + m.defender() + " against " + m.challenger() + " (" + m.config() + ")…");
                    GameRunner.Result res = GameRunner.play(m, (a, i, g) -> {
                        updateMessage("Playing: " + g.claimCount() + " claims");
                        if (isCancelled()) {
                            throw new java.util.concurrent.CancellationException("cancelled");
                        }
                    });
                    HonestView.Found f = HonestView.forSession(res.session(), null);
                    return new GameModel(res.session(), null, f.view(), f.problem());
                }
            };
            t.setOnSucceeded(e -> {
                taskDone(t);
                showGame(t.getValue(), m.defender() + " vs " + m.challenger() + " · " + m.config());
            });
            t.setOnFailed(e -> {
                taskDone(t);
                setStatus("The game could not be played: " + describe(t.getException()));
            });
            track(t);
            loader.execute(t);
        });
    }

    public GameDocument gameDocument() {
        return gameDoc;
    }

    /** The game's title, with • while it holds unsaved edits, in the window title and the status bar's tab. */
    private void showGameTitle() {
        if (gameDoc != null && content() == gameView) {
            titleText.setText(gameDoc.title());
            stage.setTitle("Faultscope · " + gameDoc.title());
        }
    }

    private static void onFx(Runnable r) {
        if (Platform.isFxApplicationThread()) {
            r.run();
        } else {
            Platform.runLater(r);
        }
    }

    public void setUnsavedQuestion(UnsavedQuestion q) {
        unsavedQuestion = q;
    }

    public void setSaveChooser(java.util.function.Function<GameDocument, Path> chooser) {
        saveChooser = chooser;
    }

    /**
     * Whether the open game's unsaved edits may go before {@code what}: true when there are none, or the user saved
     * or discarded them; false when the user cancelled (or saving was cancelled or failed).
     */
    public boolean confirmLeave(String what) {
        if (gameDoc == null || !gameDoc.modified()) {
            return true;
        }
        return switch (unsavedQuestion.ask(gameDoc, what)) {
            case SAVE -> saveEveryUnsavedBranch();
            case DISCARD -> true;
            case CANCEL -> false;
        };
    }

    /** Save As for each line of play that is in no file; false as soon as one is not saved. */
    private boolean saveEveryUnsavedBranch() {
        while (gameDoc.showFirstUnsaved()) {
            if (!saveGameAs()) {
                return false;
            }
        }
        return true;
    }

    /** Save: to the file chosen with Save As before; otherwise (a game just opened or played) Save As. */
    @FXML
    public boolean saveSession() {
        if (gameDoc == null) {
            setStatus("no game is open");
            return false;
        }
        Path target = gameDoc.saveTarget();
        return target == null ? saveGameAs() : writeSession(target);
    }

    @FXML
    private void saveSessionAs() {
        saveGameAs();
    }

    /** Asks for a file (never a bundled sample) and writes the game's shown line of play there. */
    public boolean saveGameAs() {
        if (gameDoc == null) {
            setStatus("no game is open");
            return false;
        }
        Path target = saveChooser.apply(gameDoc);
        return target != null && writeSession(target);
    }

    private Path chooseSaveFile(GameDocument doc) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Save the session (" + doc.model().branches().current().name() + ")");
        chooser.getExtensionFilters().addAll(new FileChooser.ExtensionFilter("Session", "*.json.gz", "*.json"));
        chooser.setInitialFileName(doc.suggestedName());
        Path near = doc.saveTarget() != null ? doc.saveTarget() : doc.openedFrom();
        Path dir = near == null || dev.faultscope.ui.model.BundledSamples.contains(near) ? Path.of(System.getProperty("user.home"))
            : near.toAbsolutePath().getParent();
        if (dir != null && Files.isDirectory(dir)) {
            chooser.setInitialDirectory(dir.toFile());
        }
        var file = chooser.showSaveDialog(stage);
        return file == null ? null : GameDocument.chosenFile(file.toPath());
    }

    private boolean writeSession(Path target) {
        try {
            gameDoc.saveAs(target);
            recent.add(target);
            setStatus("Session saved to " + target + (gameDoc.modified() ? " · " + gameDoc.unsavedSummary() : ""));
            Notices.info(stage, "Session saved", target.getFileName() + " · " + gameDoc.model().branches().current().name());
            return true;
        } catch (IllegalArgumentException e) {
            error("Cannot save to " + target.getFileName(), e.getMessage());
            return false;
        } catch (IOException | RuntimeException e) {
            error("Cannot save to " + target.getFileName(), describe(e));
            return false;
        }
    }

    @FXML
    private void undo() {
        withGame(m -> {
            String l = m.undo();
            setStatus(l == null ? "Nothing to undo." : "Undone: " + l);
        });
    }

    @FXML
    private void redo() {
        withGame(m -> {
            String l = m.redo();
            setStatus(l == null ? "Nothing to redo." : "Redone: " + l);
        });
    }

    private void withGame(java.util.function.Consumer<GameModel> action) {
        if (gameDoc == null) {
            setStatus("no game is open: undo and redo take back moves played in a game");
        } else {
            if (content() != gameView) {
                backToGame();
            }
            action.accept(gameDoc.model());
        }
    }

    @FXML
    private void exportPng() {
        export("png");
    }

    @FXML
    private void exportSvg() {
        export("svg");
    }

    private void export(String ext) {
        if (gameView == null) {
            setStatus("no game is open");
            return;
        }
        double scale = 1;
        if (ext.equals("png")) {
            java.util.Optional<Double> chosen = askScale("Export the whole tree as PNG");
            if (chosen.isEmpty()) {
                return;
            }
            scale = chosen.get();
        }
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Export the tree as " + ext.toUpperCase());
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(ext.toUpperCase(), "*." + ext));
        chooser.setInitialFileName("game-tree." + ext);
        var file = chooser.showSaveDialog(stage);
        if (file != null) {
            try {
                if (ext.equals("png")) {
                    int[] wh = gameView.exportPng(file.toPath(), scale);
                    setStatus(String.format("The whole tree exported to %s (%d × %d px at %.0f×)", file, wh[0], wh[1], scale));
                } else {
                    gameView.exportSvg(file.toPath());
                    setStatus("The whole tree exported to " + file);
                }
            } catch (IOException e) {
                error(file.toPath(), describe(e));
            }
        }
    }

    /** The PNG scale: 1× (as on screen), 2× or 3× (slides, print). */
    private java.util.Optional<Double> askScale(String title) {
        javafx.scene.control.ChoiceDialog<String> d = new javafx.scene.control.ChoiceDialog<>("2×", "1×", "2×", "3×");
        d.initOwner(stage);
        d.setTitle(title);
        d.setHeaderText(title);
        d.setContentText("Scale:");
        d.getDialogPane().getStylesheets().setAll(scene.getStylesheets());
        return d.showAndWait().map(v -> Double.parseDouble(v.substring(0, 1)));
    }

    /** File > Export the view as PNG: a snapshot of what the window shows (the workbench's panels, the game view). */
    @FXML
    private void exportView() {
        Node shown = content();
        if (shown == null) {
            setStatus("nothing is open to export");
            return;
        }
        java.util.Optional<Double> scale = askScale("Export the view as PNG");
        if (scale.isEmpty()) {
            return;
        }
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Export the view as PNG");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("PNG", "*.png"));
        chooser.setInitialFileName(workbench.get() != null ? "workbench.png" : "view.png");
        var file = chooser.showSaveDialog(stage);
        if (file != null) {
            try {
                int[] wh = dev.faultscope.ui.game.PngExport.snapshot(shown, scale.get(), file.toPath());
                setStatus(String.format("The view exported to %s (%d × %d px)", file, wh[0], wh[1]));
            } catch (IOException e) {
                error(file.toPath(), describe(e));
            }
        }
    }

    private void showProof(Path path, StepProof proof) {
        closeContent();
        ProofView view = new ProofView(path, proof);
        content.getChildren().setAll(view);
        titleText.setText("Cannon proof · " + path.getFileName() + " · step " + proof.step());
        stage.setTitle("Faultscope · " + path.getFileName());
        setStatus(view.evidence().verdictText());
    }

    // ---- games read from chain: their own document class (ui/chain) ----

    @FXML
    private void openFromChain() {
        ChainDocument.open(stage, this::track, this::setStatus, this::showChain);
    }

    public void showChain(ChainDocument doc) {
        closeContent();
        chainDocument = doc;
        content.getChildren().setAll(doc);
        titleText.setText(doc.title());
        stage.setTitle("Faultscope · " + doc.title());
        setStatus("Read-only: a game read from chain at block " + doc.model().game().readBlock()
            + ". Click a claim for its calldata and step; Follow re-reads it.");
    }

    public ChainDocument chainDocument() {
        return chainDocument;
    }

    private void closeContent() {
        if (chainDocument != null) {
            chainDocument.close();
            chainDocument = null;
        }
        if (gameView != null) {
            // The game view stays alive (Back to the game); only its place on screen is given up.
            content.getChildren().remove(gameView);
        }
        WorkbenchView w = workbench.get();
        if (w != null) {
            w.close();
            workbench.set(null);
        }
        content.getChildren().clear();
    }

    private void error(Path path, String problem) {
        error("Cannot open " + path, problem);
    }

    private void error(String header, String problem) {
        setStatus(header + ": " + problem);
        Alert a = new Alert(Alert.AlertType.ERROR);
        a.initOwner(stage);
        a.setTitle(header);
        a.setHeaderText(header);
        a.setContentText(problem);
        a.getDialogPane().setId("error-dialog");
        a.getDialogPane().getStylesheets().setAll(scene.getStylesheets());
        a.getDialogPane().setStyle(root.getStyle());
        a.show();
    }

    // ---- long work in the status bar ----

    void track(Task<?> t) {
        currentTask = t;
        progress.progressProperty().bind(t.progressProperty());
        progress.setVisible(true);
        cancelButton.setVisible(true);
        statusText.textProperty().bind(Bindings.when(t.messageProperty().isEmpty())
            .then(statusText.getText()).otherwise(t.messageProperty()));
        t.runningProperty().addListener((o, a, b) -> {
            if (!b) {
                taskDone(t);
            }
        });
    }

    private void taskDone(Task<?> t) {
        if (currentTask == t) {
            String last = statusText.getText();
            statusText.textProperty().unbind();
            statusText.setText(last);
            progress.progressProperty().unbind();
            progress.setVisible(false);
            cancelButton.setVisible(false);
            currentTask = null;
        }
    }

    @FXML
    private void cancelTask() {
        Task<?> t = currentTask;
        if (t != null) {
            t.cancel(false);
        }
    }

    // ---- menu actions ----

    @FXML
    private void openFile() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Open a program, Cannon state or proof, scenario or session");
        chooser.getExtensionFilters().addAll(
            new FileChooser.ExtensionFilter("Faultscope files", "*.elf", "*.json", "*.json.gz", "*.gz"),
            new FileChooser.ExtensionFilter("All files", "*"));
        List<Path> recents = recent.list();
        if (!recents.isEmpty() && recents.get(0).getParent() != null && Files.isDirectory(recents.get(0).getParent())) {
            chooser.setInitialDirectory(recents.get(0).getParent().toFile());
        } else if (Files.isDirectory(Path.of("samples"))) {
            chooser.setInitialDirectory(Path.of("samples").toAbsolutePath().toFile());
        }
        var file = chooser.showOpenDialog(stage);
        if (file != null) {
            open(file.toPath());
        }
    }

    @FXML
    private void choosePreimages() {
        traceActions.choosePreimages();
    }

    @FXML
    private void saveTrace() {
        traceActions.saveTrace();
    }

    @FXML
    private void compareTraces() {
        traceActions.compareTraces();
    }

    /** The trace actions (pre-images, save trace, compare), for tests and the game view's hook. */
    TraceActions traceActions() {
        return traceActions;
    }

    /** Shows a document other than a run or a game (a diff) in the content area. */
    void showDocument(javafx.scene.Node view, String title) {
        closeContent();
        content.getChildren().setAll(view);
        titleText.setText(title);
        stage.setTitle("Faultscope · " + title);
    }

    @FXML
    private void openSampleAction() {
        openSample();
    }

    private void rebuildRecent() {
        recentMenu.getItems().clear();
        List<Path> list = recent.list();
        for (int i = 0; i < list.size(); i++) {
            Path p = list.get(i);
            MenuItem item = new MenuItem((i + 1) + "  " + p.getFileName() + "   —  " + (p.getParent() == null ? "" : p.getParent()));
            item.setMnemonicParsing(false);
            item.setOnAction(e -> open(p));
            recentMenu.getItems().add(item);
        }
        if (list.isEmpty()) {
            MenuItem none = new MenuItem("(no recent files)");
            none.setDisable(true);
            recentMenu.getItems().add(none);
        } else {
            MenuItem clear = new MenuItem("Clear recent files");
            clear.setOnAction(e -> recent.clear());
            recentMenu.getItems().addAll(new SeparatorMenuItem(), clear);
        }
    }

    private void dragOver(DragEvent e) {
        if (e.getDragboard().hasFiles()) {
            e.acceptTransferModes(TransferMode.COPY);
        }
        e.consume();
    }

    private void dragDropped(DragEvent e) {
        boolean ok = e.getDragboard().hasFiles() && !e.getDragboard().getFiles().isEmpty();
        if (ok) {
            Path p = e.getDragboard().getFiles().get(0).toPath();
            Platform.runLater(() -> open(p));
        }
        e.setDropCompleted(ok);
        e.consume();
    }

    @FXML
    private void quit() {
        if (!confirmLeave("quitting")) {
            return;
        }
        stage.close();
        Platform.exit();
    }

    @FXML
    private void stepForward() {
        withWorkbench(WorkbenchView::stepForward);
    }

    @FXML
    private void stepBack() {
        withWorkbench(WorkbenchView::stepBack);
    }

    @FXML
    private void runAction() {
        withWorkbench(WorkbenchView::run);
    }

    @FXML
    private void pause() {
        withWorkbench(WorkbenchView::pause);
    }

    @FXML
    private void runToBreakpoint() {
        withWorkbench(WorkbenchView::runToBreakpoint);
    }

    @FXML
    private void runToStep() {
        withWorkbench(WorkbenchView::focusRunTo);
    }

    @FXML
    private void goToFirst() {
        withWorkbench(WorkbenchView::goToFirst);
    }

    @FXML
    private void goToEnd() {
        withWorkbench(WorkbenchView::goToEnd);
    }

    @FXML
    private void toggleBreakpoint() {
        withWorkbench(WorkbenchView::toggleBreakpointHere);
    }

    @FXML
    private void clearBreakpoints() {
        withWorkbench(WorkbenchView::clearBreakpoints);
    }

    /** In the VM, the next step's evidence; in the game view, the step at the selected leaf. */
    @FXML
    private void showEvidence() {
        if (workbench.get() == null && gameView != null && content() == gameView) {
            gameView.showStepOrExplain();
            return;
        }
        withWorkbench(w -> w.showEvidence(stage));
    }

    @FXML
    private void toggleRadix() {
        withWorkbench(WorkbenchView::toggleRadix);
    }

    @FXML
    private void goToAddress() {
        withWorkbench(WorkbenchView::focusMemoryAddress);
    }

    private void withWorkbench(java.util.function.Consumer<WorkbenchView> action) {
        WorkbenchView w = workbench.get();
        if (w != null) {
            action.accept(w);
        } else {
            setStatus(gameView != null && content() == gameView
                ? "that is a VM workbench action: open the selected execution claim in the VM (Ctrl+Enter), or a program (Ctrl+O)"
                : "open a program first (Ctrl+O)");
        }
    }

    // ---- appearance ----

    @FXML
    private void toggleDark() {
        applyTheme(darkItem.isSelected());
    }

    public void applyTheme(boolean dark) {
        settings.dark = dark;
        darkItem.setSelected(dark);
        scene.getStylesheets().setAll(
            MainWindow.class.getResource("app.css").toExternalForm(),
            MainWindow.class.getResource(dark ? "dark.css" : "light.css").toExternalForm());
    }

    @FXML
    public void fontLarger() {
        fonts.larger();
        applyFont();
    }

    @FXML
    public void fontSmaller() {
        fonts.smaller();
        applyFont();
    }

    @FXML
    public void fontReset() {
        fonts.reset();
        applyFont();
    }

    /** Presentation mode (Ctrl+Shift+P): the large text preset, or back to the size before it. */
    @FXML
    public void presentation() {
        fonts.togglePresentation();
        applyFont();
    }

    private void applyFont() {
        settings.fontSize = fonts.chosen();
        settings.presentation = fonts.presentation();
        settings.fontBeforePresentation = fonts.beforePresentation();
        presentationItem.setSelected(fonts.presentation());
        // Every size in the stylesheets is in em, so the root's font size scales the whole window.
        root.setStyle(String.format("-fx-font-size: %.0fpx;", fonts.size()));
        zoomText.setText(fonts.percent() + " %");
        // At presentation sizes the status bar keeps its line for messages: the title is in the window's title bar.
        titleText.setManaged(fonts.size() < 17);
        titleText.setVisible(fonts.size() < 17);
        if (gameView != null) {
            gameView.fontChanged();
        }
    }

    @FXML
    private void about() {
        Alert a = new Alert(Alert.AlertType.INFORMATION);
        a.initOwner(stage);
        a.setTitle("About Faultscope");
        a.setHeaderText("Faultscope: a workbench for OP Stack fault proofs. A Cannon-compatible MIPS32 VM, "
            + "the fault proof program and the dispute game, all one engine.");
        // The key list is long at presentation sizes: it scrolls inside a dialog that fits the window.
        javafx.scene.layout.GridPane keys = new javafx.scene.layout.GridPane();
        keys.getStyleClass().add("kv-grid");
        int row = 0;
        for (KeyHelp.Section sec : KeyHelp.sections()) {
            Label title = new Label(sec.title());
            title.getStyleClass().add("panel-title");
            keys.add(title, 0, row++, 2, 1);
            for (KeyHelp.Key k : sec.keys()) {
                Label key = new Label(k.keys());
                key.getStyleClass().add("kv-key");
                key.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
                Label what = new Label(k.what());
                what.setWrapText(true);
                keys.addRow(row++, key, what);
            }
        }
        javafx.scene.control.ScrollPane scroll = new javafx.scene.control.ScrollPane(keys);
        scroll.setFitToWidth(true);
        scroll.setPrefViewportHeight(scene.getHeight() * 0.55);
        scroll.setPrefViewportWidth(Math.min(scene.getWidth() * 0.7, keys.prefWidth(-1) + 40));
        a.getDialogPane().setContent(scroll);
        a.getDialogPane().setId("about-dialog");
        a.getDialogPane().getStylesheets().setAll(scene.getStylesheets());
        a.getDialogPane().setStyle(root.getStyle());
        a.setResizable(true);
        setStatus("Keys: F1 lists them all");
        a.show();
    }

    public Node content() {
        return content.getChildren().isEmpty() ? null : content.getChildren().get(0);
    }

    public void close() {
        settings.save(prefs);
        closeContent();
        if (gameView != null) {
            gameView.close();
        }
        loader.shutdownNow();
    }
}
