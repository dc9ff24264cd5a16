/**
 * An application that uses faceembed through its single dependency, faceembed-core.
 */
package example;
