package io.augreg.train;

/** Where inverted-dropout masks come from. */
public enum DropoutMasks {
  /**
   * Real dropout: fresh masks every iteration, drawn from a generator derived with {@link
   * io.augreg.core.Seeds} from (seed, epoch, batch), so a run is reproducible.
   */
  FRESH,
  /**
   * The lesson's reference quirk: numpy's generator re-seeded with 1 at the start of every forward
   * pass, masks {@code rand(n_l, m) < keep_prob} for each hidden layer in order; every iteration
   * of a full batch therefore uses the same masks. Matches the reference bit for bit.
   */
  REFERENCE
}
