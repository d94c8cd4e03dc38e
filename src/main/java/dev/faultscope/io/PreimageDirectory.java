package dev.faultscope.io;

import dev.faultscope.crypto.Hex;
import dev.faultscope.oracle.PreimageKeys;
import dev.faultscope.oracle.PreimageSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A directory of pre-image files named by their key, read when the program asks for a key. Two layouts:
 * <ul>
 *   <li>ours ({@code --preimages DIR}): {@code 0x<64 hex digits>} with any extension, holding the raw data;</li>
 *   <li>op-program's file store ({@code op-program --datadir}, its DiskKV): {@code 0x<64 hex digits>.txt}
 *       holding the data as hex text without a prefix (docs/formats.md, "Pre-image sources").</li>
 * </ul>
 * A {@code .txt} file whose content is hex is read as op-program's; for a keccak key the reading that hashes to
 * the key wins, so a raw file that happens to look like hex is still read right.
 */
public final class PreimageDirectory implements PreimageSource {
    private final Path dir;
    private final Map<String, Path> files = new HashMap<>();

    public PreimageDirectory(Path dir) throws IOException {
        this.dir = dir;
        try (Stream<Path> list = Files.list(dir)) {
            for (Path f : list.toList()) {
                String name = f.getFileName().toString();
                int dot = name.indexOf('.');
                String key = (dot < 0 ? name : name.substring(0, dot)).toLowerCase();
                if (key.matches("0x[0-9a-f]{64}") && Files.isRegularFile(f)) {
                    files.put(key, f);
                }
            }
        }
    }

    /** Keys with a file here. */
    public int size() {
        return files.size();
    }

    @Override
    public byte[] get(byte[] key) {
        Path f = files.get(Hex.encode(key).toLowerCase());
        if (f == null) {
            return null;
        }
        byte[] raw;
        try {
            raw = Files.readAllBytes(f);
        } catch (IOException e) {
            throw new UncheckedIOException(f + ": " + e.getMessage(), e);
        }
        if (!f.getFileName().toString().endsWith(".txt")) {
            return raw;
        }
        byte[] decoded = hexText(raw);
        if (decoded == null) {
            return raw;
        }
        if (PreimageKeys.type(key) == PreimageKeys.TYPE_KECCAK && !Arrays.equals(key, PreimageKeys.keccakKey(decoded))
            && Arrays.equals(key, PreimageKeys.keccakKey(raw))) {
            return raw;
        }
        return decoded;
    }

    /** The bytes a text of hex digits (no prefix, even length, maybe a trailing newline) stands for, or null. */
    private static byte[] hexText(byte[] raw) {
        String s = new String(raw, StandardCharsets.US_ASCII).strip();
        if (s.length() % 2 != 0 || !s.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            return null;
        }
        return Hex.decode(s);
    }

    @Override
    public String describe() {
        return "directory " + dir + " (" + files.size() + " pre-images)";
    }
}
