package dev.faultscope.ui.game;

import dev.faultscope.io.AtomicFiles;
import dev.faultscope.ui.model.PngStream;
import dev.faultscope.ui.model.game.TreePicture;
import javafx.scene.Node;
import javafx.scene.SnapshotParameters;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.paint.Color;
import javafx.scene.transform.Transform;

import java.io.IOException;
import java.nio.file.Path;

/**
 * PNG exports, on the FX thread: a {@link TreePicture} rendered off screen at a scale, tile by tile (a canvas cannot
 * be larger than a texture), streamed to the file strip by strip; and a snapshot of any part of the window.
 */
public final class PngExport {
    private static final int TILE = 2048;

    private PngExport() {
    }

    /** The pixel size of {@code pic} at {@code scale}. */
    public static int[] size(TreePicture pic, double scale) {
        return new int[] {(int) Math.ceil(pic.width() * scale), (int) Math.ceil(pic.height() * scale)};
    }

    public static void write(TreePicture pic, double scale, Path target) throws IOException {
        int[] wh = size(pic, scale);
        int w = wh[0], h = wh[1];
        PicturePainter painter = new PicturePainter();
        Canvas canvas = new Canvas(Math.min(TILE, w), Math.min(TILE, h));
        SnapshotParameters params = new SnapshotParameters();
        params.setFill(Color.web(pic.background()));
        AtomicFiles.write(target, out -> {
            PngStream png = new PngStream(out, w, h);
            for (int y0 = 0; y0 < h; y0 += TILE) {
                int th = Math.min(TILE, h - y0);
                int[] strip = new int[w * th];
                for (int x0 = 0; x0 < w; x0 += TILE) {
                    int tw = Math.min(TILE, w - x0);
                    GraphicsContext g = canvas.getGraphicsContext2D();
                    g.setTransform(1, 0, 0, 1, 0, 0);
                    g.setFill(Color.web(pic.background()));
                    g.fillRect(0, 0, canvas.getWidth(), canvas.getHeight());
                    g.setTransform(scale, 0, 0, scale, -x0, -y0);
                    painter.paint(g, pic.shapes());
                    WritableImage img = canvas.snapshot(params, null);
                    img.getPixelReader().getPixels(0, 0, tw, th, PixelFormat.getIntArgbInstance(), strip, x0, w);
                }
                for (int r = 0; r < th; r++) {
                    png.row(strip, r * w);
                }
            }
            png.close();
        });
    }

    /** A snapshot of {@code node} (e.g. the workbench's panels) at {@code scale}. */
    public static int[] snapshot(Node node, double scale, Path target) throws IOException {
        SnapshotParameters params = new SnapshotParameters();
        params.setTransform(Transform.scale(scale, scale));
        WritableImage img = node.snapshot(params, null);
        int w = (int) img.getWidth(), h = (int) img.getHeight();
        int[] pixels = new int[w * h];
        img.getPixelReader().getPixels(0, 0, w, h, PixelFormat.getIntArgbInstance(), pixels, 0, w);
        AtomicFiles.write(target, out -> {
            PngStream png = new PngStream(out, w, h);
            for (int r = 0; r < h; r++) {
                png.row(pixels, r * w);
            }
            png.close();
        });
        return new int[] {w, h};
    }
}
