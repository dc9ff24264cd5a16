package dev.faceembed.bindings.testing;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Writes small ONNX models (the protobuf wire format of {@code onnx.proto}) in memory, so tests can build exactly the
 * graph they need: an Add for the binding, a Flatten as a stand-in embedding model, malformed inputs for errors.
 *
 * <p>A dimension is either a {@code Long} (fixed) or a {@code String} (symbolic, e.g. {@code "N"}).
 */
public final class OnnxModelWriter {
    public static final int FLOAT = 1;
    public static final int UINT8 = 2;
    public static final int INT64 = 7;

    private final List<byte[]> nodes = new ArrayList<>();
    private final List<byte[]> inputs = new ArrayList<>();
    private final List<byte[]> outputs = new ArrayList<>();
    private final List<byte[]> initializers = new ArrayList<>();
    private int opset = 13;

    public OnnxModelWriter opset(int version) {
        this.opset = version;
        return this;
    }

    public OnnxModelWriter input(String name, int elementType, Object... dims) {
        inputs.add(valueInfo(name, elementType, dims));
        return this;
    }

    public OnnxModelWriter output(String name, int elementType, Object... dims) {
        outputs.add(valueInfo(name, elementType, dims));
        return this;
    }

    /** A node with no attributes. */
    public OnnxModelWriter node(String opType, List<String> in, List<String> out) {
        Proto node = new Proto();
        in.forEach(i -> node.string(1, i));
        out.forEach(o -> node.string(2, o));
        node.string(3, opType + "_" + nodes.size());
        node.string(4, opType);
        nodes.add(node.bytes());
        return this;
    }

    /** A float initializer (a constant tensor). */
    public OnnxModelWriter initializer(String name, long[] dims, float[] values) {
        ByteBuffer raw = ByteBuffer.allocate(values.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            raw.putFloat(v);
        }
        return initializer(name, dims, FLOAT, raw.array());
    }

    /** An int64 initializer, e.g. the shape operand of a Reshape. */
    public OnnxModelWriter initializer(String name, long[] dims, long[] values) {
        ByteBuffer raw = ByteBuffer.allocate(values.length * Long.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (long v : values) {
            raw.putLong(v);
        }
        return initializer(name, dims, INT64, raw.array());
    }

    /**
     * A float initializer whose data is in an external file, described by {@code entries} ({@code location},
     * {@code offset}, {@code length}, or anything else, as a hostile model may write).
     */
    public OnnxModelWriter externalInitializer(String name, long[] dims, Map<String, String> entries) {
        Proto tensor = new Proto();
        for (long d : dims) {
            tensor.varint(1, d);
        }
        tensor.varint(2, FLOAT);
        tensor.string(8, name);
        entries.forEach((key, value) -> {
            Proto entry = new Proto();
            entry.string(1, key);
            entry.string(2, value);
            tensor.bytes(13, entry.bytes());
        });
        tensor.varint(14, 1);
        initializers.add(tensor.bytes());
        return this;
    }

    private OnnxModelWriter initializer(String name, long[] dims, int elementType, byte[] raw) {
        Proto tensor = new Proto();
        for (long d : dims) {
            tensor.varint(1, d);
        }
        tensor.varint(2, elementType);
        tensor.string(8, name);
        tensor.bytes(9, raw);
        initializers.add(tensor.bytes());
        return this;
    }

    public byte[] build() {
        Proto graph = new Proto();
        nodes.forEach(n -> graph.bytes(1, n));
        graph.string(2, "test_graph");
        initializers.forEach(t -> graph.bytes(5, t));
        inputs.forEach(i -> graph.bytes(11, i));
        outputs.forEach(o -> graph.bytes(12, o));

        Proto opsetImport = new Proto();
        opsetImport.string(1, "");
        opsetImport.varint(2, opset);

        Proto model = new Proto();
        model.varint(1, 7);
        model.string(2, "faceembed-tests");
        model.bytes(7, graph.bytes());
        model.bytes(8, opsetImport.bytes());
        return model.bytes();
    }

    private static byte[] valueInfo(String name, int elementType, Object... dims) {
        Proto shape = new Proto();
        for (Object d : dims) {
            Proto dim = new Proto();
            if (d instanceof String symbol) {
                dim.string(2, symbol);
            } else {
                dim.varint(1, ((Number) d).longValue());
            }
            shape.bytes(1, dim.bytes());
        }
        Proto tensorType = new Proto();
        tensorType.varint(1, elementType);
        tensorType.bytes(2, shape.bytes());
        Proto type = new Proto();
        type.bytes(1, tensorType.bytes());
        Proto info = new Proto();
        info.string(1, name);
        info.bytes(2, type.bytes());
        return info.bytes();
    }

    /** The few protobuf wire types ONNX needs: varint (0) and length-delimited (2). */
    private static final class Proto {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        void varint(int field, long value) {
            raw((long) field << 3);
            raw(value);
        }

        void bytes(int field, byte[] value) {
            raw(((long) field << 3) | 2);
            raw(value.length);
            out.writeBytes(value);
        }

        void string(int field, String value) {
            bytes(field, value.getBytes(StandardCharsets.UTF_8));
        }

        private void raw(long value) {
            while ((value & ~0x7FL) != 0) {
                out.write((int) ((value & 0x7F) | 0x80));
                value >>>= 7;
            }
            out.write((int) value);
        }

        byte[] bytes() {
            return out.toByteArray();
        }
    }
}
