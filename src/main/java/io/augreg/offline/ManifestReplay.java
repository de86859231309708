package io.augreg.offline;

import com.fasterxml.jackson.databind.JsonNode;
import io.augreg.augment.AppliedStep;
import io.augreg.augment.Pipeline;
import io.augreg.core.AugregException;
import io.augreg.image.ImageReader;
import io.augreg.image.ImageWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * Rebuilds one output of an earlier run from its manifest line alone: reads the source, replays the
 * recorded step parameters (no random numbers are drawn), resizes and encodes exactly as the run
 * did. The result is byte-identical to the file the run wrote.
 */
public final class ManifestReplay {
  private ManifestReplay() {}

  /**
   * Replays one line.
   *
   * @param line a line of {@code manifest.jsonl}
   * @param input the run's INPUT (folder, or the single input file)
   * @param reader the image reader (its pixel limit applies)
   * @return the encoded output bytes
   */
  public static byte[] replay(String line, Path input, ImageReader reader) {
    JsonNode n = ManifestLine.parse(line);
    String source = n.path("source").asText();
    Path src = Files.isDirectory(input) ? input.resolve(source) : input;
    String sourceExt = ImageWriter.extensionOf(src);
    String ext = ImageWriter.extensionOf(Path.of(n.path("output").asText()));
    int width = n.path("width").asInt();
    int height = n.path("height").asInt();
    ImageWriter writer = new ImageWriter(n.path("quality").asInt(ImageWriter.DEFAULT_QUALITY));
    byte[] bytes = ImageReader.readBytes(src);
    try (Mat image = reader.decode(src, bytes);
        Mat aug = new Mat();
        Mat scratch = new Mat()) {
      if (n.path("pipeline").isNull()) {
        boolean sameSize = width == image.cols() && height == image.rows();
        return Renderer.copyOriginal(sourceExt, ext, sameSize)
            ? bytes
            : Renderer.render(image, width, height, ext, writer, scratch);
      }
      Pipeline pipeline = Pipeline.parse(n.path("pipeline").asText());
      List<Map<String, Object>> maps = new ArrayList<>();
      for (JsonNode step : n.path("steps")) {
        maps.add(
            ManifestLine.JSON.convertValue(
                step, new com.fasterxml.jackson.core.type.TypeReference<Map<String, Object>>() {}));
      }
      if (maps.isEmpty() && !n.path("steps").isArray()) {
        throw new AugregException("manifest line has no 'steps' array: " + line);
      }
      List<AppliedStep> steps = pipeline.replayFromMaps(maps);
      pipeline.replay(image, aug, steps);
      return Renderer.render(aug, width, height, ext, writer, scratch);
    }
  }
}
