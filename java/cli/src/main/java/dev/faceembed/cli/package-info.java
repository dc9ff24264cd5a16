/**
 * The {@code embed} command ({@code build}, {@code compare}, {@code benchmark}, {@code encode}, {@code info},
 * {@code cache}), packaged as {@code embed.jar}.
 */
package dev.faceembed.cli;
