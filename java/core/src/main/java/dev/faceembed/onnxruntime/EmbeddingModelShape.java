package dev.faceembed.onnxruntime;

import dev.faceembed.CropSize;
import dev.faceembed.ModelException;
import dev.faceembed.bindings.ort.OrtApi;
import dev.faceembed.model.LoadedModel;

import java.util.List;

/**
 * What an ONNX model must look like to be a face embedder, read from the model itself: one float32 input
 * {@code [N|1, 3, H, W]} and a float32 output {@code [N|1, D]} (the first output is used).
 *
 * @param inputName  name of the input tensor
 * @param outputName name of the output tensor
 * @param fixedBatch 1 when the model's batch dimension is fixed at 1 (it is then run one crop at a time), 0 when it
 *                   is dynamic
 * @param cropSize   H x W; from the model where fixed, else from the preprocessing
 * @param dim        D, the embedding dimension
 */
record EmbeddingModelShape(String inputName, String outputName, int fixedBatch, CropSize cropSize, int dim) {
    /** Largest crop side accepted: far beyond any face model (112 to 224), small enough to batch safely. */
    static final int MAX_CROP_SIDE = 4096;
    /** See {@link #runBytesPerCrop()}: 46 measured, rounded up. */
    static final long RUN_BYTES_PER_INPUT_BYTE = 64;

    static EmbeddingModelShape of(LoadedModel model, List<TensorSpec> inputs, List<TensorSpec> outputs) {
        String where = "model " + model.location();
        if (inputs.size() != 1) {
            throw new ModelException(where + " has " + inputs.size() + " inputs " + describe(inputs)
                    + "; a face embedding model has exactly one, a float32 tensor [N,3,H,W]");
        }
        if (outputs.isEmpty()) {
            throw new ModelException(where + " has no outputs");
        }
        TensorSpec in = inputs.getFirst();
        if (in.elementType() != OrtApi.ONNX_TENSOR_ELEMENT_DATA_TYPE_FLOAT || in.rank() != 4
                || (!in.isDynamic(1) && in.dim(1) != 3)) {
            throw new ModelException(where + " has input " + in.describe()
                    + "; faceembed needs a float32 input [N,3,H,W] (N crops of 3 colour planes)");
        }
        TensorSpec out = outputs.getFirst();
        if (out.elementType() != OrtApi.ONNX_TENSOR_ELEMENT_DATA_TYPE_FLOAT || out.rank() != 2 || out.isDynamic(1)
                || out.dim(1) <= 0) {
            throw new ModelException(where + " has output " + out.describe()
                    + "; faceembed needs a float32 output [N,D] with a fixed embedding size D");
        }
        if (in.dim(2) > MAX_CROP_SIDE || in.dim(3) > MAX_CROP_SIDE) {
            throw new ModelException(where + " has input " + in.describe() + ", which is larger than a face crop"
                    + " faceembed takes (at most " + MAX_CROP_SIDE + "x" + MAX_CROP_SIDE + ")");
        }
        int fixedBatch = batchOf(where, in, out);
        CropSize preprocessed = model.spec().preprocessing().cropSize();
        int height = in.isDynamic(2) ? preprocessed.height() : (int) in.dim(2);
        int width = in.isDynamic(3) ? preprocessed.width() : (int) in.dim(3);
        return new EmbeddingModelShape(in.name(), out.name(), fixedBatch, new CropSize(height, width),
                Math.toIntExact(out.dim(1)));
    }

    private static int batchOf(String where, TensorSpec in, TensorSpec out) {
        if (in.isDynamic(0) && (out.isDynamic(0) || out.dim(0) == 1)) {
            return out.isDynamic(0) ? 0 : 1;
        }
        if (!in.isDynamic(0) && in.dim(0) == 1) {
            return 1;
        }
        throw new ModelException(where + " has input " + in.describe() + " and output " + out.describe()
                + "; the batch dimension must be dynamic or 1: re-export the model with a dynamic batch axis");
    }

    private static String describe(List<TensorSpec> specs) {
        return specs.stream().map(TensorSpec::describe).toList().toString();
    }

    /** Largest number of crops one run may take, given the caller's limit. */
    /**
     * Estimated memory of running one crop on the CPU: {@value #RUN_BYTES_PER_INPUT_BYTE} x its float32 input. The
     * bundled 112x112 model measured 6.9 MB a crop (max RSS over batches of 64 and 256, {@code embed benchmark}), 46x
     * its 150 KB input; a convolutional network's activations scale with its input the same way.
     */
    long runBytesPerCrop() {
        return RUN_BYTES_PER_INPUT_BYTE * 3L * cropSize().height() * cropSize().width() * Float.BYTES;
    }

    int runBatch(int maxBatchSize) {
        return fixedBatch == 1 ? 1 : maxBatchSize;
    }
}
