/**
 * Training on image folders: decoded-image caching, per-sample online augmentation on worker
 * threads with a bounded prefetch queue, and the end-to-end {@code train}/{@code evaluate}/{@code
 * predict} workflow (model files, history, report, learning curves). It wires {@code image},
 * {@code augment} and {@code train} together and must not hold numerical or pixel kernels of its
 * own.
 */
package io.augreg.imagetrain;
