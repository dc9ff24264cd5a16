package example;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HelloEmbedTest {
    @Test
    void embedsWithOnnxRuntimeFromFaceembedsNativesJar() {
        float[][] embeddings = HelloEmbed.embed(4);
        assertEquals(4, embeddings.length);
        for (float[] row : embeddings) {
            assertEquals(512, row.length);
            double norm = 0;
            for (float v : row) {
                norm += v * v;
            }
            assertEquals(1.0, Math.sqrt(norm), 1e-4, "rows are L2-normalised");
        }
        String origin = HelloEmbed.onnxRuntimeOrigin();
        assertTrue(origin != null && origin.contains("faceembed-onnxruntime-natives") && origin.contains("dev/faceembed/onnxruntime/native/"),
                "ONNX Runtime comes from faceembed-core's natives dependency: " + origin);
    }
}
