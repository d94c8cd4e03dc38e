package dev.faultscope.ui.workbench;

import dev.faultscope.ui.Fxml;
import dev.faultscope.ui.Splits;
import dev.faultscope.ui.model.AddressParser;
import dev.faultscope.ui.model.Frame;
import dev.faultscope.ui.model.LoadedRun;
import dev.faultscope.ui.model.Numbers;
import dev.faultscope.ui.model.Settings;
import dev.faultscope.ui.model.Speed;
import dev.faultscope.ui.model.StepEvidence;
import dev.faultscope.ui.model.Workbench;
import javafx.application.Platform;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.concurrent.Task;
import javafx.fxml.FXML;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.BorderPane;
import javafx.stage.Stage;
import javafx.stage.Window;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The VM workbench: disassembly, registers, memory, console and pre-image panels around one run, with the
 * stepping controls and a scrubber over the run. All VM work happens on the {@link VmThread}; this view
 * only sends requests there and draws the {@link Frame}s that come back.
 */
public final class WorkbenchView extends BorderPane implements AutoCloseable {
    /** A run to the end on load, so the scrubber spans the whole run; programs longer than this are explored as they go. */
    static final long SURVEY_STEPS = 50_000_000L;
    /** In "as fast as possible" mode, how many steps run between two refreshes of the views. */
    static final long FAST_SLICE = 1 << 20;

    @FXML
    private DisassemblyPanel disassembly;
    @FXML
    private RegistersPanel registers;
    @FXML
    private MemoryPanel memory;
    @FXML
    private ConsolePanel console;
    @FXML
    private PreimagePanel preimage;
    @FXML
    private Button backButton;
    @FXML
    private Button stepButton;
    @FXML
    private Button runButton;
    @FXML
    private Button pauseButton;
    @FXML
    private Button toBreakpointButton;
    @FXML
    private Button firstButton;
    @FXML
    private Button endButton;
    @FXML
    private ComboBox<Speed> speed;
    @FXML
    private TextField runTo;
    @FXML
    private Slider scrubber;
    @FXML
    private Label stepLabel;
    @FXML
    private SplitPane columns;
    @FXML
    private SplitPane rows;

    private final Workbench workbench;
    private final VmThread vm = new VmThread();
    private final VmThread.Latest<Frame> frames = new VmThread.Latest<>(this::draw);
    private final VmThread.Latest<StepEvidence> evidences = new VmThread.Latest<>(this::drawEvidence);
    private final BooleanProperty running = new SimpleBooleanProperty(false);
    private final AtomicLong pendingSeek = new AtomicLong(-1);
    private Consumer<String> status = s -> { };
    private Consumer<Task<?>> taskListener = t -> { };
    private Task<?> task;
    private Frame current;
    private boolean updatingScrubber;
    private Stage evidenceStage;
    private EvidencePanel evidencePanel;
    private volatile boolean evidenceOpen;
    private Settings settings = new Settings();
    /** The user placed the dividers (now or in an earlier run): the view stops fitting them to the window. */
    private boolean userLayout;

    public WorkbenchView(LoadedRun run) {
        Fxml.loadInto(this);
        this.workbench = new Workbench(run);
        speed.getItems().setAll(Speed.values());
        speed.setValue(Speed.S60);
        pauseButton.disableProperty().bind(running.not());
        for (Button b : new Button[] {backButton, stepButton, runButton, toBreakpointButton, firstButton, endButton}) {
            b.disableProperty().bind(running);
        }
        runTo.disableProperty().bind(running);
        // Buttons keep their labels at any font size; the scrubber is what gives way.
        speed.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        runTo.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        lookupAll(".button").forEach(n -> ((javafx.scene.layout.Region) n).setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE));
        runTo.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ENTER) {
                runToTyped();
            }
        });
        disassembly.setOnToggleBreakpoint(this::toggleBreakpoint);
        disassembly.setOnGoToTarget(a -> memory.goTo(Numbers.hex32(a)));
        memory.setOnGoTo(this::goToAddress);
        memory.setOnScrollRows(rows -> onVm(w -> w.scrollMemory(rows)));
        memory.setOnFollow(b -> onVm(w -> w.setMemoryFollowsAccess(b)));
        scrubber.valueProperty().addListener((o, a, b) -> {
            if (!updatingScrubber) {
                seekCoalesced(Math.round(b.doubleValue()));
            }
        });
        registers.setFaultProof(run.faultProof());
        // The panels fit the window and the font: registers get the width of two columns when the others keep
        // enough room, else one; the console keeps a few lines. Refitted when the window or the font changes.
        columns.widthProperty().addListener(o -> fitLayoutLater());
        rows.heightProperty().addListener(o -> fitLayoutLater());
        stepLabel.fontProperty().addListener(o -> {
            userLayout = false;
            settings.forgetSplit("workbench.columns");
            settings.forgetSplit("workbench.rows");
            fitLayoutLater();
        });
        onVm(w -> { });
    }

    /** Puts back the dividers the user placed in an earlier run, and remembers those placed from now on. */
    public void rememberLayout(Settings s) {
        settings = s;
        boolean a = Splits.remember(columns, "workbench.columns", s, () -> userLayout = true);
        boolean b = Splits.remember(rows, "workbench.rows", s, () -> userLayout = true);
        userLayout = a && b;
    }

    private boolean fitPending;

    private void fitLayoutLater() {
        if (!userLayout && !fitPending) {
            fitPending = true;
            Platform.runLater(() -> {
                fitPending = false;
                fitLayout();
            });
        }
    }

    /** Divider positions that fit the panels to the window at the current font size. */
    void fitLayout() {
        double w = columns.getWidth(), h = rows.getHeight();
        if (userLayout || w < 100 || h < 100) {
            return;
        }
        double em = stepLabel.getFont().getSize();
        // The registers' item also holds a divider: a few pixels more than the panel needs.
        double two = registers.twoColumnWidth() + 10, one = registers.oneColumnWidth() + 10;
        // Disassembly and memory each want about 28 em; below that the registers take one column.
        double reg = Math.min(w - 2 * 10 * em, w - two >= 2 * 28 * em ? two : one);
        double side = Math.max(0, (w - reg) / 2);
        columns.setDividerPositions(side / w, (side + reg) / w);
        // The console keeps its title and a few lines, and at most 30 % of the height.
        rows.setDividerPositions(Math.max(0.7, Math.min(0.8, 1 - 5.5 * em / h)));
    }

    public SplitPane columnsSplit() {
        return columns;
    }

    public RegistersPanel registersPanel() {
        return registers;
    }

    public void setStatusSink(Consumer<String> sink) {
        status = sink;
    }

    /** Told of each long task (survey, run) so the status bar can show its progress and offer cancel. */
    public void setTaskListener(Consumer<Task<?>> listener) {
        taskListener = listener;
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return running;
    }

    public LoadedRun loaded() {
        return workbench.run();
    }

    /** The last frame drawn (FX thread), for tests and the status bar. */
    public Frame currentFrame() {
        return current;
    }

    /** The state hash at the cursor (while not running): what a claim at this step commits to. */
    public String stateHash() {
        return workbench.stateHash();
    }

    // ---- actions (FX thread) ----

    @FXML
    public void stepForward() {
        if (!running.get()) {
            onVm(w -> {
                if (!w.stepForward()) {
                    report(w.fault() != null ? w.fault() : "the program has exited; step back or scrub to look around");
                }
            });
        }
    }

    @FXML
    public void stepBack() {
        if (!running.get()) {
            onVm(w -> {
                if (!w.stepBack()) {
                    report("already at the first step");
                }
            });
        }
    }

    @FXML
    public void goToFirst() {
        goToStep(0);
    }

    @FXML
    public void goToEnd() {
        if (!running.get()) {
            start(new RunTask(Speed.MAX, Long.MAX_VALUE, false, "run to the end"));
        }
    }

    public void goToStep(long step) {
        if (!running.get()) {
            onVm(w -> w.goTo(step));
        }
    }

    /** Run / continue (F5) at the chosen speed, stopping at breakpoints. */
    @FXML
    public void run() {
        if (!running.get()) {
            start(new RunTask(speed.getValue(), Long.MAX_VALUE, true, "run"));
        }
    }

    /** Runs as fast as possible to the next breakpoint (or the end). */
    @FXML
    public void runToBreakpoint() {
        if (!running.get()) {
            if (workbench.breakpoints().isEmpty()) {
                status.accept("no breakpoints set: click the gutter of a disassembly line, or F9; running to the end");
            }
            start(new RunTask(Speed.MAX, Long.MAX_VALUE, true, "run to breakpoint"));
        }
    }

    public void runToStep(long step) {
        if (running.get()) {
            return;
        }
        Frame f = current;
        if (f != null && step <= f.step()) {
            goToStep(step);
        } else {
            // Someone typing a step number wants to be there, not to watch the way: always full speed.
            start(new RunTask(Speed.MAX, step, true, "run to step " + step));
        }
    }

    @FXML
    private void runToTyped() {
        String t = runTo.getText().replace(",", "").replace("_", "").trim();
        try {
            runToStep(Long.parseLong(t));
        } catch (NumberFormatException e) {
            status.accept("\"" + runTo.getText() + "\" is not a step number");
        }
    }

    public void focusRunTo() {
        runTo.requestFocus();
        runTo.selectAll();
    }

    @FXML
    public void pause() {
        Task<?> t = task;
        if (t != null) {
            t.cancel(false);
        }
    }

    public void setSpeed(Speed s) {
        speed.setValue(s);
    }

    public Speed speed() {
        return speed.getValue();
    }

    /** F9: at the selected disassembly line, else at pc. */
    public void toggleBreakpointHere() {
        int a = disassembly.selectedAddress();
        toggleBreakpoint(a != -1 ? a : current == null ? 0 : current.pc());
    }

    public void toggleBreakpoint(int address) {
        boolean set = workbench.breakpoints().toggle(address);
        status.accept((set ? "breakpoint set at " : "breakpoint cleared at ") + Numbers.hex32(address));
        onVm(w -> { });
    }

    public void clearBreakpoints() {
        workbench.breakpoints().clear();
        status.accept("all breakpoints cleared");
        onVm(w -> { });
    }

    public void toggleRadix() {
        registers.toggleRadix();
    }

    public void focusMemoryAddress() {
        memory.focusAddress();
    }

    private void goToAddress(String expression) {
        onVm(w -> {
            try {
                int a = AddressParser.parse(expression, w.state(), w.run().symbols());
                w.showMemoryAt(a);
                Platform.runLater(memory::clearProblem);
            } catch (IllegalArgumentException e) {
                String m = e.getMessage();
                Platform.runLater(() -> memory.showProblem(m));
            }
        });
    }

    /** Opens (or brings forward) the window with the next step's evidence; it follows the run while open. */
    public void showEvidence(Window owner) {
        if (evidenceStage == null) {
            evidencePanel = new EvidencePanel();
            evidenceStage = new Stage();
            evidenceStage.initOwner(owner);
            evidenceStage.setTitle("Step evidence · Faultscope");
            javafx.geometry.Rectangle2D vb = javafx.stage.Screen.getPrimary().getVisualBounds();
            Scene scene = new Scene(evidencePanel, Math.min(1100, vb.getWidth() * 0.9), Math.min(720, vb.getHeight() * 0.85));
            scene.getStylesheets().setAll(owner.getScene().getStylesheets());
            scene.getRoot().setStyle(owner.getScene().getRoot().getStyle());
            evidenceStage.setScene(scene);
            evidenceStage.setOnHidden(e -> evidenceOpen = false);
            scene.setOnKeyPressed(e -> {
                if (e.getCode() == KeyCode.ESCAPE) {
                    evidenceStage.hide();
                }
            });
        }
        evidenceStage.getScene().getStylesheets().setAll(owner.getScene().getStylesheets());
        evidenceStage.getScene().getRoot().setStyle(owner.getScene().getRoot().getStyle());
        evidenceStage.show();
        evidenceStage.toFront();
        evidenceOpen = true;
        onVm(w -> { });
    }

    public EvidencePanel evidencePanel() {
        return evidencePanel;
    }

    public ConsolePanel console() {
        return console;
    }

    // ---- VM thread plumbing ----

    /** Runs {@code op} on the VM thread, then draws the frame it leads to (and the evidence when shown). */
    private void onVm(Consumer<Workbench> op) {
        vm.execute(() -> {
            try {
                op.accept(workbench);
            } catch (RuntimeException e) {
                report("internal error: " + e);
            }
            publish();
        });
    }

    private void publish() {
        frames.publish(workbench.frame());
        if (evidenceOpen) {
            evidences.publish(workbench.nextStepEvidence());
        }
    }

    private void report(String message) {
        Platform.runLater(() -> status.accept(message));
    }

    /** Scrubbing sends many positions; only the newest one still waiting is sought. */
    private void seekCoalesced(long step) {
        if (running.get()) {
            return;
        }
        if (pendingSeek.getAndSet(step) == -1) {
            vm.execute(() -> {
                long target = pendingSeek.getAndSet(-1);
                if (target >= 0) {
                    workbench.goTo(target);
                    publish();
                }
            });
        }
    }

    /** Runs the program to its end (bounded) so the scrubber covers the whole run, then returns to the start. */
    public void survey() {
        start(new Task<String>() {
            @Override
            protected String call() {
                updateMessage("surveying the run");
                long t0 = System.nanoTime();
                Workbench.Stop stop;
                long start = workbench.step();
                do {
                    stop = workbench.runFast(FAST_SLICE, SURVEY_STEPS, false, this::isCancelled);
                    updateProgress(Math.min(workbench.step(), SURVEY_STEPS), SURVEY_STEPS);
                    updateMessage(String.format("surveying the run: step %,d", workbench.step()));
                } while (stop == Workbench.Stop.LIMIT);
                double s = (System.nanoTime() - t0) / 1e9;
                String end = workbench.endStep() >= 0 ? String.format("the program exits at step %,d", workbench.endStep())
                    : workbench.fault() != null ? "the run faults at step " + workbench.step()
                    : String.format("no exit within %,d steps", workbench.step());
                workbench.goTo(start);
                publish();
                return String.format("%s (surveyed in %.2f s); F7 steps, F5 runs", end, s);
            }
        });
    }

    private void start(Task<String> t) {
        task = t;
        running.set(true);
        t.setOnSucceeded(e -> finished(t.getValue()));
        t.setOnCancelled(e -> finished(null));
        t.setOnFailed(e -> finished("stopped: " + t.getException()));
        taskListener.accept(t);
        vm.execute(t);
    }

    private void finished(String message) {
        task = null;
        running.set(false);
        if (message != null) {
            status.accept(message);
        }
    }

    /** Runs at a speed until a breakpoint, a target step, the end, or pause; the views follow. */
    private final class RunTask extends Task<String> {
        private final Speed speed;
        private final long until;
        private final boolean breakpoints;
        private final String what;

        RunTask(Speed speed, long until, boolean breakpoints, String what) {
            this.speed = speed;
            this.until = until;
            this.breakpoints = breakpoints;
            this.what = what;
        }

        @Override
        protected String call() throws InterruptedException {
            long startStep = workbench.step();
            long t0 = System.nanoTime();
            Workbench.Stop stop = speed.animated() ? animate(t0) : fast();
            double seconds = (System.nanoTime() - t0) / 1e9;
            workbench.settle();
            publish();
            long steps = workbench.step() - startStep;
            String why = switch (stop) {
                case EXITED -> "the program exited: " + workbench.frame().exitStatus(workbench.run().faultProof());
                case BREAKPOINT -> "breakpoint at " + Numbers.hex32(workbench.state().pc());
                case FAULT -> workbench.fault();
                case TARGET -> "reached step " + String.format("%,d", workbench.step());
                case CANCELLED -> "paused";
                case LIMIT -> "stopped";
            };
            String m = String.format("%s: %,d steps in %.2f s (%,.0f steps/s) — %s", what, steps, seconds,
                seconds > 0 ? steps / seconds : 0.0, why);
            System.getLogger("faultscope.ui").log(System.Logger.Level.INFO, m + " [speed " + speed.label() + "]");
            if (isCancelled()) {
                // A paused task's result is dropped, but the summary of how far it got is still worth showing.
                report(m);
            }
            return m;
        }

        /** Every step drawn, at the chosen rate: steps that fall due within one display frame are run together. */
        private Workbench.Stop animate(long t0) throws InterruptedException {
            double nanosPerStep = 1e9 / speed.stepsPerSecond();
            long done = 0;
            while (true) {
                long due = (long) ((System.nanoTime() - t0) / nanosPerStep) + 1;
                while (done < due) {
                    if (isCancelled()) {
                        return Workbench.Stop.CANCELLED;
                    }
                    if (workbench.step() >= until) {
                        return Workbench.Stop.TARGET;
                    }
                    if (!workbench.stepForward()) {
                        return workbench.fault() != null ? Workbench.Stop.FAULT : Workbench.Stop.EXITED;
                    }
                    done++;
                    if (breakpoints && workbench.breakpoints().contains(workbench.state().pc())) {
                        return Workbench.Stop.BREAKPOINT;
                    }
                }
                publish();
                updateMessage(String.format("%s at %s: step %,d", what, speed.label(), workbench.step()));
                long next = t0 + (long) (done * nanosPerStep);
                long sleep = next - System.nanoTime();
                if (sleep > 0) {
                    Thread.sleep(sleep / 1_000_000, (int) (sleep % 1_000_000));
                }
            }
        }

        private Workbench.Stop fast() {
            long end = workbench.endStep();
            while (true) {
                Workbench.Stop stop = workbench.runFast(FAST_SLICE, until, breakpoints, this::isCancelled);
                long total = until != Long.MAX_VALUE ? until : end > 0 ? end : Math.max(workbench.furthestStep(), 1);
                updateProgress(Math.min(workbench.step(), total), total);
                updateMessage(String.format("%s: step %,d", what, workbench.step()));
                if (stop != Workbench.Stop.LIMIT) {
                    return stop;
                }
                publish();
            }
        }
    }

    // ---- drawing (FX thread) ----

    private void draw(Frame f) {
        current = f;
        String where = workbench.run().symbols().lookup(f.pc())
            .map(s -> "in " + s.name() + (f.pc() == s.start() ? "" : "+0x" + Integer.toHexString(f.pc() - s.start())))
            .orElse("");
        disassembly.show(f.disassembly(), where);
        registers.show(f);
        memory.show(f);
        console.show(f);
        preimage.show(f);
        long max = f.endStep() >= 0 ? f.endStep() : Math.max(f.furthestStep(), f.firstStep() + 1);
        updatingScrubber = true;
        scrubber.setMin(f.firstStep());
        scrubber.setMax(max);
        scrubber.setValue(f.step());
        updatingScrubber = false;
        stepLabel.setText(String.format("step %,d / %,d%s", f.step(), max, f.endStep() >= 0 ? "" : "+"));
        if (f.fault() != null) {
            status.accept(f.fault());
        }
    }

    private void drawEvidence(StepEvidence e) {
        if (evidencePanel != null && current != null) {
            evidencePanel.show(String.format("Step %,d → %,d: the instruction at %s", current.step(), current.step() + 1,
                Numbers.hex32(current.pc())), e);
        }
    }

    @Override
    public void close() {
        pause();
        if (evidenceStage != null) {
            evidenceStage.close();
        }
        vm.close();
    }
}
