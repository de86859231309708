/**
 * The one model type and its building blocks: {@link io.augreg.nn.Network} (an immutable stack of
 * layers with its parameters: football's 2-20-3-1, the {@code --layers} MLP and every {@code
 * --arch} CNN), its spec {@link io.augreg.nn.Architecture}, its executable per-thread form {@link
 * io.augreg.nn.LayerStack}, the layer contract ({@link io.augreg.nn.Layer}, forward and backward
 * side by side, parameters as {@link io.augreg.nn.Param}s with a role), the general layers (dense,
 * ReLU, dropout, flatten, batch normalization), activations, losses computed from logits,
 * initializers, the lesson's reference dropout masks and numpy-compatible random numbers. Knows
 * nothing of training loops, files or images.
 */
package io.augreg.nn;
