/**
 * Pixel kernels of the augmentation transforms, on packed 8-bit pixels in Java arrays (BGR(A) order,
 * 1, 3 or 4 channels; alpha never changed by colour kernels). Each reproduces the arithmetic of
 * the PIL function torchvision's PIL path calls, so the results match it bit for bit where the
 * transform documents so.
 */
package io.augreg.augment.kernel;
