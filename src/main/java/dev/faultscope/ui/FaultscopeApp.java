package dev.faultscope.ui;

import javafx.application.Application;
import javafx.stage.Stage;

import java.nio.file.Path;
import java.util.List;

/**
 * The desktop app. With a file argument it opens that file; without, the bundled sample: the classroom
 * chain's fault proof program judging a wrong claim for block 2, ready to step.
 */
public final class FaultscopeApp extends Application {
    private MainWindow window;

    @Override
    public void start(Stage stage) {
        window = new MainWindow(stage);
        stage.show();
        List<String> args = getParameters().getRaw();
        if (args.isEmpty()) {
            window.openSample();
        } else {
            window.open(Path.of(args.get(0)));
        }
    }

    @Override
    public void stop() {
        if (window != null) {
            window.close();
        }
    }

    public static void main(String[] args) {
        launch(FaultscopeApp.class, args);
    }
}
