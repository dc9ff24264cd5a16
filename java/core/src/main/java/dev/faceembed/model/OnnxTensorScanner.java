package dev.faceembed.model;

import dev.faceembed.ModelException;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Walks an ONNX {@code ModelProto} in protobuf wire format, without a protobuf library and without copying it, and
 * reports every tensor that keeps its data in an external file, wherever the format allows one: graph initializers,
 * sparse initializers, node attributes (also in subgraphs of control-flow nodes) and functions. Also reads the
 * model's {@code metadata_props}. Raw tensor data is skipped, so a model of hundreds of MB is scanned in
 * milliseconds.
 */
final class OnnxTensorScanner {
    /** Deepest nesting of messages followed: real models nest subgraphs a few levels deep. */
    static final int MAX_DEPTH = 64;

    /**
     * A tensor stored outside the model file.
     *
     * @param name     the tensor's name
     * @param dataType ONNX's {@code TensorProto.DataType}
     * @param dims     its dimensions
     * @param entries  its {@code external_data} entries ({@code location}, {@code offset}, {@code length}, ...)
     */
    record ExternalTensor(String name, int dataType, long[] dims, Map<String, String> entries) {
    }

    private final MemorySegment model;
    private final String where;
    private final List<ExternalTensor> external = new ArrayList<>();
    private final Map<String, String> metadata = new LinkedHashMap<>();

    private OnnxTensorScanner(MemorySegment model, String where) {
        this.model = model;
        this.where = where;
    }

    /**
     * Scans {@code model}.
     *
     * @throws ModelException if the bytes are not a well-formed protobuf message
     */
    static OnnxTensorScanner scan(MemorySegment model, String where) {
        OnnxTensorScanner scanner = new OnnxTensorScanner(model, where);
        scanner.modelProto(0, model.byteSize());
        return scanner;
    }

    List<ExternalTensor> externalTensors() {
        return external;
    }

    /** The model's {@code metadata_props}, in file order. */
    Map<String, String> metadata() {
        return metadata;
    }

    private void modelProto(long start, long end) {
        for (Field f = first(start, end); f != null; f = next(f, end)) {
            switch (f.number) {
                case 7 -> graph(f, 1);
                case 14 -> {
                    Map<String, String> entry = stringEntry(f);
                    metadata.put(entry.getOrDefault("key", ""), entry.getOrDefault("value", ""));
                }
                case 25 -> function(f, 1);
                default -> { }
            }
        }
    }

    private void graph(Field graph, int depth) {
        requireDepth(depth);
        for (Field f = first(graph.start, graph.end); f != null; f = next(f, graph.end)) {
            switch (f.number) {
                case 1 -> node(f, depth + 1);
                case 5 -> tensor(f);
                case 15 -> sparseTensor(f);
                default -> { }
            }
        }
    }

    private void function(Field function, int depth) {
        requireDepth(depth);
        for (Field f = first(function.start, function.end); f != null; f = next(f, function.end)) {
            if (f.number == 7) {
                node(f, depth + 1);
            }
        }
    }

    private void node(Field node, int depth) {
        requireDepth(depth);
        for (Field f = first(node.start, node.end); f != null; f = next(f, node.end)) {
            if (f.number == 5) {
                attribute(f, depth + 1);
            }
        }
    }

    private void attribute(Field attribute, int depth) {
        requireDepth(depth);
        for (Field f = first(attribute.start, attribute.end); f != null; f = next(f, attribute.end)) {
            switch (f.number) {
                case 5, 10 -> tensor(f);
                case 6, 11 -> graph(f, depth + 1);
                case 22, 23 -> sparseTensor(f);
                default -> { }
            }
        }
    }

    private void sparseTensor(Field sparse) {
        for (Field f = first(sparse.start, sparse.end); f != null; f = next(f, sparse.end)) {
            if (f.number == 1 || f.number == 2) {
                tensor(f);
            }
        }
    }

    private void tensor(Field tensor) {
        String name = "";
        int dataType = 0;
        boolean external = false;
        List<Long> dims = new ArrayList<>();
        Map<String, String> entries = new LinkedHashMap<>();
        for (Field f = first(tensor.start, tensor.end); f != null; f = next(f, tensor.end)) {
            switch (f.number) {
                case 1 -> readDims(f, dims);
                case 2 -> dataType = (int) f.value;
                case 8 -> name = text(f);
                case 13 -> {
                    Map<String, String> entry = stringEntry(f);
                    entries.put(entry.getOrDefault("key", ""), entry.getOrDefault("value", ""));
                }
                case 14 -> external = f.value == 1;
                default -> { }
            }
        }
        if (external || !entries.isEmpty()) {
            this.external.add(new ExternalTensor(name, dataType, dims.stream().mapToLong(Long::longValue).toArray(),
                    entries));
        }
    }

    /** {@code dims} as packed varints or one varint per field. */
    private void readDims(Field f, List<Long> dims) {
        if (f.wireType == 0) {
            dims.add(f.value);
            return;
        }
        for (long pos = f.start; pos < f.end; ) {
            long[] varint = varint(pos, f.end);
            dims.add(varint[0]);
            pos = varint[1];
        }
    }

    /** A {@code StringStringEntryProto} as {@code key} and {@code value}. */
    private Map<String, String> stringEntry(Field entry) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Field f = first(entry.start, entry.end); f != null; f = next(f, entry.end)) {
            if (f.number == 1) {
                out.put("key", text(f));
            } else if (f.number == 2) {
                out.put("value", text(f));
            }
        }
        return out;
    }

    private String text(Field f) {
        if (f.wireType != 2 || f.end - f.start > 1 << 16) {
            throw malformed("a text field is not a short string");
        }
        return new String(model.asSlice(f.start, f.end - f.start).toArray(ValueLayout.JAVA_BYTE),
                StandardCharsets.UTF_8);
    }

    /**
     * One field: its number and wire type, and for length-delimited fields the bounds of its bytes, for varints its
     * value. {@code next} is where the following field starts.
     */
    private record Field(int number, int wireType, long value, long start, long end, long next) {
    }

    private Field first(long start, long end) {
        return start < end ? field(start, end) : null;
    }

    private Field next(Field previous, long end) {
        return previous.next < end ? field(previous.next, end) : null;
    }

    private Field field(long pos, long end) {
        long[] key = varint(pos, end);
        int number = (int) (key[0] >>> 3);
        int wireType = (int) (key[0] & 7);
        long at = key[1];
        return switch (wireType) {
            case 0 -> {
                long[] value = varint(at, end);
                yield new Field(number, 0, value[0], at, value[1], value[1]);
            }
            case 1 -> new Field(number, 1, 0, at, at + 8, within(at + 8, end));
            case 2 -> {
                long[] length = varint(at, end);
                if (length[0] < 0 || length[0] > end - length[1]) {
                    throw malformed("field " + number + " claims " + length[0] + " bytes, more than its message holds");
                }
                long dataEnd = length[1] + length[0];
                yield new Field(number, 2, 0, length[1], dataEnd, dataEnd);
            }
            case 5 -> new Field(number, 5, 0, at, at + 4, within(at + 4, end));
            default -> throw malformed("unsupported protobuf wire type " + wireType + " in field " + number);
        };
    }

    private long within(long pos, long end) {
        if (pos > end) {
            throw malformed("a field runs past the end of its message");
        }
        return pos;
    }

    /** A varint at {@code pos}: its value and the position after it. */
    private long[] varint(long pos, long end) {
        long value = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (pos >= end) {
                throw malformed("a varint runs past the end of its message");
            }
            byte b = model.get(ValueLayout.JAVA_BYTE, pos++);
            value |= (long) (b & 0x7f) << shift;
            if (b >= 0) {
                return new long[]{value, pos};
            }
        }
        throw malformed("a varint longer than 10 bytes");
    }

    private void requireDepth(int depth) {
        if (depth > MAX_DEPTH) {
            throw malformed("graphs nested deeper than " + MAX_DEPTH + " levels");
        }
    }

    private ModelException malformed(String problem) {
        return new ModelException("model " + where + " is not a valid ONNX model: " + problem);
    }
}
