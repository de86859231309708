/**
 * Convolutional networks: the convolution and pooling layers ({@link io.augreg.nn.conv.Conv2d},
 * {@link io.augreg.nn.conv.MaxPool2d}), the architecture spec ({@link
 * io.augreg.nn.conv.Architecture}), the model ({@link io.augreg.nn.conv.ConvNet}) and its
 * per-thread layer instances ({@link io.augreg.nn.conv.ConvStack}). The general layers (dense,
 * ReLU, dropout, flatten, batch normalization) live in {@code io.augreg.nn}. The training loop is
 * {@code io.augreg.train.ConvTrainer}.
 *
 * <p>Activations are row-major {@code double[]} in NHWC order (sample, row, column, channel): the
 * order in which images enter the dense networks too, and the one in which im2col copies whole
 * runs of {@code k·C} values. Large products go through the {@link io.augreg.nn.linalg.Gemm} seam.
 * Knows nothing of files, images or the command line.
 */
package io.augreg.nn.conv;
