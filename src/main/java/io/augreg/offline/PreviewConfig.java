package io.augreg.offline;

import io.augreg.augment.Pipeline;
import io.augreg.core.AugregException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Settings of a contact-sheet preview. Validated on construction; immutable.
 *
 * @param input an image file or a folder (searched recursively)
 * @param variants augmented variants per image, 1..32
 * @param pipeline the pipeline
 * @param seed the run seed (variant k of an image is copy k of {@code augment} with this seed)
 * @param maxImages the most images shown, 1..100 (picked evenly through the sorted folder)
 * @param tileSize the cell side in pixels, 32..1024
 * @param maxPixels the reader's pixel limit
 */
public record PreviewConfig(
    Path input,
    int variants,
    Pipeline pipeline,
    long seed,
    int maxImages,
    int tileSize,
    long maxPixels) {

  /** Validates ranges, naming the option at fault. */
  public PreviewConfig {
    Objects.requireNonNull(input, "input");
    Objects.requireNonNull(pipeline, "pipeline");
    if (variants < 1 || variants > 32) {
      throw new AugregException("--variants must be in [1, 32], got " + variants);
    }
    if (maxImages < 1 || maxImages > 100) {
      throw new AugregException("--max-images must be in [1, 100], got " + maxImages);
    }
    if (tileSize < 32 || tileSize > 1024) {
      throw new AugregException("--tile must be in [32, 1024], got " + tileSize);
    }
    if (maxPixels < 1) {
      throw new AugregException("--max-pixels must be positive, got " + maxPixels);
    }
  }
}
