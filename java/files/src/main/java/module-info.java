/** Crash-safe file publication ({@link dev.faceembed.files.AtomicFile}) and strict JSON ({@link dev.faceembed.files.Json}). */
module dev.faceembed.files {
    exports dev.faceembed.files;
}
