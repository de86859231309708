/**
 * The convolution and pooling layers ({@link io.augreg.nn.conv.Conv2d}, {@link
 * io.augreg.nn.conv.MaxPool2d}) of the one layer stack ({@link io.augreg.nn.Network}, built from an
 * {@link io.augreg.nn.Architecture} into per-thread {@link io.augreg.nn.LayerStack}s). The
 * general layers (dense, ReLU, dropout, flatten, batch normalization) live in {@code
 * io.augreg.nn}. The training loop is {@code io.augreg.train.Trainer}.
 *
 * <p>Activations are row-major {@code double[]} in NHWC order (sample, row, column, channel): the
 * order in which images enter the dense networks too, and the one in which im2col copies whole
 * runs of {@code k·C} values. Large products go through the {@link io.augreg.nn.linalg.Gemm} seam.
 * Knows nothing of files, images or the command line.
 */
package io.augreg.nn.conv;
