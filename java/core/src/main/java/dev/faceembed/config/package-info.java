/**
 * Configuration: typed keys and sections, YAML files, environment variables and their validation into a
 * {@link dev.faceembed.config.PipelineConfig}.
 */
package dev.faceembed.config;
