/**
 * The TensorRT engine cache: engine files with validated sidecars in a local folder and an optional S3 bucket,
 * written atomically and built once when several processes ask at the same time.
 */
package dev.faceembed.cache;
