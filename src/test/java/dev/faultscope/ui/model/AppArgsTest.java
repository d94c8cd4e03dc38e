package dev.faultscope.ui.model;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AppArgsTest {
    @Test
    void filesAndTheLessonFlag() {
        assertEquals(new AppArgs(null, false, null), AppArgs.parse(List.of()));
        assertEquals(new AppArgs(Path.of("a.json"), false, null), AppArgs.parse(List.of("a.json")));
        assertEquals(new AppArgs(null, true, null), AppArgs.parse(List.of("--lesson")));
        assertEquals(new AppArgs(null, true, Path.of("l.json")), AppArgs.parse(List.of("--lesson", "l.json")));
        assertEquals(new AppArgs(null, true, Path.of("l.json")), AppArgs.parse(List.of("--lesson=l.json")));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> AppArgs.parse(List.of("--lessons")))
            .getMessage().startsWith("unknown option --lessons"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> AppArgs.parse(List.of("a", "b")))
            .getMessage().startsWith("one file at a time"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> AppArgs.parse(List.of("a", "--lesson")))
            .getMessage().startsWith("a lesson opens its own game"));
    }
}
