package dev.faceembed.detect;

import dev.faceembed.ModelException;
import dev.faceembed.spi.ModelRunner;
import dev.faceembed.spi.TensorRun;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.List;

/**
 * Locates a face's 68 iBUG points with fr_landmark and reduces them to the five ArcFace points. The model sees the
 * square around the detector's box (side = the box's longer side, same centre) at 64x64 in grey / 256 and answers
 * each point's x and y as fractions of that square; see models/README.md.
 */
final class LandmarkModel {
    static final int SIZE = 64;
    /** Luma weights (ITU-R BT.601) of B, G, R, divided by the model's 256. */
    private static final float GREY_B = 0.114f / 256;
    private static final float GREY_G = 0.587f / 256;
    private static final float GREY_R = 0.299f / 256;

    LandmarkModel(ModelRunner runner) {
        if (!runner.inputs().stream().map(t -> t.dims()).toList().equals(List.of(List.of(1L, 1L, 64L, 64L)))
                || !runner.outputs().stream().map(t -> t.dims()).toList().equals(List.of(List.of(1L, 136L)))) {
            throw new ModelException("landmark model has inputs " + runner.inputs() + " and outputs "
                    + runner.outputs() + "; expected [1,1,64,64] in and [1,136] out");
        }
    }

    /**
     * Writes the five ArcFace points (left eye, right eye, nose tip, left and right mouth corner, as seen) of the
     * face in box {@code (x1, y1, x2, y2)} to {@code five} as {@code x0, y0, ..., x4, y4}.
     */
    void locate(BgrImage image, float x1, float y1, float x2, float y2, DetectionWorkspace ws, float[] five) {
        double side = Math.max(x2 - x1, y2 - y1);
        double left = (x1 + x2) / 2.0 - side / 2;
        double top = (y1 + y2) / 2.0 - side / 2;
        float[] bgr = ws.resampler.sample(image, left, top, side, side, SIZE, SIZE, 0f);
        TensorRun run = ws.landmarkRun;
        MemorySegment input = run.input(0);
        float[] row = ws.row;
        for (int y = 0; y < SIZE; y++) {
            for (int x = 0; x < SIZE; x++) {
                int p = 3 * (y * SIZE + x);
                row[x] = GREY_B * bgr[p] + GREY_G * bgr[p + 1] + GREY_R * bgr[p + 2];
            }
            MemorySegment.copy(row, 0, input, ValueLayout.JAVA_FLOAT, (long) y * SIZE * Float.BYTES, SIZE);
        }
        run.run();
        MemorySegment out = run.output(0);
        point(out, 36, 42, left, top, side, five, 0);
        point(out, 42, 48, left, top, side, five, 1);
        point(out, 30, 31, left, top, side, five, 2);
        point(out, 48, 49, left, top, side, five, 3);
        point(out, 54, 55, left, top, side, five, 4);
    }

    /** ArcFace point {@code index} = the mean of iBUG points {@code [from, to)}, in photo pixels. */
    private static void point(MemorySegment out, int from, int to, double left, double top, double side,
                              float[] five, int index) {
        double x = 0;
        double y = 0;
        for (int i = from; i < to; i++) {
            x += out.getAtIndex(ValueLayout.JAVA_FLOAT, 2L * i);
            y += out.getAtIndex(ValueLayout.JAVA_FLOAT, 2L * i + 1);
        }
        five[2 * index] = (float) (left + side * x / (to - from));
        five[2 * index + 1] = (float) (top + side * y / (to - from));
    }
}
