package io.augreg.train;

import io.augreg.core.AugregException;

import io.augreg.nn.linalg.Gemm;

/**
 * What the dense-network trainers ({@link Trainer}, {@link OnlineTrainer}) share as objects: an
 * immutable configuration and the product kernel, checked once in the constructor. A trainer
 * holds no other state; each training call keeps its own in a {@link DenseRun}.
 */
abstract class DenseTrainer {
  /** The training configuration. */
  final TrainConfig config;

  /** The matrix-product kernel of every propagation. */
  final Gemm gemm;

  /**
   * @param config the training configuration
   * @param gemm the matrix-product kernel
   * @throws IllegalArgumentException if either is null
   */
  DenseTrainer(TrainConfig config, Gemm gemm) {
    if (config == null || gemm == null) {
      throw new IllegalArgumentException("config and gemm are required");
    }
    if (config.optimizer() == Optimizer.ADAMW || config.aids().any()) {
      // the older dense trainers have neither AdamW nor the training aids: refuse, never ignore
      throw new AugregException("--optimizer adamw and the training aids run on ConvTrainer, not"
          + " on the older dense trainers");
    }
    this.config = config;
    this.gemm = gemm;
  }

  /**
   * The configuration.
   *
   * @return the configuration given to the constructor
   */
  public TrainConfig config() {
    return config;
  }
}
