package dev.faultscope.io;

import com.fasterxml.jackson.databind.JsonNode;
import dev.faultscope.oracle.PreimageStore;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Pre-images for a run, from either a JSON object {@code {"0x<key>": "0x<data>", …}} or a directory of files
 * named by their 32-byte key in hex (optionally with an extension), each holding the raw data.
 */
public final class PreimageFiles {
    private PreimageFiles() {
    }

    public static void load(Path path, PreimageStore store) throws IOException {
        if (!Files.exists(path)) {
            throw new InputFiles.InputFileException(path, "no such file or directory");
        }
        if (Files.isDirectory(path)) {
            try (Stream<Path> files = Files.list(path)) {
                long total = 0;
                long max = InputFiles.Limit.PREIMAGES.bytes();
                for (Path f : files.sorted().toList()) {
                    String name = f.getFileName().toString();
                    int dot = name.indexOf('.');
                    String keyText = dot < 0 ? name : name.substring(0, dot);
                    byte[] key = JsonFiles.hex(f, JsonFiles.MAPPER.getNodeFactory().textNode(keyText), "file name", 32);
                    byte[] data = InputFiles.read(f, InputFiles.Limit.PREIMAGES);
                    // Each file is bounded on its own; the folder as a whole is bounded too.
                    total += data.length;
                    if (total > max) {
                        throw new InputFiles.InputFileException(path, "too large: the pre-images in this directory add up to more than "
                            + max + " bytes, the limit for pre-image files");
                    }
                    put(f, store, key, data, "file");
                }
            }
            return;
        }
        Iterator<Map.Entry<String, JsonNode>> it = JsonFiles.parseObject(JsonFiles.readFile(path, InputFiles.Limit.PREIMAGES), path).fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            String where = "key " + e.getKey();
            byte[] key = JsonFiles.hex(path, JsonFiles.MAPPER.getNodeFactory().textNode(e.getKey()), where, 32);
            put(path, store, key, JsonFiles.hex(path, e.getValue(), where, -1), where);
        }
    }

    private static void put(Path path, PreimageStore store, byte[] key, byte[] data, String where) {
        try {
            store.put(key, data);
        } catch (IllegalArgumentException e) {
            throw new FileFormatException(path, where, e.getMessage(), e);
        }
    }
}
