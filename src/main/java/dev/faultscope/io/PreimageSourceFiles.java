package dev.faultscope.io;

import dev.faultscope.oracle.PreimageSource;
import dev.faultscope.oracle.PreimageStore;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Opens a pre-image source from a path: a directory (ours or op-program's), a trace bundle, or a JSON object file. */
public final class PreimageSourceFiles {
    private PreimageSourceFiles() {
    }

    public static PreimageSource open(Path path) throws IOException {
        if (Files.isDirectory(path)) {
            return new PreimageDirectory(path);
        }
        if (!Files.exists(path)) {
            throw new IllegalArgumentException(path + ": no such file or directory");
        }
        byte[] head;
        try (InputStream in = Files.newInputStream(path)) {
            head = in.readNBytes(8);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(path + ": no such file");
        }
        if (TraceBundle.isBundle(head)) {
            try (TraceBundle b = TraceBundle.open(path)) {
                return b.preimageSource();
            }
        }
        PreimageStore store = new PreimageStore();
        PreimageFiles.load(path, store);
        return PreimageSource.of(store, "pre-image file " + path + " (" + store.size() + " pre-images)");
    }

    /** A directory next to {@code file} that looks like a pre-image directory (for the app to offer), or null. */
    public static Path preimageDirNextTo(Path file) throws IOException {
        Path folder = file.toAbsolutePath().getParent();
        if (folder == null) {
            return null;
        }
        for (String name : new String[] {"preimages", "preimage", "datadir", "data"}) {
            Path d = folder.resolve(name);
            if (Files.isDirectory(d) && new PreimageDirectory(d).size() > 0) {
                return d;
            }
        }
        if (new PreimageDirectory(folder).size() > 0) {
            return folder;
        }
        return null;
    }
}
