package example;

import dev.faceembed.CropLayout;
import dev.faceembed.EmbeddingBackend;
import dev.faceembed.EmbeddingBackends;
import dev.faceembed.Embeddings;
import dev.faceembed.FaceBatch;
import dev.faceembed.preprocess.SyntheticCrops;
import dev.faceembed.spi.BackendRegistry;

import java.lang.foreign.Arena;
import java.util.Map;

/**
 * Embeds a batch of crops with faceembed's bundled model on ONNX Runtime and says which ONNX Runtime library ran.
 * Run it with {@code java --enable-native-access=ALL-UNNAMED -cp <class path> example.HelloEmbed}.
 */
public final class HelloEmbed {
    private HelloEmbed() {
    }

    /**
     * Embeds {@code count} seeded synthetic crops (an application fills the batch with its own aligned 112x112 RGB
     * face crops instead).
     *
     * @param count how many crops
     * @return their embeddings, one L2-normalised row per crop
     */
    public static float[][] embed(int count) {
        try (EmbeddingBackend backend = EmbeddingBackends.create();
             Arena arena = Arena.ofConfined()) {
            FaceBatch crops = backend.allocateBatch(arena, CropLayout.UINT8_HWC_RGB, count);
            SyntheticCrops.fill(crops, 42);
            Embeddings embeddings = backend.encode(crops);
            return embeddings.toArray();
        }
    }

    /**
     * Where the ONNX Runtime library that ran was found.
     *
     * @return what {@code embed info --json} shows as {@code library.from}: the jar entry it was extracted from, the
     *         property or variable that named it, or null when the system loader found it
     */
    public static String onnxRuntimeOrigin() {
        Map<?, ?> library = (Map<?, ?>) BackendRegistry.standard().find("onnxruntime").orElseThrow().describe()
                .get("library");
        return library == null ? null : String.valueOf(library.get("from"));
    }

    /**
     * Prints the size of four embeddings and where ONNX Runtime came from.
     *
     * @param args none
     */
    public static void main(String[] args) {
        float[][] embeddings = embed(4);
        System.out.println(embeddings.length + " embeddings of " + embeddings[0].length + " floats");
        System.out.println("ONNX Runtime: " + onnxRuntimeOrigin());
    }
}
