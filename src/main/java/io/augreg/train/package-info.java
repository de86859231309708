/**
 * Training: the {@code Trainer} and its config record, optimizers, L1/L2 regularizers, inverted
 * dropout, early stopping, history and the bias/variance diagnosis, and {@code ModelFiles} (a
 * trained model on disk as {@code .mat} + JSON). Apart from model files it does no file or image I/O.
 */
package io.augreg.train;
