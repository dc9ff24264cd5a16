/**
 * Embedding models: the bundled ones and their manifest, models given by path, and the preprocessing each expects.
 */
package dev.faceembed.model;
