/**
 * Concurrency helpers shared by faceembed's backends (the call gate that makes {@code close()} safe during calls, a
 * lock-free lending pool, float input checks). Exported to faceembed-tensorrt only: not an API.
 */
package dev.faceembed.internal;
