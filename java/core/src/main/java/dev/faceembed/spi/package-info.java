/**
 * The backend seam: a {@link dev.faceembed.spi.BackendProvider} found through {@link java.util.ServiceLoader} brings
 * a backend with its options, probe and diagnostics.
 */
package dev.faceembed.spi;
