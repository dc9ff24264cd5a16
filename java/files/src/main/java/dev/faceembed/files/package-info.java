/**
 * Crash-safe file publication ({@link dev.faceembed.files.AtomicFile}) and strict JSON
 * ({@link dev.faceembed.files.Json}).
 */
package dev.faceembed.files;
