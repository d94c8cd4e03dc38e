package dev.faultscope.ui.model;

import java.nio.file.Path;
import java.util.List;

/**
 * The desktop app's arguments: a file to open, or {@code --lesson} (the bundled lesson) or {@code --lesson FILE} (a
 * lesson file) to start in a guided lesson.
 *
 * @param file   a file to open, or null
 * @param lesson whether to start in a lesson
 * @param lessonFile the lesson file, or null for the bundled one
 */
public record AppArgs(Path file, boolean lesson, Path lessonFile) {
    public static final String USAGE = "usage: faultscope-app [FILE | --lesson [LESSON.json]]";

    /** Parses the arguments; an unknown option or a second file is an IllegalArgumentException saying which. */
    public static AppArgs parse(List<String> args) {
        Path file = null;
        boolean lesson = false;
        Path lessonFile = null;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("--lesson")) {
                lesson = true;
                if (i + 1 < args.size() && !args.get(i + 1).startsWith("--")) {
                    lessonFile = Path.of(args.get(++i));
                }
            } else if (a.startsWith("--lesson=")) {
                lesson = true;
                lessonFile = Path.of(a.substring("--lesson=".length()));
            } else if (a.startsWith("--")) {
                throw new IllegalArgumentException("unknown option " + a + "; " + USAGE);
            } else if (file == null) {
                file = Path.of(a);
            } else {
                throw new IllegalArgumentException("one file at a time (" + file + ", then " + a + "); " + USAGE);
            }
        }
        if (lesson && file != null) {
            throw new IllegalArgumentException("a lesson opens its own game: give either " + file + " or --lesson; " + USAGE);
        }
        return new AppArgs(file, lesson, lessonFile);
    }
}
