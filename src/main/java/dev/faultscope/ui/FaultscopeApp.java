package dev.faultscope.ui;

import javafx.application.Application;
import javafx.stage.Stage;

import dev.faultscope.ui.model.AppArgs;
import dev.faultscope.ui.model.lesson.Lesson;

import java.io.IOException;

/**
 * The desktop app. With a file argument it opens that file; with {@code --lesson [FILE]} it starts in a guided lesson;
 * without, the bundled sample: the classroom chain's fault proof program judging a wrong claim for block 2, ready to step.
 */
public final class FaultscopeApp extends Application {
    private MainWindow window;

    @Override
    public void start(Stage stage) {
        window = new MainWindow(stage);
        stage.show();
        AppArgs args;
        try {
            args = AppArgs.parse(getParameters().getRaw());
        } catch (IllegalArgumentException e) {
            window.setStatus(e.getMessage());
            window.openSample();
            return;
        }
        if (args.lesson()) {
            try {
                window.startLesson(args.lessonFile() == null ? Lesson.bundled() : Lesson.read(args.lessonFile()));
            } catch (IOException | IllegalArgumentException e) {
                window.setStatus("The lesson cannot start: " + MainWindow.describe(e));
            }
        } else if (args.file() == null) {
            window.openSample();
        } else {
            window.open(args.file());
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
