package dev.faultscope.ui.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.faultscope.io.InputFiles;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * What a file the user opens is, told from its content (not only its name): an ELF, a Cannon state or proof,
 * a scenario, or a session. Misnamed files still open as what they are; unknown ones get a reason.
 */
public enum FileKind {
    ELF("MIPS32 ELF program"),
    CANNON_STATE("Cannon state JSON"),
    CANNON_PROOF("Cannon step proof JSON"),
    SCENARIO("scenario (a rollup chain)"),
    SESSION("Faultscope session");

    private final String description;

    FileKind(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }

    /** Raised when a file is none of the kinds; its message says what was found. */
    public static final class Unrecognised extends Exception {
        public Unrecognised(String message) {
            super(message);
        }
    }

    public static FileKind detect(Path path) throws IOException, Unrecognised {
        // A FIFO or device would block or never end; a huge file is refused by the bounded read below.
        InputFiles.requireRegularFile(path, "a file Faultscope opens");
        byte[] head;
        try (InputStream in = Files.newInputStream(path)) {
            head = in.readNBytes(4);
        }
        if (head.length == 4 && head[0] == 0x7F && head[1] == 'E' && head[2] == 'L' && head[3] == 'F') {
            return ELF;
        }
        if (head.length >= 2 && (head[0] & 0xFF) == 0x1F && (head[1] & 0xFF) == 0x8B) {
            // Cannon gzips its state files; a gzipped JSON is read as one.
            try (InputStream in = new GZIPInputStream(Files.newInputStream(path))) {
                return ofJson(in.readNBytes(1 << 16), path, true);
            }
        }
        long size = Files.size(path);
        if (size == 0) {
            throw new Unrecognised("the file is empty");
        }
        return ofJson(InputFiles.read(path, InputFiles.Limit.STATE), path, false);
    }

    private static FileKind ofJson(byte[] bytes, Path path, boolean partial) throws Unrecognised {
        int i = 0;
        while (i < bytes.length && Character.isWhitespace(bytes[i])) {
            i++;
        }
        if (i == bytes.length || bytes[i] != '{') {
            throw new Unrecognised("it is neither an ELF program nor a JSON object (ELF programs start with 0x7f 'ELF', "
                + "Cannon and Faultscope files are JSON objects)");
        }
        if (partial) {
            // Only the head of a big gzipped state was read: decide by the field names seen so far.
            String text = new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
            if (text.contains("\"faultscope-session\"")) {
                return SESSION;
            }
            if (text.contains("\"memory\"")) {
                return CANNON_STATE;
            }
            throw new Unrecognised("it is gzipped, but neither a Cannon state (no \"memory\" field) nor a Faultscope session");
        }
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(bytes);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new Unrecognised("it is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new Unrecognised("it is not valid JSON: " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw new Unrecognised("it is not a JSON object");
        }
        if ("faultscope-session".equals(root.path("format").asText(null))) {
            return SESSION;
        }
        if (root.has("state-data") || root.has("proof-data")) {
            return CANNON_PROOF;
        }
        if (root.has("memory") && root.has("pc")) {
            return CANNON_STATE;
        }
        if (root.has("accounts") && root.has("blocks")) {
            return SCENARIO;
        }
        throw new Unrecognised("it is JSON, but none of the kinds Faultscope opens: a Cannon state (\"memory\", \"pc\"), "
            + "a Cannon proof (\"state-data\", \"proof-data\"), a scenario (\"accounts\", \"blocks\") or a session");
    }
}
