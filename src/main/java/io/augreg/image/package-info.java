/**
 * Reading and writing images through JavaCV/OpenCV with safety checks (pixel limit, depth,
 * truncation), walking image folders, and Mat/BufferedImage/float conversions.
 */
package io.augreg.image;
