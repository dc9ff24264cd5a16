package dev.faceembed.detect;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** The committed test photos (see src/test/resources/photos/README.md). */
final class Photos {
    private Photos() {
    }

    static byte[] bytes(String name) {
        try (InputStream in = Photos.class.getResourceAsStream("/photos/" + name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static BufferedImage decoded(String name) {
        return new PhotoDecoder().decode(bytes(name));
    }

    /** {@code photo} shrunk to {@code width x height}, drawn at {@code (x, y)} on a grey canvas. */
    static BufferedImage placed(BufferedImage photo, int canvasW, int canvasH, int x, int y, int width, int height) {
        BufferedImage canvas = new BufferedImage(canvasW, canvasH, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = canvas.createGraphics();
        try {
            g.setColor(new java.awt.Color(0x808080));
            g.fillRect(0, 0, canvasW, canvasH);
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.drawImage(photo, x, y, width, height, null);
        } finally {
            g.dispose();
        }
        return canvas;
    }
}
