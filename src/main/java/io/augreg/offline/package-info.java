/**
 * Offline augmentation of a whole image folder (the engine behind {@code augreg augment}): plans
 * the output names, runs the pipeline over the files in parallel, writes every output atomically,
 * records a replayable manifest and reports bad files. Uses {@code image} for file handling and
 * {@code augment} for the pixels; holds no pixel math itself and never modifies its input.
 */
package io.augreg.offline;
