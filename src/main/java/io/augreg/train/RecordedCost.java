package io.augreg.train;

/** Which training cost an epoch's record holds ({@code history.csv}'s {@code train_cost}). */
public enum RecordedCost {
  /**
   * The cost of the weights the epoch ends with, on the clean training examples (inference, no
   * dropout, no augmentation) plus the penalty: the same measure as the dev cost, and the cost of
   * the model a run saves when it stops at that epoch. Every trainer's default.
   */
  CLEAN,
  /**
   * The lesson's printed cost: the batches' summed cross-entropy measured during the epoch's own
   * forward passes (dropout on, before each batch's update) divided by m, plus the penalty of the
   * weights the epoch starts from. For full-batch gradient descent without dropout it is the
   * clean cost of the weights before the epoch's step. The football example uses it to reproduce
   * the lesson's "Cost after iteration i" lines; {@link Trainer} measures it for any network
   * and batch source.
   */
  DURING_PASS
}
