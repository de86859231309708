package io.augreg.train;

import io.augreg.nn.Param;
import io.augreg.nn.Pass;
import java.util.List;

/**
 * How {@link Trainer} runs a network's batches: one strategy per network, chosen by {@link
 * Trainer} ({@link SliceExecutor}: thread slices on the layer stack with OpenBLAS for large
 * products; {@link RowExecutor}: one thread, activations one array per unit, for narrow dense
 * stacks such as the football 2-20-3-1). Both work on the same live parameters and take their
 * steps with the trainer's one {@link ParamOptimizer}; only the arithmetic's layout differs.
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
   * The batch size in which a dev set is best evaluated.
   *
   * @return examples per evaluation batch, 0 for all at once
   */
  int evalBatch();

  /**
   * Names the batch that every step of this run trains on (full-batch training): its values never
   * change, so an executor may keep its own copies of them from one step to the next.
   *
   * @param batch the fixed batch
   */
  default void fixedBatch(BatchStream.Batch batch) {}

  /** Tells the executor that the live parameter values were replaced (not by its own step). */
  void changed();

  @Override
  void close();
}
