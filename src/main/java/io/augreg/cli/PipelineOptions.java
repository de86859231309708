package io.augreg.cli;

import io.augreg.augment.Pipeline;
import io.augreg.image.ImageReader;
import io.augreg.offline.AugmentConfig;
import picocli.CommandLine.Option;

/**
 * The options {@code augment} and {@code preview} share (a picocli mixin), so that variant k of a
 * preview is exactly copy k of an augment run with the same values.
 */
final class PipelineOptions {
  @Option(
      names = "--pipeline",
      paramLabel = "SPEC|@FILE",
      defaultValue = AugmentConfig.DEFAULT_PIPELINE,
      description =
          "Pipeline spec (see README, Pipeline spec), or @FILE holding it (default:"
              + " ${DEFAULT-VALUE}).")
  String pipeline;

  @Option(
      names = "--seed",
      paramLabel = "N",
      defaultValue = "0",
      description = "Run seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(
      names = "--max-pixels",
      paramLabel = "N",
      defaultValue = "" + ImageReader.DEFAULT_MAX_PIXELS,
      description =
          "Refuse images with more pixels, checked from the header before decoding (default:"
              + " ${DEFAULT-VALUE}).")
  long maxPixels;

  /** The parsed {@code --pipeline}; a bad spec is an error naming the step. */
  Pipeline parsePipeline() {
    return Pipeline.parse(pipeline);
  }
}
