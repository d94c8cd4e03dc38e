package dev.faultscope.ui;

import dev.faultscope.io.PreimageSourceFiles;
import dev.faultscope.io.TraceRecorder;
import dev.faultscope.oracle.PreimageSource;
import dev.faultscope.oracle.PreimageSources;
import dev.faultscope.ui.diff.DiffView;
import dev.faultscope.ui.model.LoadedRun;
import dev.faultscope.ui.game.GameView;
import dev.faultscope.ui.model.diff.DiffModel;
import dev.faultscope.ui.model.diff.DisputedTrace;
import dev.faultscope.ui.workbench.WorkbenchView;
import javafx.concurrent.Task;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.stage.Stage;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/**
 * The File menu's trace actions, kept out of the main window: pre-image sources for the open run, saving the run as
 * a trace bundle, and comparing two traces in a diff document. Long work runs off the FX thread through the
 * window's task tracking (progress and cancel in the status bar).
 */
final class TraceActions {
    private final MainWindow window;
    private final Stage stage;

    TraceActions(MainWindow window, Stage stage) {
        this.window = window;
        this.stage = stage;
    }

    /** File > Pre-images…: add a directory (ours or op-program's), a JSON file or a bundle to the open run's sources. */
    void choosePreimages() {
        WorkbenchView w = window.workbench();
        if (w == null) {
            window.setStatus("Pre-images are for a run: open a program, a state or a bundle first");
            return;
        }
        Alert ask = new Alert(Alert.AlertType.CONFIRMATION);
        ask.initOwner(stage);
        ask.setTitle("Pre-images");
        ask.setHeaderText("Add a pre-image source to this run");
        List<String> now = w.loaded().sourceNames();
        ask.setContentText((now.isEmpty() ? "The run has no added sources." : "Searched now, in order: " + String.join("; ", now))
            + "\n\nA directory holds files named by key (ours: raw data; op-program's --datadir: 0x<key>.txt with hex); "
            + "a file is a JSON object {\"0xkey\": \"0xdata\"} or a trace bundle.");
        ButtonType dir = new ButtonType("Directory…");
        ButtonType file = new ButtonType("File or bundle…");
        ask.getButtonTypes().setAll(dir, file, ButtonType.CANCEL);
        ask.showAndWait().ifPresent(b -> {
            File chosen = null;
            if (b == dir) {
                DirectoryChooser c = new DirectoryChooser();
                c.setTitle("A pre-image directory");
                chosen = c.showDialog(stage);
            } else if (b == file) {
                FileChooser c = new FileChooser();
                c.setTitle("A pre-image JSON file or a trace bundle");
                chosen = c.showOpenDialog(stage);
            }
            if (chosen != null) {
                addSource(w, chosen.toPath());
            }
        });
    }

    /** Adds {@code path} as a source of the run in {@code w}, read off the FX thread. */
    void addSource(WorkbenchView w, Path path) {
        Task<PreimageSource> t = new Task<>() {
            @Override
            protected PreimageSource call() throws Exception {
                updateMessage("Reading pre-images from " + path.getFileName() + "…");
                return PreimageSourceFiles.open(path);
            }
        };
        t.setOnSucceeded(e -> {
            w.loaded().addSource(t.getValue());
            window.setStatus("Pre-images added: " + t.getValue().describe() + ". Step on (F7, F5) to go past the missing pre-image.");
        });
        t.setOnFailed(e -> window.setStatus("Cannot use " + path.getFileName() + " for pre-images: " + MainWindow.describe(t.getException())));
        start(t);
    }

    /** After a state opens: a pre-image directory next to it is offered as a source. */
    void offerPreimagesNextTo(Path stateFile) {
        WorkbenchView w = window.workbench();
        Path dir;
        try {
            dir = PreimageSourceFiles.preimageDirNextTo(stateFile);
        } catch (java.io.IOException | RuntimeException e) {
            return; // nothing to offer
        }
        if (w == null || dir == null) {
            return;
        }
        Alert ask = new Alert(Alert.AlertType.CONFIRMATION, "Serve this run's pre-images from " + dir + "?", ButtonType.YES, ButtonType.NO);
        ask.initOwner(stage);
        ask.setTitle("Pre-images next to the state");
        ask.setHeaderText("A pre-image directory is next to " + stateFile.getFileName());
        ask.getDialogPane().setId("offer-preimages");
        ask.showAndWait().filter(b -> b == ButtonType.YES).ifPresent(b -> addSource(w, dir));
    }

    /** File > Save trace: the open run, from its first state to its end, as a trace bundle. */
    void saveTrace() {
        WorkbenchView w = window.workbench();
        if (w == null) {
            window.setStatus("Save trace needs a run: open a program, a state or a scenario first");
            return;
        }
        FileChooser c = new FileChooser();
        c.setTitle("Save the run as a trace bundle");
        c.setInitialFileName("run.fstrace");
        c.getExtensionFilters().add(new FileChooser.ExtensionFilter("Trace bundles", "*.fstrace"));
        File f = c.showSaveDialog(stage);
        if (f != null) {
            saveTrace(w.loaded(), f.toPath(), null);
        }
    }

    /** Records {@code run} into {@code target} off the FX thread; {@code done} (may be null) gets the final step. */
    void saveTrace(LoadedRun run, Path target, Consumer<Long> done) {
        Task<Long> t = new Task<>() {
            @Override
            protected Long call() throws Exception {
                updateMessage("Saving the trace to " + target.getFileName() + "…");
                PreimageSources sources = new PreimageSources(PreimageSource.of(run.store(), "the run's pre-images"));
                return TraceRecorder.record(target, run.initial(), sources, run.symbols(), 1 << 16, "faultscope app", null, null,
                    step -> {
                        updateMessage(String.format("Saving the trace: step %,d…", step));
                        return !isCancelled();
                    }).step();
            }
        };
        t.setOnSucceeded(e -> {
            window.setStatus(String.format("Trace saved: %s (%,d steps)", target, t.getValue()));
            if (done != null) {
                done.accept(t.getValue());
            }
        });
        t.setOnFailed(e -> window.setStatus("Could not save the trace: " + MainWindow.describe(t.getException())));
        t.setOnCancelled(e -> window.setStatus("Saving the trace was cancelled; nothing was written"));
        start(t);
    }

    /** File > Compare traces…: two bundles (or states, or ELFs) side by side at their first divergence. */
    void compareTraces() {
        FileChooser c = new FileChooser();
        c.setTitle("Compare: the first run (a trace bundle, a Cannon state or an ELF)");
        File a = c.showOpenDialog(stage);
        if (a == null) {
            return;
        }
        c.setTitle("Compare with: the second run");
        c.setInitialDirectory(a.getParentFile());
        File b = c.showOpenDialog(stage);
        if (b != null) {
            compare(a.toPath(), b.toPath());
        }
    }

    void compare(Path a, Path b) {
        WorkbenchView w = window.workbench();
        List<PreimageSource> sources = w == null ? List.of() : List.of(PreimageSource.of(w.loaded().store(), "the open run's pre-images"));
        Task<DiffModel> t = new Task<>() {
            @Override
            protected DiffModel call() throws Exception {
                updateMessage("Looking for the first step where " + a.getFileName() + " and " + b.getFileName() + " differ…");
                return DiffModel.compare(a, b, sources);
            }
        };
        t.setOnSucceeded(e -> showDiff(t.getValue()));
        t.setOnFailed(e -> window.setStatus("Cannot compare " + a.getFileName() + " and " + b.getFileName() + ": " + MainWindow.describe(t.getException())));
        start(t);
    }

    /** Game view: the selected execution claim's disputed trace beside the honest run, at their first divergence. */
    void compareWithHonest(GameView from, int claim) {
        var honest = from.model().honest();
        if (honest == null) {
            window.setStatus("Compare with honest run needs the session's scenario: " + from.model().honestProblem());
            return;
        }
        var game = from.model().game();
        Task<DisputedTrace.Result> t = new Task<>() {
            @Override
            protected DisputedTrace.Result call() {
                updateMessage("Rebuilding claim #" + claim + "'s trace and comparing it with the honest run…");
                return DisputedTrace.compare(game, claim, honest.runs());
            }
        };
        t.setOnSucceeded(e -> {
            if (t.getValue().diff() != null) {
                showDiff(t.getValue().diff());
            } else {
                window.setStatus("Claim #" + claim + ": " + t.getValue().problem());
            }
        });
        t.setOnFailed(e -> window.setStatus("Cannot compare claim #" + claim + ": " + MainWindow.describe(t.getException())));
        start(t);
    }

    void showDiff(DiffModel m) {
        window.showDocument(new DiffView(m), m.title());
        window.setStatus(m.summary());
    }

    private void start(Task<?> t) {
        window.track(t);
        Thread th = new Thread(t, "faultscope-trace");
        th.setDaemon(true);
        th.start();
    }
}
