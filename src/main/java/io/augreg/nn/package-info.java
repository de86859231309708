/**
 * The model: dense layers, activations, losses computed from logits, initializers, {@code
 * Network}, and numpy-compatible random numbers. Knows nothing of training loops, files or images.
 */
package io.augreg.nn;
