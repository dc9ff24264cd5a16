package dev.faceembed.bindings.ort;

import dev.faceembed.bindings.loader.LibrarySpec;
import dev.faceembed.bindings.loader.LoadOutcome;
import dev.faceembed.bindings.loader.LoadedLibrary;
import dev.faceembed.bindings.loader.NativeLibraryLoader;
import dev.faceembed.bindings.loader.NativeLibraryUnavailableException;
import dev.faceembed.bindings.loader.Platform;

import java.lang.foreign.MemorySegment;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The process-wide {@code libonnxruntime}: found by {@link NativeLibraryLoader} (system property
 * {@value #PATH_PROPERTY}, environment variable {@value #PATH_VARIABLE}, the class path, the system library path),
 * loaded once, and checked to provide C API version {@value #API_VERSION}.
 *
 * <p>On the class path, faceembed's own natives jar ({@code faceembed-onnxruntime-natives:<os>-<arch>}, which
 * faceembed-core depends on for the platform it is built on) comes first: {@value #RESOURCE_FOLDER}{@code /<os>-<arch>/}
 * with a {@link dev.faceembed.bindings.loader.NativesManifest}. Then Microsoft's
 * {@code com.microsoft.onnxruntime:onnxruntime} jar, whose folders are {@value #MICROSOFT_RESOURCE_FOLDER}{@code
 * /<os>-<arch>/} in its own spelling ({@code linux-x64}); only its native library is used, never its JNI library.
 *
 * <p>Availability is a value: {@link #isAvailable()} and {@link #unavailabilityCause()} never throw, and
 * {@link #get()} throws a {@link NativeLibraryUnavailableException} that says what was tried and how to fix it.
 */
public final class OnnxRuntimeLibrary {
    /** The C API version this binding was written against ({@code ORT_API_VERSION} of ONNX Runtime 1.23). */
    public static final int API_VERSION = 23;
    /** Number of function pointers in {@code OrtApi} for {@link #API_VERSION}. */
    public static final int API_SLOT_COUNT = 390;
    /** System property naming an explicit {@code libonnxruntime.so}. */
    public static final String PATH_PROPERTY = "faceembed.onnxruntime.library";
    /** Environment variable naming an explicit {@code libonnxruntime.so}. */
    public static final String PATH_VARIABLE = "FACEEMBED_ONNXRUNTIME_LIBRARY";

    /** Class path folder of faceembed's natives jars: {@code <folder>/<classifier>/libonnxruntime.so}. */
    public static final String RESOURCE_FOLDER = "dev/faceembed/onnxruntime/native";
    /** Class path folder of Microsoft's onnxruntime jar. */
    public static final String MICROSOFT_RESOURCE_FOLDER = "ai/onnxruntime/native";

    private final MemorySegment api;
    private final String version;
    private final LoadedLibrary library;

    private OnnxRuntimeLibrary(MemorySegment api, String version, LoadedLibrary library) {
        this.api = api;
        this.version = version;
        this.library = library;
    }

    /**
     * Where {@code libonnxruntime} is looked for on the running platform.
     *
     * @return faceembed's natives folder, then Microsoft's, for the running platform
     */
    public static LibrarySpec spec() {
        Platform platform = Platform.current();
        return new LibrarySpec("ONNX Runtime", "onnxruntime", PATH_PROPERTY, PATH_VARIABLE,
                List.of(RESOURCE_FOLDER + "/" + platform.classifier(),
                        MICROSOFT_RESOURCE_FOLDER + "/" + platform.onnxRuntimeDirectory()),
                "Put dev.faceembed:faceembed-onnxruntime-natives:" + platform.classifier() + " (or"
                        + " com.microsoft.onnxruntime:onnxruntime:1.23.2) on the class path, or point -D"
                        + PATH_PROPERTY + "=/path/to/" + System.mapLibraryName("onnxruntime") + " (or "
                        + PATH_VARIABLE + ") at an ONNX Runtime 1.23+ library.",
                List.of("onnxruntime_providers_shared", "onnxruntime_providers_cuda", "onnxruntime_providers_tensorrt"));
    }

    /** The loaded library; throws (with the reason, every time) if it could not be loaded. */
    public static OnnxRuntimeLibrary get() {
        return Holder.STATE.get();
    }

    public static boolean isAvailable() {
        return Holder.STATE.isAvailable();
    }

    /** Why the library is not available, or empty when it is. */
    public static Optional<Throwable> unavailabilityCause() {
        return Holder.STATE.failure();
    }

    /** The {@code OrtApi} function table, sized to {@link #API_SLOT_COUNT} pointers. */
    public MemorySegment api() {
        return api;
    }

    /** {@code GetVersionString()}, e.g. {@code 1.23.2}. */
    public String version() {
        return version;
    }

    /** The loaded file. */
    public String location() {
        return library.location();
    }

    /** The file and how it was found, in one line (see {@link LoadedLibrary#summary()}). */
    public String summary() {
        return library.summary();
    }

    /** Where the library came from, as separate fields (see {@link LoadedLibrary#describe()}). */
    public Map<String, Object> describe() {
        return library.describe();
    }

    private static OnnxRuntimeLibrary load() {
        LoadedLibrary library = NativeLibraryLoader.standard().load(spec());
        MemorySegment getApiBase = library.lookup().find("OrtGetApiBase").orElseThrow(
                () -> new NativeLibraryUnavailableException(library.location()
                        + " does not export OrtGetApiBase: it is not an ONNX Runtime library"));
        MemorySegment base = OrtApiBase.OrtGetApiBase(getApiBase);
        String version = OrtApiBase.GetVersionString(base);
        MemorySegment table = OrtApiBase.GetApi(base, API_VERSION);
        if (table.address() == 0L) {
            throw new NativeLibraryUnavailableException("ONNX Runtime " + version + " at " + library.location()
                    + " does not provide C API version " + API_VERSION + ": faceembed needs ONNX Runtime 1.23 or"
                    + " newer. " + spec().remedy());
        }
        return new OnnxRuntimeLibrary(table.reinterpret(API_SLOT_COUNT * OrtApi.C_POINTER.byteSize()), version,
                library);
    }

    /** Loads on first use; the outcome (library or failure) is kept for the life of the process. */
    private static final class Holder {
        static final LoadOutcome<OnnxRuntimeLibrary> STATE = LoadOutcome.attempt(OnnxRuntimeLibrary::load);
    }
}
