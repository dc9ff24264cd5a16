package dev.faceembed.bindings.trt;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Keeps {@link FaceembedTrt} and the struct classes in step with native/include/faceembed_trt.h: every function in
 * the header has a binding with the same arity and types (and no binding lacks a function), every constant and
 * status value matches, every struct of the header has a layout, and every layout has the size and field offsets
 * the C compiler gives it.
 */
class FaceembedTrtHeaderTest {
    private static final Path HEADER = Path.of("..", "native", "include", "faceembed_trt.h");
    private static final Pattern FUNCTION = Pattern.compile(
            "FE_API\\s+([\\w\\s\\*]+?)\\s*\\b(fe_\\w+)\\s*\\(([^)]*)\\)\\s*;", Pattern.DOTALL);
    private static final Map<String, StructLayout> STRUCTS = Map.of(
            "fe_device_info", FeDeviceInfo.LAYOUT,
            "fe_tensorrt_versions", FeTensorRtVersions.LAYOUT,
            "fe_profile", FeProfile.LAYOUT,
            "fe_build_options", FeBuildOptions.LAYOUT,
            "fe_engine_io", FeEngineIo.LAYOUT,
            "fe_preprocess", FePreprocess.LAYOUT,
            "fe_runner_options", FeRunnerOptions.LAYOUT,
            "fe_runner_info", FeRunnerInfo.LAYOUT,
            "fe_run_timing", FeRunTiming.LAYOUT);

    private static String header() throws IOException {
        return Files.readString(HEADER).replaceAll("/\\*.*?\\*/", " ");
    }

    /** The Java type FFM uses for a C parameter or return type. */
    private static Class<?> javaType(String cType) {
        String t = cType.replace("const", "").trim();
        if (t.contains("*")) {
            return MemorySegment.class;
        }
        return switch (t.replaceAll("\\s+", " ")) {
            case "void" -> void.class;
            case "int32_t", "uint32_t", "int", "fe_status" -> int.class;
            case "size_t", "int64_t", "uint64_t" -> long.class;
            case "float" -> float.class;
            default -> throw new AssertionError("no FFM mapping for C type '" + cType + "'");
        };
    }

    @Test
    void everyHeaderFunctionHasABindingWithTheSameSignature() throws IOException {
        Map<String, String> expected = new TreeMap<>();
        Matcher m = FUNCTION.matcher(header());
        while (m.find()) {
            List<String> params = new ArrayList<>();
            String list = m.group(3).trim();
            if (!list.equals("void") && !list.isEmpty()) {
                for (String param : list.split(",")) {
                    String p = param.trim();
                    String type = p.replaceAll("\\b\\w+$", "").trim();
                    params.add(javaType(type).getSimpleName());
                }
            }
            expected.put(m.group(2), javaType(m.group(1)).getSimpleName() + " " + params);
        }
        assertTrue(expected.size() >= 20, "parsed " + expected.keySet());

        Map<String, String> actual = new TreeMap<>();
        for (Method method : FaceembedTrt.class.getDeclaredMethods()) {
            if (Modifier.isPublic(method.getModifiers()) && method.getName().startsWith("fe_")) {
                actual.put(method.getName(), method.getReturnType().getSimpleName() + " "
                        + Arrays.stream(method.getParameterTypes()).map(Class::getSimpleName).toList());
            }
        }
        assertEquals(expected, actual);
    }

    @Test
    void constantsAndStatusValuesMatch() throws IOException, IllegalAccessException {
        String text = header();
        Matcher defines = Pattern.compile("#define\\s+(FE_[A-Z0-9_]+)\\s+(\\d+)u?\\b").matcher(text);
        Map<String, Integer> expected = new TreeMap<>();
        while (defines.find()) {
            expected.put(defines.group(1), Integer.parseInt(defines.group(2)));
        }
        Map<String, Integer> actual = new TreeMap<>();
        for (Field f : FaceembedTrt.class.getFields()) {
            if (f.getName().startsWith("FE_") && f.getType() == int.class) {
                actual.put(f.getName(), f.getInt(null));
            }
        }
        assertEquals(expected, actual);

        Matcher statuses = Pattern.compile("FE_(OK|ERR_[A-Z_]+)\\s*=\\s*(\\d+)").matcher(text);
        Map<String, Integer> statusValues = new TreeMap<>();
        while (statuses.find()) {
            statusValues.put(statuses.group(1).replaceFirst("^ERR_", ""), Integer.parseInt(statuses.group(2)));
        }
        Map<String, Integer> javaStatuses = new TreeMap<>();
        for (FeStatus s : FeStatus.values()) {
            if (s != FeStatus.UNKNOWN) {
                javaStatuses.put(s.name(), s.value());
            }
        }
        assertEquals(statusValues, javaStatuses);
    }

    @Test
    void everyHeaderStructHasALayout() throws IOException {
        Matcher m = Pattern.compile("typedef\\s+struct\\s+(fe_\\w+)\\s*\\{").matcher(header());
        Set<String> declared = new TreeSet<>();
        while (m.find()) {
            declared.add(m.group(1));
        }
        assertEquals(declared, new TreeSet<>(STRUCTS.keySet()));
    }

    @Test
    void structLayoutsMatchTheCompiler(@TempDir Path dir) throws Exception {
        Path gcc = Path.of("/usr/bin/gcc");
        assumeTrue(Files.isExecutable(gcc), "needs gcc to compile sizeof/offsetof of the header's structs");
        StringBuilder program = new StringBuilder("#include <stdio.h>\n#include <stddef.h>\n#include \"")
                .append(HEADER.toAbsolutePath().normalize()).append("\"\nint main(void) {\n");
        Map<String, Long> expected = new LinkedHashMap<>();
        for (var struct : new TreeSet<>(STRUCTS.keySet())) {
            StructLayout layout = STRUCTS.get(struct);
            program.append("  printf(\"").append(struct).append(" %zu\\n\", sizeof(").append(struct).append("));\n");
            expected.put(struct, layout.byteSize());
            for (MemoryLayout member : layout.memberLayouts()) {
                if (member.name().isEmpty()) {
                    continue;
                }
                String field = member.name().get();
                program.append("  printf(\"").append(struct).append('.').append(field).append(" %zu\\n\", offsetof(")
                        .append(struct).append(", ").append(field).append("));\n");
                expected.put(struct + "." + field, layout.byteOffset(MemoryLayout.PathElement.groupElement(field)));
            }
        }
        program.append("  return 0;\n}\n");
        Path source = Files.writeString(dir.resolve("layout.c"), program);
        Path binary = dir.resolve("layout");
        run(List.of(gcc.toString(), "-std=c11", "-Wall", "-Werror", "-o", binary.toString(), source.toString()));
        Map<String, Long> actual = new LinkedHashMap<>();
        for (String line : run(List.of(binary.toString())).split("\n")) {
            String[] parts = line.trim().split(" ");
            actual.put(parts[0], Long.parseLong(parts[1]));
        }
        assertEquals(expected, actual);
    }

    private static String run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), command + ":\n" + out);
        return out;
    }
}
