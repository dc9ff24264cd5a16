package dev.faceembed.bindings.trt;

import dev.faceembed.bindings.loader.LibrarySpec;
import dev.faceembed.bindings.loader.LoadOutcome;
import dev.faceembed.bindings.loader.LoadedLibrary;
import dev.faceembed.bindings.loader.NativeLibraryLoader;
import dev.faceembed.bindings.loader.NativeLibraryUnavailableException;
import dev.faceembed.bindings.loader.Platform;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The process-wide {@code libfaceembed_trt}: found by {@link NativeLibraryLoader} (system property
 * {@value #PATH_PROPERTY}, environment variable {@value #PATH_VARIABLE}, the platform variants on the class path,
 * the system library path), loaded once, and rejected unless its {@code fe_abi_version()} equals
 * {@link FaceembedTrt#FE_ABI_VERSION}. Availability is a value; {@link #get()} throws with the reason.
 */
public final class FaceembedTrtLibrary {
    public static final String PATH_PROPERTY = "faceembed.trt.library";
    public static final String PATH_VARIABLE = "FACEEMBED_TRT_LIBRARY";
    /** Class path folder of the platform variants: {@code <folder>/<variant>/libfaceembed_trt.so}. */
    public static final String RESOURCE_FOLDER = "dev/faceembed/native";

    private final LoadedLibrary library;
    private final String variant;

    private FaceembedTrtLibrary(LoadedLibrary library) {
        this.library = library;
        this.variant = library.variant() != null ? library.variant() : library.origin();
    }

    /** The variants tried on the class path, best first: the CUDA build, then the CPU-only build. */
    public static List<String> variants() {
        String platform = Platform.current().classifier();
        return List.of(platform + "-cuda13", platform);
    }

    public static LibrarySpec spec() {
        return new LibrarySpec("faceembed TensorRT shim", "faceembed_trt", PATH_PROPERTY, PATH_VARIABLE,
                RESOURCE_FOLDER, variants(),
                "Put the faceembed-natives jar for " + Platform.current().classifier() + " on the class path (embed.jar"
                        + " carries it when the shim was built), or point -D" + PATH_PROPERTY + " (or "
                        + PATH_VARIABLE + ") at libfaceembed_trt.so built from native/ with CMake.", List.of());
    }

    public static FaceembedTrtLibrary get() {
        return Holder.STATE.get();
    }

    public static boolean isAvailable() {
        return Holder.STATE.isAvailable();
    }

    public static Optional<Throwable> unavailabilityCause() {
        return Holder.STATE.failure();
    }

    public SymbolLookup lookup() {
        return library.lookup();
    }

    public String location() {
        return library.location();
    }

    /** The file and how it was found, in one line (see {@link LoadedLibrary#summary()}). */
    public String summary() {
        return library.summary();
    }

    /** Where the shim came from, as separate fields (see {@link LoadedLibrary#describe()}). */
    public Map<String, Object> describe() {
        return library.describe();
    }

    /** The class path variant that was loaded (e.g. {@code linux-x86_64-cuda13}), or {@code explicit path}. */
    public String variant() {
        return variant;
    }

    private static FaceembedTrtLibrary load() {
        LoadedLibrary library = NativeLibraryLoader.standard().load(spec());
        MemorySegment abi = library.lookup().find("fe_abi_version").orElseThrow(
                () -> new NativeLibraryUnavailableException(library.location()
                        + " does not export fe_abi_version: it is not the faceembed shim"));
        int version;
        try {
            version = (int) Linker.nativeLinker().downcallHandle(abi, FunctionDescriptor.of(ValueLayout.JAVA_INT))
                    .invokeExact();
        } catch (Throwable t) {
            throw new AssertionError("should not reach here", t);
        }
        if (version != FaceembedTrt.FE_ABI_VERSION) {
            throw new NativeLibraryUnavailableException(library.location() + " has shim ABI version " + version
                    + ", this faceembed needs " + FaceembedTrt.FE_ABI_VERSION + ": use the shim built from the"
                    + " same faceembed version");
        }
        return new FaceembedTrtLibrary(library);
    }

    private static final class Holder {
        static final LoadOutcome<FaceembedTrtLibrary> STATE = LoadOutcome.attempt(FaceembedTrtLibrary::load);
    }
}
