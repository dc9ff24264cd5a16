/**
 * NumPy {@code .npy} arrays read into off-heap memory and written atomically. Not exported: used by faceembed's own
 * command line and jobs.
 */
package dev.faceembed.io;
