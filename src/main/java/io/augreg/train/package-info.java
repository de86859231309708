/**
 * Training: the one trainer ({@code Trainer}, with its execution strategies) and its config
 * record, the one optimizer ({@code ParamOptimizer}) and penalty ({@code Penalty}), early stopping, history and the bias/variance diagnosis, and {@code ModelFiles} (a
 * trained model on disk as {@code .mat} + JSON). Apart from model files it does no file or image I/O.
 */
package io.augreg.train;
