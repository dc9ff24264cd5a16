package dev.faceembed.testing;

import dev.faceembed.io.Npy;

import java.lang.foreign.Arena;
import java.lang.foreign.ValueLayout;
import java.net.URISyntaxException;
import java.nio.file.Path;

/** The embeddings Python onnxruntime made for the seeded crops (tools/reference/make_reference_embeddings.py). */
public final class ReferenceFixture {
    public static final long SEED = 20261125;
    public static final int COUNT = 64;
    public static final int DIM = 512;
    public static final String CROPS_SHA256 = "6ad510e162c058c214c7c11fb9e1e5c84acaac6262df37aa3d9efcfbf8ac4f9c";

    private ReferenceFixture() {
    }

    /** The raw outputs, row-major {@code COUNT x DIM}. */
    public static float[] rawEmbeddings() {
        try (Arena arena = Arena.ofConfined()) {
            Path file = Path.of(ReferenceFixture.class.getResource("/reference/ort_python_embeddings.npy").toURI());
            Npy.Array array = Npy.read(file, arena);
            if (array.dtype() != Npy.DType.FLOAT32 || array.elements() != (long) COUNT * DIM) {
                throw new IllegalStateException("unexpected fixture " + array.shapeString());
            }
            return array.data().asSlice(0, array.elements() * 4).toArray(ValueLayout.JAVA_FLOAT);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Row {@code row} of the raw outputs, L2-normalised in double precision. */
    public static double[] normalisedRow(float[] raw, int row) {
        double sum = 0;
        for (int i = 0; i < DIM; i++) {
            double v = raw[row * DIM + i];
            sum += v * v;
        }
        double[] out = new double[DIM];
        double norm = Math.sqrt(sum);
        for (int i = 0; i < DIM; i++) {
            out[i] = raw[row * DIM + i] / norm;
        }
        return out;
    }
}
