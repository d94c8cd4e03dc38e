package dev.faultscope.ui.model;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The samples shipped with the app (the checkout's or the installed app's {@code samples/} folder). They are never
 * written over: a user who changes one saves a copy elsewhere.
 */
public final class BundledSamples {
    private BundledSamples() {
    }

    /** Whether {@code path} lies inside a bundled samples folder. */
    public static boolean contains(Path path) {
        Path p = real(path);
        for (Path root : roots()) {
            if (p.startsWith(root)) {
                return true;
            }
        }
        return false;
    }

    /** The samples folders: the working folder's, and the one next to (or above) the app's classes or jar. */
    public static List<Path> roots() {
        List<Path> out = new ArrayList<>();
        out.add(real(Path.of("samples")));
        try {
            Path code = Path.of(BundledSamples.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            for (Path d = code; d != null && out.size() < 5; d = d.getParent()) {
                Path s = d.resolve("samples");
                if (Files.isDirectory(s)) {
                    out.add(real(s));
                }
            }
        } catch (URISyntaxException | RuntimeException e) {
            // No file location for the code (a custom class loader): the working folder's samples remain.
        }
        return out;
    }

    private static Path real(Path p) {
        Path abs = p.toAbsolutePath().normalize();
        try {
            return abs.toRealPath();
        } catch (IOException e) {
            Path parent = abs.getParent();
            // A file that does not exist yet: resolve its folder (a link to samples/ still counts).
            return parent == null ? abs : real(parent).resolve(abs.getFileName());
        }
    }
}
