package dev.faceembed.detect;

import dev.faceembed.ModelException;
import dev.faceembed.spi.ModelRunner;
import dev.faceembed.spi.TensorRun;
import dev.faceembed.spi.TensorShape;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Arrays;
import java.util.List;

/**
 * Finds face boxes with fr_detect, which sees a 320x240 view: the whole photo letterboxed into it, and, when the
 * photo is too large for a face of {@code detection.min_face_px} to be seen in that view, overlapping tiles at finer
 * scales (each level twice the previous scale, the last just fine enough, none finer than the photo's pixels). The model decodes its boxes itself
 * (corner form, normalised to the view) and gives a softmax score per prior, index 1 being "face"; see
 * models/README.md.
 */
final class DetectorModel {
    static final int VIEW_WIDTH = 320;
    static final int VIEW_HEIGHT = 240;
    /** The smallest face, in view pixels, found reliably (55/55 real faces at 20 px, 50/55 at 16 px). */
    static final double MIN_VISIBLE_FACE = 20;
    /** Tiles overlap by this many view pixels, so every face a tile level is for lies whole inside one tile. */
    private static final double TILE_OVERLAP = 48;
    /** In tiles, larger boxes are left to the coarser level, which saw those faces whole. */
    private static final float MAX_TILE_FACE = 64;
    /** In tiles, a box this close to an inner tile edge is a cut face; the neighbouring tile sees it whole. */
    private static final float TILE_EDGE = 2;
    private static final float PAD = 127;
    private static final long PLANE = (long) VIEW_WIDTH * VIEW_HEIGHT * Float.BYTES;

    private final int priors;

    DetectorModel(ModelRunner runner) {
        List<TensorShape> in = runner.inputs();
        List<TensorShape> out = runner.outputs();
        boolean fits = in.size() == 1 && in.getFirst().dims().equals(List.of(1L, 3L, (long) VIEW_HEIGHT,
                (long) VIEW_WIDTH)) && out.size() == 2 && out.get(0).dims().size() == 3
                && out.get(0).dims().get(2) == 2 && out.get(1).dims().equals(List.of(1L, out.get(0).dims().get(1), 4L));
        if (!fits) {
            throw new ModelException("face detector has inputs " + in + " and outputs " + out + "; expected"
                    + " [1,3,240,320] in, scores [1,P,2] and boxes [1,P,4] out");
        }
        priors = Math.toIntExact(out.get(0).dims().get(1));
    }

    /** Appends the faces of every view of {@code image} to {@code found}, in photo pixels, unclipped. */
    void detect(BgrImage image, DetectionOptions options, DetectionWorkspace ws, Candidates found) {
        int w = image.width();
        int h = image.height();
        double scale = Math.min(VIEW_WIDTH / (double) w, VIEW_HEIGHT / (double) h);
        view(image, 0, 0, w, h, scale, false, options, ws, found);
        // Never finer than the photo's own pixels: a face under 20 px is found only in a photo that small itself.
        double needed = Math.min(MIN_VISIBLE_FACE / options.minFacePx(), Math.max(1, scale));
        while (scale < needed) {
            scale = Math.min(2 * scale, needed);
            tiles(image, scale, options, ws, found);
        }
    }

    private void tiles(BgrImage image, double scale, DetectionOptions options, DetectionWorkspace ws,
                       Candidates found) {
        double tileW = Math.min(VIEW_WIDTH / scale, image.width());
        double tileH = Math.min(VIEW_HEIGHT / scale, image.height());
        int across = count(image.width(), tileW, TILE_OVERLAP / scale);
        int down = count(image.height(), tileH, TILE_OVERLAP / scale);
        for (int ty = 0; ty < down; ty++) {
            double y0 = down == 1 ? 0 : ty * (image.height() - tileH) / (down - 1);
            for (int tx = 0; tx < across; tx++) {
                double x0 = across == 1 ? 0 : tx * (image.width() - tileW) / (across - 1);
                view(image, x0, y0, tileW, tileH, scale, true, options, ws, found);
            }
        }
    }

    private static int count(int length, double tile, double overlap) {
        return tile >= length ? 1 : (int) Math.ceil((length - tile) / (tile - overlap)) + 1;
    }

    /** Runs the detector on {@code [x0, x0 + w) x [y0, y0 + h)} shown at {@code scale} in the view's top left. */
    private void view(BgrImage image, double x0, double y0, double w, double h, double scale, boolean tile,
                      DetectionOptions options, DetectionWorkspace ws, Candidates found) {
        int shownW = (int) Math.max(1, Math.min(VIEW_WIDTH, Math.round(w * scale)));
        int shownH = (int) Math.max(1, Math.min(VIEW_HEIGHT, Math.round(h * scale)));
        float[] bgr = ws.resampler.sample(image, x0, y0, w, h, shownW, shownH, PAD);
        TensorRun run = ws.detectorRun;
        writeView(bgr, shownW, shownH, run.input(0), ws.row);
        run.run();

        MemorySegment scores = run.output(0);
        MemorySegment boxes = run.output(1);
        double toPhotoX = w / shownW;
        double toPhotoY = h / shownH;
        // Half a pixel of slack: the last tile's x0 + w is the photo's width up to rounding.
        boolean innerLeft = tile && x0 > 0.5;
        boolean innerTop = tile && y0 > 0.5;
        boolean innerRight = tile && x0 + w < image.width() - 0.5;
        boolean innerBottom = tile && y0 + h < image.height() - 0.5;
        Candidates seen = ws.viewCandidates;
        seen.clear();
        for (int p = 0; p < priors; p++) {
            float score = scores.getAtIndex(ValueLayout.JAVA_FLOAT, 2L * p + 1);
            if (score < options.minScore()) {
                continue;
            }
            float bx1 = boxes.getAtIndex(ValueLayout.JAVA_FLOAT, 4L * p) * VIEW_WIDTH;
            float by1 = boxes.getAtIndex(ValueLayout.JAVA_FLOAT, 4L * p + 1) * VIEW_HEIGHT;
            float bx2 = boxes.getAtIndex(ValueLayout.JAVA_FLOAT, 4L * p + 2) * VIEW_WIDTH;
            float by2 = boxes.getAtIndex(ValueLayout.JAVA_FLOAT, 4L * p + 3) * VIEW_HEIGHT;
            if (tile && (Math.max(bx2 - bx1, by2 - by1) > MAX_TILE_FACE
                    || (innerLeft && bx1 < TILE_EDGE) || (innerTop && by1 < TILE_EDGE)
                    || (innerRight && bx2 > shownW - TILE_EDGE) || (innerBottom && by2 > shownH - TILE_EDGE))) {
                continue;
            }
            seen.add((float) (x0 + bx1 * toPhotoX), (float) (y0 + by1 * toPhotoY), (float) (x0 + bx2 * toPhotoX),
                    (float) (y0 + by2 * toPhotoY), score);
        }
        seen.suppress(options.nmsIou());
        found.addAll(seen);
    }

    /** B, G, R planes of {@code (v - 127) / 128}; the view beyond the shown photo is 0, i.e. grey 127. */
    private static void writeView(float[] bgr, int shownW, int shownH, MemorySegment input, float[] row) {
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < VIEW_HEIGHT; y++) {
                if (y < shownH) {
                    int base = 3 * y * shownW + c;
                    for (int x = 0; x < shownW; x++) {
                        row[x] = (bgr[base + 3 * x] - PAD) / 128f;
                    }
                    Arrays.fill(row, shownW, VIEW_WIDTH, 0f);
                } else if (y == shownH) {
                    Arrays.fill(row, 0f);
                }
                MemorySegment.copy(row, 0, input, ValueLayout.JAVA_FLOAT, c * PLANE
                        + (long) y * VIEW_WIDTH * Float.BYTES, VIEW_WIDTH);
            }
        }
    }
}
