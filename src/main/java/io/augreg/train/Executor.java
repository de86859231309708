package io.augreg.train;

import io.augreg.data.Dataset;
import io.augreg.nn.Param;
import io.augreg.nn.Pass;
import java.util.List;

/**
 * How {@link Trainer} runs a network's batches: one strategy per network, chosen by {@link
 * Trainer} ({@link SliceExecutor}: thread slices on the layer stack with OpenBLAS for large
 * products; {@link RowExecutor}: one thread, activations one array per unit, for narrow dense
 * stacks such as the football 2-20-3-1; {@link GramExecutor}: full-batch gradient descent with a
 * wide first dense layer trained in the examples' Gram space). All work on the same live
 * parameters and take their steps with the trainer's one {@link ParamOptimizer}; only the
 * arithmetic's layout differs.
 */
interface Executor extends AutoCloseable {

  /**
   * The parameters the optimizer updates (their values are the live ones).
   *
   * @return the parameters in the model's order
   */
  List<Param> params();

  /**
   * One training step on a batch: forward (with dropout), loss, backward into the gradient sums,
   * then {@code optimizer}'s step over the batch's m examples, unless the loss is not finite
   * (divergence: no update).
   *
   * @param bt the batch
   * @param pass the training pass (mask seed, batch size)
   * @param optimizer the step
   * @param cost whether the caller needs the batch's loss
   * @return the batch's summed cross-entropy when {@code cost} (or when the executor computes it
   *     anyway), else 0; in every case non-finite exactly when the pass diverged
   */
  double step(BatchStream.Batch bt, Pass pass, ParamOptimizer optimizer, boolean cost);

  /**
   * Inference over every batch of a pass.
   *
   * @param all the batches (closed here)
   * @return {mean cross-entropy, accuracy}
   */
  double[] evaluate(BatchStream.Epoch all);

  /**
   * Inference over a whole data set (the dev set), in order, in batches of {@link #evalBatch()}.
   *
   * @param set the examples
   * @return {mean cross-entropy, accuracy}
   */
  default double[] evaluate(Dataset set) {
    return evaluate(new DatasetBatches(set, evalBatch(), 0).clean());
  }

  /**
   * The batch size in which a dev set is best evaluated.
   *
   * @return examples per evaluation batch, 0 for all at once
   */
  int evalBatch();

  /**
   * Whether this executor runs batches of NHWC rows ({@link BatchStream.Batch#rows()}) as well
   * as batches of columns, and runs them faster (no transpose); false by default.
   *
   * @return true when the trainer should ask its stream for rows ({@link BatchStream#asRows()})
   */
  default boolean takesRows() {
    return false;
  }

  /**
   * Names the batch that every step of this run trains on (full-batch training): its values never
   * change, so an executor may keep its own copies of them from one step to the next.
   *
   * @param batch the fixed batch
   */
  default void fixedBatch(BatchStream.Batch batch) {}

  /** Tells the executor that the live parameter values were replaced (not by its own step). */
  void changed();

  /**
   * Makes the live parameter values and the kept epoch's ({@link #keep}) current before the
   * trainer reads them (the penalty, a checkpoint, the final model): an executor that keeps a
   * parameter in another form ({@link GramExecutor}) writes it out here. Does nothing by default.
   */
  default void sync() {}

  /**
   * Σθ² of a parameter whose live values the executor keeps in another form, for the penalty
   * without writing them out ({@link GramExecutor}: the first layer's ‖W‖²).
   *
   * @param p a parameter
   * @return its sum of squares, or NaN when its live values are current (the default)
   */
  default double squares(Param p) {
    return Double.NaN;
  }

  /**
   * Copies the live parameter values into {@code best}, the kept epoch's snapshot (an executor may
   * write part of it later: {@link #sync()} makes it current too).
   *
   * @param live the live values ({@code Network.parameters()} order)
   * @param best the same-shaped snapshot
   */
  default void keep(List<double[]> live, List<double[]> best) {
    sync();
    Trainer.copyInto(live, best);
  }

  /**
   * Whether the executor's state is a function of the live parameter values alone, so that a
   * checkpoint taken now resumes bit for bit; the trainer defers a checkpoint (and a stop) until
   * it is. Always true by default.
   *
   * @return true when a checkpoint may be taken now
   */
  default boolean settled() {
    return true;
  }

  @Override
  void close();
}
