/**
 * Native library loading: an explicit path, then the running platform's library from the class path (checked against
 * its folder's manifest and extracted into a content-addressed cache), then the system library path. Plumbing for
 * faceembed's backends, not an API.
 */
package dev.faceembed.bindings.loader;
