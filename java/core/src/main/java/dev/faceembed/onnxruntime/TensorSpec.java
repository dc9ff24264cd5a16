package dev.faceembed.onnxruntime;

import java.util.List;

/**
 * One input or output of a model as ONNX Runtime reports it.
 *
 * @param name        tensor name
 * @param elementType {@code ONNXTensorElementDataType} (1 = float32)
 * @param shape       dimensions, {@code -1} where a dimension is dynamic
 * @param symbols     the symbolic name of each dimension ({@code ""} where none)
 */
record TensorSpec(String name, int elementType, List<Long> shape, List<String> symbols) {
    public TensorSpec {
        shape = List.copyOf(shape);
        symbols = List.copyOf(symbols);
    }

    public int rank() {
        return shape.size();
    }

    public long dim(int i) {
        return shape.get(i);
    }

    public boolean isDynamic(int i) {
        return shape.get(i) < 0;
    }

    /** e.g. {@code input float32[N,3,112,112]}. */
    public String describe() {
        StringBuilder dims = new StringBuilder();
        for (int i = 0; i < shape.size(); i++) {
            if (i > 0) {
                dims.append(',');
            }
            dims.append(isDynamic(i) ? (symbols.get(i).isEmpty() ? "?" : symbols.get(i)) : shape.get(i).toString());
        }
        return name + " " + elementTypeName(elementType) + "[" + dims + "]";
    }

    static String elementTypeName(int type) {
        return switch (type) {
            case 1 -> "float32";
            case 2 -> "uint8";
            case 3 -> "int8";
            case 6 -> "int32";
            case 7 -> "int64";
            case 10 -> "float16";
            case 11 -> "float64";
            case 16 -> "bfloat16";
            default -> "type" + type;
        };
    }
}
