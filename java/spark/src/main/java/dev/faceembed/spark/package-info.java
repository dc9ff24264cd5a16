/**
 * Apache Spark integration: {@link dev.faceembed.spark.FaceEmbedder} embeds a DataFrame of crops with one backend per
 * executor JVM, and {@link dev.faceembed.spark.EmbedJob} is the {@code spark-submit} job.
 */
package dev.faceembed.spark;
