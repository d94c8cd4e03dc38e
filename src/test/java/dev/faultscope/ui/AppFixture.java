package dev.faultscope.ui;

import javafx.stage.Stage;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.prefs.Preferences;

/** Opens the real main window headless for a UI test class, and closes it again. */
final class AppFixture {
    private AppFixture() {
    }

    /** Shows a new main window on the primary stage, then lets {@code open} load something into it. */
    static MainWindow show(Consumer<MainWindow> open) throws Exception {
        // Each test class starts from the default settings, not from what an earlier class left behind.
        Preferences node = Preferences.userRoot().node(System.getProperty("faultscope.prefs.node"));
        for (String key : node.keys()) {
            if (!key.startsWith("recent.")) {
                node.remove(key);
            }
        }
        node.flush();
        Stage stage = FxToolkit.registerPrimaryStage();
        MainWindow[] window = new MainWindow[1];
        FxToolkit.setupFixture(() -> {
            window[0] = new MainWindow(stage);
            stage.show();
            open.accept(window[0]);
        });
        return window[0];
    }

    static void close(MainWindow window) throws Exception {
        FxToolkit.setupFixture(() -> {
            window.close();
            FxToolkit.toolkitContext().getRegisteredStage().hide();
        });
    }

    /** Runs {@code r} on the FX thread and waits until the events it caused are handled. */
    static void fx(Runnable r) throws Exception {
        FxToolkit.setupFixture(r);
        WaitForAsyncUtils.waitForFxEvents();
    }

    static void waitUntil(BooleanSupplier condition) throws Exception {
        // A bound on waiting, not a timing assertion: the condition is what is tested.
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> {
            WaitForAsyncUtils.waitForFxEvents();
            return condition.getAsBoolean();
        });
    }
}
