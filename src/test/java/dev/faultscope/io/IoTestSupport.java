package dev.faultscope.io;

import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;
import java.util.zip.Deflater;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Helpers shared by the io tests: zlib for hand-made pages, and "this file must fail like so". */
final class IoTestSupport {
    static final JsonMapper JSON = new JsonMapper();

    private IoTestSupport() {
    }

    static byte[] zlib(byte[] data) {
        Deflater d = new Deflater(Deflater.BEST_COMPRESSION);
        d.setInput(data);
        d.finish();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[512];
        while (!d.finished()) {
            out.write(buf, 0, d.deflate(buf));
        }
        d.end();
        return out.toByteArray();
    }

    static ObjectNode tree(byte[] json) throws IOException {
        return (ObjectNode) JSON.readTree(json);
    }

    /**
     * Writes {@code text} to {@code file}, reads it with {@code reader}, and checks that it fails with one line
     * that names the file and contains every fragment.
     */
    static FileFormatException assertRejects(Path file, String text, IoReader reader, String... fragments) throws IOException {
        Files.writeString(file, text);
        FileFormatException e = assertThrows(FileFormatException.class, () -> reader.read(file));
        String msg = e.getMessage();
        assertTrue(msg.startsWith(file.toString() + ": "), msg);
        assertFalse(msg.contains("\n"), "message must be one line: " + msg);
        assertEquals(file, e.path());
        for (String f : fragments) {
            assertTrue(msg.contains(f), "message lacks \"" + f + "\": " + msg);
        }
        return e;
    }

    static String mutate(ObjectNode base, Function<ObjectNode, Object> edit) throws IOException {
        ObjectNode copy = base.deepCopy();
        edit.apply(copy);
        return JSON.writeValueAsString(copy);
    }

    @FunctionalInterface
    interface IoReader {
        Object read(Path p) throws IOException;
    }
}
