/**
 * Crash-safe file publication ({@link dev.faceembed.files.AtomicFile}), strict JSON ({@link dev.faceembed.files.Json})
 * and a dependency-free Parquet writer ({@link dev.faceembed.files.parquet.ParquetFileWriter}).
 */
module dev.faceembed.files {
    exports dev.faceembed.files;
    exports dev.faceembed.files.parquet;
}
