package io.augreg.train;

import io.augreg.nn.Network;

/**
 * The outcome of {@link Trainer#train}.
 *
 * @param model the best weights seen: by the early-stopping monitor when early stopping ran on a
 *     dev set; otherwise the final weights (after a divergence, the last recorded finite ones, or
 *     the initial weights if no finite epoch was recorded yet)
 * @param history the recorded epochs
 * @param bestEpoch the epoch whose weights {@code model} holds (0 = the initial weights)
 * @param stopEpoch the last epoch that ran
 * @param stopReason why training ended
 * @param finalCost the training cost (with regularization) of the last recorded epoch
 * @param seconds wall time of the training call
 * @param diagnosis bias/variance diagnosis of {@code model} (train only when there is no dev set)
 */
public record TrainResult(
    Network model,
    History history,
    int bestEpoch,
    int stopEpoch,
    StopReason stopReason,
    double finalCost,
    double seconds,
    Diagnosis diagnosis) implements TrainOutcome {}
