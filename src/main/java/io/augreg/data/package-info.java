/**
 * In-memory data sets (examples as columns), train/dev/test splitting, mini-batches, and {@code
 * .mat} reading/writing. Knows nothing of networks or training.
 */
package io.augreg.data;
