package io.augreg.train;

/**
 * Where the masks of the one dropout layer ({@link io.augreg.nn.Dropout}) come from; {@link
 * Trainer} sets it on every dropout layer of the network it trains.
 */
public enum DropoutMasks {
  /**
   * Real dropout: fresh masks every iteration, the mask of each example drawn from a generator
   * derived with {@link io.augreg.core.Seeds} from (seed, epoch, batch, layer, example), so a run
   * is reproducible whatever the thread count.
   */
  FRESH,
  /**
   * The lesson's reference quirk: numpy's generator re-seeded with 1 at the start of every forward
   * pass, masks {@code rand(n_l, m) < keep_prob} for each hidden layer in order; every iteration
   * of a full batch therefore uses the same masks ({@link io.augreg.nn.ReferenceMasks}). Matches
   * the reference bit for bit; only for dropout after hidden dense layers.
   */
  REFERENCE
}
