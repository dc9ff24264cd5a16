/**
 * A small Parquet file writer with no dependencies: {@link dev.faceembed.files.parquet.ParquetSchema} says the
 * columns (strings, optional strings, int32, int64, float, double and lists of floats),
 * {@link dev.faceembed.files.parquet.ParquetFileWriter} writes rows and publishes the file atomically. Written
 * from the parquet-format specification: PLAIN values, version 1 data pages, RLE/bit-packed levels, Thrift compact
 * metadata, no compression. Spark, parquet-mr and Arrow read its files.
 */
package dev.faceembed.files.parquet;
