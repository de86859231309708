package io.augreg.cli;

import io.augreg.augment.Pipeline;
import io.augreg.image.ImageReader;
import io.augreg.image.ImageWriter;
import io.augreg.offline.AugmentConfig;
import io.augreg.offline.Failure;
import io.augreg.offline.PreviewConfig;
import io.augreg.offline.PreviewSheet;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import javax.imageio.ImageIO;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code augreg preview IMAGE|FOLDER}: a contact sheet to check a pipeline before a long run. */
@Command(
    name = "preview",
    mixinStandardHelpOptions = true,
    header = "Contact sheet of augmented variants, labelled with their parameters.",
    description = {
      "Write a contact-sheet PNG: one row per image, the original (framed) followed by N"
          + " augmented variants, each labelled with the parameters it was made with.",
      "Variant k is exactly copy k that 'augreg augment' writes with the same --pipeline and"
          + " --seed.",
      ""
    })
public final class PreviewCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Parameters(
      index = "0",
      paramLabel = "IMAGE|FOLDER",
      description = "An image, or a folder searched recursively.")
  Path input;

  @Option(
      names = "--out",
      paramLabel = "PNG",
      defaultValue = "preview.png",
      description = "The contact sheet to write (default: ${DEFAULT-VALUE}).")
  Path out;

  @Option(
      names = "--variants",
      paramLabel = "N",
      defaultValue = "7",
      description = "Augmented variants per image, 1..32 (default: ${DEFAULT-VALUE}).")
  int variants;

  @Option(
      names = "--pipeline",
      paramLabel = "SPEC|@FILE",
      defaultValue = AugmentConfig.DEFAULT_PIPELINE,
      description = "Pipeline spec, or @FILE holding it (default: ${DEFAULT-VALUE}).")
  String pipeline;

  @Option(
      names = "--seed",
      defaultValue = "0",
      description = "Run seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(
      names = "--max-images",
      paramLabel = "N",
      defaultValue = "6",
      description =
          "Most images shown, picked evenly through the folder, 1..100 (default:"
              + " ${DEFAULT-VALUE}).")
  int maxImages;

  @Option(
      names = "--tile",
      paramLabel = "PX",
      defaultValue = "180",
      description = "Side of each tile in pixels, 32..1024 (default: ${DEFAULT-VALUE}).")
  int tile;

  @Option(
      names = "--max-pixels",
      paramLabel = "N",
      defaultValue = "" + ImageReader.DEFAULT_MAX_PIXELS,
      description = "Refuse images with more pixels (default: ${DEFAULT-VALUE}).")
  long maxPixels;

  @Override
  public Integer call() throws IOException {
    System.setProperty("java.awt.headless", "true");
    PreviewConfig config =
        new PreviewConfig(
            input, variants, Pipeline.parse(pipeline), seed, maxImages, tile, maxPixels);
    PreviewSheet.Result r = PreviewSheet.build(config);
    ByteArrayOutputStream png = new ByteArrayOutputStream();
    ImageIO.write(r.sheet(), "png", png);
    ImageWriter.writeAtomically(out, png.toByteArray());
    PrintWriter err = spec.commandLine().getErr();
    for (Failure f : r.failures()) {
      err.println("augreg preview: skipped: " + f);
    }
    err.flush();
    PrintWriter o = spec.commandLine().getOut();
    o.println(
        "preview: "
            + r.images().size()
            + " images x "
            + (variants + 1)
            + " tiles, "
            + r.sheet().getWidth()
            + "x"
            + r.sheet().getHeight()
            + " px -> "
            + out);
    o.flush();
    return r.failures().isEmpty() ? 0 : 1;
  }
}
