/**
 * The model's building blocks: the layer contract ({@link io.augreg.nn.Layer}, forward and
 * backward side by side, parameters as {@link io.augreg.nn.Param}s with a role), the general
 * layers (dense, ReLU, dropout, flatten, batch normalization), activations, losses computed from
 * logits, initializers, the lesson's reference dropout masks and numpy-compatible random
 * numbers. Knows nothing of training loops, files or images.
 */
package io.augreg.nn;
