/**
 * Coalescing of single crops submitted from many threads into batches for one backend.
 */
package dev.faceembed.batching;
