package dev.faceembed.bindings.loader;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.SymbolLookup;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Loads a native library in a fixed order, logging each step at debug level:
 * <ol>
 *   <li>an explicit file named by a system property, then by an environment variable (if one is set and fails,
 *       loading stops there: the user asked for that file);</li>
 *   <li>the library for the running platform on the class path, from the first of the spec's folders that has it,
 *       checked against the folder's {@link NativesManifest} and extracted into a content-addressed
 *       {@link ExtractionCache};</li>
 *   <li>the dynamic linker's own search path ({@code LD_LIBRARY_PATH}, {@code /usr/lib}, ...).</li>
 * </ol>
 * Every failed step is reported in the final exception's message and attached as a suppressed exception.
 */
public final class NativeLibraryLoader {
    private static final Logger LOG = LoggerFactory.getLogger(NativeLibraryLoader.class);

    private final Function<String, String> environment;
    private final ClassLoader classLoader;
    private final ExtractionCache cache;

    public NativeLibraryLoader(Function<String, String> environment, ClassLoader classLoader, ExtractionCache cache) {
        this.environment = environment;
        this.classLoader = classLoader;
        this.cache = cache;
    }

    /** A loader that reads the real system properties and environment and the default extraction cache. */
    public static NativeLibraryLoader standard() {
        ClassLoader loader = NativeLibraryLoader.class.getClassLoader();
        return new NativeLibraryLoader(System::getenv, loader, ExtractionCache.standard());
    }

    public LoadedLibrary load(LibrarySpec spec) {
        Optional<LoadedLibrary> explicit = loadExplicit(spec);
        if (explicit.isPresent()) {
            return explicit.get();
        }
        List<String> tried = new ArrayList<>();
        List<Throwable> failures = new ArrayList<>();
        tried.add("system property " + spec.pathProperty() + " and environment variable " + spec.pathVariable()
                + ": not set");
        for (String directory : spec.resourceDirectories()) {
            try {
                Optional<LoadedLibrary> extracted = loadFromClassPath(spec, directory);
                if (extracted.isPresent()) {
                    return extracted.get();
                }
                tried.add("class path resource " + spec.resourceName(directory) + ": not found");
            } catch (IOException | RuntimeException e) {
                LOG.warn("{}: {} cannot be used, trying the next place: {}", spec.displayName(),
                        spec.resourceName(directory), e.getMessage());
                tried.add("class path resource " + spec.resourceName(directory) + ": " + e.getMessage());
                failures.add(e);
            }
        }
        String name = spec.fileName();
        LOG.debug("{}: trying the system library path for {}", spec.displayName(), name);
        try {
            SymbolLookup lookup = SymbolLookup.libraryLookup(name, Arena.global());
            return new LoadedLibrary(lookup, name, LoadedLibrary.Source.SYSTEM_LIBRARY_PATH, null, null);
        } catch (RuntimeException e) {
            tried.add("system library path (LD_LIBRARY_PATH, ldconfig): " + name + " not found");
            failures.add(e);
        }
        var error = new NativeLibraryUnavailableException(spec.displayName() + " native library (" + name
                + ") is not available for " + Platform.current() + ". Tried: " + String.join("; ", tried) + ". "
                + spec.remedy());
        failures.forEach(error::addSuppressed);
        throw error;
    }

    /**
     * The file named by the system property, else the environment variable; empty if neither is set. A named file
     * that fails to load ends the search: the user asked for that file.
     */
    private Optional<LoadedLibrary> loadExplicit(LibrarySpec spec) {
        String explicit = System.getProperty(spec.pathProperty());
        LoadedLibrary.Source source = LoadedLibrary.Source.SYSTEM_PROPERTY;
        String from = spec.pathProperty();
        if (blank(explicit)) {
            explicit = environment.apply(spec.pathVariable());
            source = LoadedLibrary.Source.ENVIRONMENT_VARIABLE;
            from = spec.pathVariable();
        }
        String origin = source.words() + " " + from;
        if (blank(explicit)) {
            return Optional.empty();
        }
        LOG.debug("{}: trying {} = {}", spec.displayName(), origin, explicit);
        try {
            return Optional.of(loadFile(Path.of(explicit), source, from, null));
        } catch (RuntimeException e) {
            throw new NativeLibraryUnavailableException(spec.displayName() + " could not be loaded from " + explicit
                    + " (" + origin + "): " + e.getMessage() + ". Point " + origin + " at a readable "
                    + spec.fileName() + " for " + Platform.current() + ", or unset it to use the bundled library.", e);
        }
    }

    /** The library of one platform directory on the class path, extracted with its companions; empty if absent. */
    private Optional<LoadedLibrary> loadFromClassPath(LibrarySpec spec, String directory) throws IOException {
        String resource = spec.resourceName(directory);
        List<URL> urls = Collections.list(classLoader.getResources(resource));
        if (urls.isEmpty()) {
            return Optional.empty();
        }
        LOG.debug("{}: extracting {} from {}", spec.displayName(), resource, urls);
        NativesManifest manifest = NativesManifest.of(classLoader, directory);
        Path extracted = cache.extract(urls, spec.fileName(), manifest);
        for (String companion : spec.companions()) {
            String name = System.mapLibraryName(companion);
            URL url = classLoader.getResource(directory + "/" + name);
            if (url != null) {
                LOG.debug("{}: extracting {} beside it", spec.displayName(), name);
                cache.extractBeside(extracted, url, name, manifest);
            }
        }
        String variant = directory.substring(directory.lastIndexOf('/') + 1);
        return Optional.of(loadFile(extracted, LoadedLibrary.Source.CLASS_PATH, urls.getFirst().toString(),
                variant));
    }

    private static LoadedLibrary loadFile(Path file, LoadedLibrary.Source source, String from, String variant) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("no such file");
        }
        if (!Files.isReadable(file)) {
            throw new IllegalArgumentException("file is not readable");
        }
        Path absolute = file.toAbsolutePath();
        SymbolLookup lookup = SymbolLookup.libraryLookup(absolute, Arena.global());
        LoadedLibrary loaded = new LoadedLibrary(lookup, absolute.toString(), source, from, variant);
        LOG.debug("loaded {} ({})", absolute, loaded.origin());
        return loaded;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
