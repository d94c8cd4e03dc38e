package dev.faultscope.ui.model.lesson;

/** A lesson file that cannot be used, with the file and the field at fault in the message. */
public final class LessonFormatException extends IllegalArgumentException {
    public LessonFormatException(String source, String field, String problem) {
        super(source + ": " + field + ": " + problem);
    }
}
