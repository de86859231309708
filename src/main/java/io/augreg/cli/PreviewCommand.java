package io.augreg.cli;

import io.augreg.core.AugregException;
import io.augreg.image.ImageWriter;
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
import picocli.CommandLine.Mixin;
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

  @Mixin PipelineOptions pipelineOptions;

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

  @Override
  public Integer call() throws IOException {
    System.setProperty("java.awt.headless", "true");
    String name = out.getFileName() == null ? "" : out.getFileName().toString();
    if (!name.toLowerCase(java.util.Locale.ROOT).endsWith(".png")) {
      // the sheet is written as PNG: a .jpg (or any other) name would hold PNG bytes
      throw new AugregException("--out " + out + ": the contact sheet is a PNG; give a name ending in .png");
    }
    PreviewConfig config =
        new PreviewConfig(
            input,
            variants,
            pipelineOptions.parsePipeline(),
            pipelineOptions.seed,
            maxImages,
            tile,
            pipelineOptions.maxPixels);
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
