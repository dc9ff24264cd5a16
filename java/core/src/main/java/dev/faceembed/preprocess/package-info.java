/**
 * Crops from images: 5-point alignment to the ArcFace template, PNG/JPEG decoding and resizing, conversion to a
 * model's input, and seeded synthetic crops for tests and benchmarks.
 */
package dev.faceembed.preprocess;
