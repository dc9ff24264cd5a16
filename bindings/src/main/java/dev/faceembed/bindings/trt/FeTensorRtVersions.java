package dev.faceembed.bindings.trt;

import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.ValueLayout;

/**
 * What {@code fe_tensorrt_versions_get} reports. Versions are encoded as {@code major * 10000 + minor * 100 + patch}
 * (101600 is 10.16.0); {@link #text} writes them as {@code 10.16.0}.
 * {@snippet lang = c:
 * typedef struct fe_tensorrt_versions {
 *     int32_t library; int32_t headers; int32_t onnx_parser; int32_t onnx_parser_headers;
 *     int32_t onnx_parser_release; int32_t plugins_loaded;
 * } fe_tensorrt_versions;
 *}
 */
public final class FeTensorRtVersions {
    public static final StructLayout LAYOUT = MemoryLayout.structLayout(
            ValueLayout.JAVA_INT.withName("library"),
            ValueLayout.JAVA_INT.withName("headers"),
            ValueLayout.JAVA_INT.withName("onnx_parser"),
            ValueLayout.JAVA_INT.withName("onnx_parser_headers"),
            ValueLayout.JAVA_INT.withName("onnx_parser_release"),
            ValueLayout.JAVA_INT.withName("plugins_loaded")).withName("fe_tensorrt_versions");

    private static final long LIBRARY = offset("library");
    private static final long HEADERS = offset("headers");
    private static final long ONNX_PARSER = offset("onnx_parser");
    private static final long ONNX_PARSER_RELEASE = offset("onnx_parser_release");
    private static final long PLUGINS_LOADED = offset("plugins_loaded");

    private FeTensorRtVersions() {
    }

    /** getInferLibVersion() of the loaded libnvinfer. */
    public static int library(MemorySegment s) {
        return s.get(ValueLayout.JAVA_INT, LIBRARY);
    }

    /** The TensorRT headers the shim was compiled against; the library is at least their major.minor. */
    public static int headers(MemorySegment s) {
        return s.get(ValueLayout.JAVA_INT, HEADERS);
    }

    /** getNvOnnxParserVersion() of the loaded parser: its API version, not the TensorRT release. */
    public static int onnxParser(MemorySegment s) {
        return s.get(ValueLayout.JAVA_INT, ONNX_PARSER);
    }

    /** The TensorRT release the parser's file name names, 0 if it names none. */
    public static int onnxParserRelease(MemorySegment s) {
        return s.get(ValueLayout.JAVA_INT, ONNX_PARSER_RELEASE);
    }

    public static boolean pluginsLoaded(MemorySegment s) {
        return s.get(ValueLayout.JAVA_INT, PLUGINS_LOADED) != 0;
    }

    /** {@code 10.16.0} for 101600. */
    public static String text(int version) {
        return (version / 10000) + "." + (version / 100 % 100) + "." + (version % 100);
    }

    private static long offset(String field) {
        return LAYOUT.byteOffset(MemoryLayout.PathElement.groupElement(field));
    }
}
