package dev.faceembed.bindings.loader;

import java.lang.foreign.SymbolLookup;

/**
 * A native library that is loaded for the life of the process.
 *
 * @param lookup   finds the library's symbols
 * @param location the file that was loaded, or the bare name handed to the dynamic linker
 * @param origin   how it was found (system property, environment variable, class path resource, system path)
 */
public record LoadedLibrary(SymbolLookup lookup, String location, String origin) {
}
