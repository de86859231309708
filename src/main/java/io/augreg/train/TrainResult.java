package io.augreg.train;

import io.augreg.nn.Network;

/**
 * The outcome of {@link Trainer#train}, for a {@link Network}.
 *
 * @param model the best weights seen (by the early-stopping monitor with a dev set), else the last
 * @param history the recorded epochs (train cost/accuracy on un-augmented examples)
 * @param bestEpoch the epoch whose weights {@code model} holds
 * @param stopEpoch the last epoch that ran
 * @param stopReason why training ended
 * @param finalCost the training cost (with penalty) of the last recorded epoch
 * @param seconds wall time of the whole call
 * @param trainSeconds time spent in the optimization steps only (batches, forward, backward,
 *     update; waiting for augmented batches included, per-epoch evaluation excluded)
 * @param samplesPerSecond training examples per second of {@code trainSeconds}
 * @param diagnosis bias/variance diagnosis of {@code model}
 */
public record TrainResult(
    Network model,
    History history,
    int bestEpoch,
    int stopEpoch,
    StopReason stopReason,
    double finalCost,
    double seconds,
    double trainSeconds,
    double samplesPerSecond,
    Diagnosis diagnosis) implements TrainOutcome {}
