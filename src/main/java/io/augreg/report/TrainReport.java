package io.augreg.report;

import com.fasterxml.jackson.databind.JsonNode;
import io.augreg.augment.Pipeline;
import io.augreg.image.BadImageException;
import io.augreg.image.ImageFolder;
import io.augreg.image.ImageReader;
import io.augreg.image.MatImages;
import io.augreg.imagetrain.DecodedCache;
import io.augreg.imagetrain.ImageModel;
import io.augreg.imagetrain.ImageTrainConfig;
import io.augreg.imagetrain.RunStart;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * The page of a {@code train} run, built after the run wrote its folder: settings, data, network,
 * how training ended, the diagnosis, learning curves, the dev/test evaluations (from the saved
 * model) and a strip of augmented training samples.
 */
public final class TrainReport {
  /** Training images shown in the augmentation strip. */
  static final int STRIP_IMAGES = 6;

  /** Epochs shown per image in the strip. */
  static final int STRIP_EPOCHS = 3;

  private TrainReport() {}

  /**
   * Builds the page from {@code dir} ({@code report.json}, {@code history.csv}, the model).
   *
   * @param dir the run's output folder
   * @param config the run's configuration
   * @param start what the run said before training (network, counts, skipped files)
   * @param info the command line and settings
   * @return the page
   */
  public static Page build(Path dir, ImageTrainConfig config, RunStart start, RunInfo info) {
    JsonNode report = RunFiles.json(dir.resolve("report.json"));
    RunSamples samples = RunSamples.of(config);
    List<Page.Section> sections = new ArrayList<>();
    sections.add(summary(report));
    sections.add(RunReports.diagnosis(report.path("diagnosis")));
    sections.add(new Page.Section("curves", "Learning curves", curves(dir, report)));
    ImageModel model = ImageModel.load(dir);
    if (!samples.dev().isEmpty()) {
      sections.add(new Page.Section("dev", "Dev set",
          Evaluation.measure("dev", model, samples.dev(), config.threads()).blocks(null)));
    }
    if (!samples.test().isEmpty()) {
      sections.add(new Page.Section("test", "Test set",
          Evaluation.measure("test", model, samples.test(), config.threads()).blocks(null)));
    }
    sections.add(data(samples, start));
    sections.add(network(start));
    if (config.pipeline() != null) {
      sections.add(strip(samples.train(), config));
    }
    sections.add(info.section());
    return new Page("augreg train: " + dir, info.command(), sections);
  }

  private static Page.Section summary(JsonNode r) {
    List<Block.Fact> f = new ArrayList<>();
    for (String set : List.of("train", "dev", "test")) {
      f.add(new Block.Fact(set + " accuracy", Format.number(RunFiles.num(r, set + "_accuracy")),
          set + "_accuracy"));
    }
    f.add(new Block.Fact("stopped", r.path("stop_reason").asText(), "stop_reason"));
    f.add(new Block.Fact("best epoch (weights kept)", r.path("best_epoch").asText(), "best_epoch"));
    f.add(new Block.Fact("stop epoch", r.path("stop_epoch").asText(), "stop_epoch"));
    f.add(new Block.Fact("time (s)", Format.one(RunFiles.num(r, "seconds")), "seconds"));
    f.add(new Block.Fact("samples/s", Format.one(RunFiles.num(r, "samples_per_second")),
        "samples_per_second"));
    return new Page.Section("summary", "How training ended", List.of(new Block.Facts(f)));
  }

  private static List<Block> curves(Path dir, JsonNode report) {
    Map<String, double[]> h = RunFiles.columns(dir.resolve("history.csv"));
    double[] epoch = h.getOrDefault("epoch", new double[0]);
    double best = RunFiles.num(report, "best_epoch");
    List<Block> out = new ArrayList<>();
    out.add(new Block.Chart(SvgChart.of("Loss", "epoch", "cross-entropy", List.of(
        new SvgChart.Series("train", epoch, h.getOrDefault("train_cost", epoch), false),
        new SvgChart.Series("dev", epoch, h.getOrDefault("dev_cost", new double[epoch.length]), true)),
        Double.NaN, Double.NaN, best, "best epoch " + (long) best)));
    out.add(new Block.Chart(SvgChart.of("Accuracy", "epoch", "accuracy", List.of(
        new SvgChart.Series("train", epoch, h.getOrDefault("train_accuracy", epoch), false),
        new SvgChart.Series("dev", epoch, h.getOrDefault("dev_accuracy", new double[epoch.length]), true)),
        0, 1, best, "best epoch " + (long) best)));
    // a learning-rate column, when a schedule records one and the rate changed
    for (String name : List.of("learning_rate", "lr")) {
      double[] lr = h.get(name);
      if (lr != null && java.util.Arrays.stream(lr).filter(Double::isFinite).distinct().count() > 1) {
        out.add(new Block.Chart(SvgChart.of("Learning rate", "epoch", "learning rate",
            List.of(new SvgChart.Series("rate", epoch, lr, false)), 0, Double.NaN, Double.NaN, "")));
      }
    }
    return out;
  }

  private static Page.Section data(RunSamples samples, RunStart start) {
    List<Block> blocks = new ArrayList<>();
    blocks.add(new Block.Facts(List.of(
        new Block.Fact("classes", String.join(", ", start.labels().classes())),
        new Block.Fact("labels", start.labels().binary()
            ? "binary, positive class " + start.labels().classes().get(start.labels().positive())
            : "softmax over " + start.labels().classes().size() + " classes"),
        new Block.Fact("images used", "train " + start.trainCount() + ", dev " + start.devCount()
            + ", test " + start.testCount()),
        new Block.Fact("input", start.format().width() + "x" + start.format().height() + "x"
            + start.format().channels() + (start.format().standardized() ? ", standardized per channel" : "")),
        new Block.Fact("unreadable files (skipped)", Integer.toString(start.failures().size())))));
    blocks.add(samples.counts());
    if (!start.failures().isEmpty()) {
      blocks.add(RunReports.problems(start.failures().stream().map(BadImageException::getMessage).toList()));
    }
    return new Page.Section("data", "Data", blocks);
  }

  private static Page.Section network(RunStart start) {
    List<Block> blocks = new ArrayList<>();
    blocks.add(new Block.Facts(List.of(new Block.Fact("network", start.network()),
        new Block.Fact("parameters", Long.toString(start.parameters())))));
    blocks.add(new Block.Text("Steps (the output layer follows from the classes):",
        List.of(start.network().split("\\s*\\|\\s*"))));
    return new Page.Section("network", "Network", blocks);
  }

  /**
   * The first training images as read (framed) and as the run's pipeline augmented them in its
   * first epochs: the generator of (seed, epoch, sample index, 0), as the run's batches use.
   */
  private static Page.Section strip(List<ImageFolder.Sample> train, ImageTrainConfig c) {
    Pipeline pipe = c.pipeline();
    long seed = c.trainConfig().seed();
    DecodedCache cache = new DecodedCache(new ImageReader(), c.width(), c.height(), 0);
    List<Block.Thumb> thumbs = new ArrayList<>();
    int id = 0; // the sample's index among the readable training images, as in the run
    for (ImageFolder.Sample s : train) {
      if (id >= STRIP_IMAGES) {
        break;
      }
      Mat image;
      try {
        image = cache.get(id, s.file().path());
      } catch (BadImageException e) {
        continue;
      }
      try (image; Mat dst = new Mat()) {
        String name = s.file().relative();
        thumbs.add(new Block.Thumb(thumbnail(image, c.channels()), name, List.of(name), true));
        for (int epoch = 1; epoch <= STRIP_EPOCHS; epoch++) {
          pipe.apply(image, dst, seed, epoch, id, 0);
          thumbs.add(new Block.Thumb(thumbnail(dst, c.channels()), name + ", epoch " + epoch,
              List.of("epoch " + epoch), false));
        }
      }
      id++;
    }
    return new Page.Section("augmented", "Augmented training samples", List.of(
        Block.Text.of("Pipeline: " + pipe.toSpec()),
        new Block.Gallery("Framed: a training image as read (resized to " + c.width() + "x"
            + c.height() + "); then what the run trained on in its first " + STRIP_EPOCHS
            + " epochs (seed " + seed + ")", thumbs, false)));
  }

  /** A strip picture, in gray for a {@code --gray} run (as the network sees it). */
  private static String thumbnail(Mat image, int channels) {
    BufferedImage img = MatImages.toBufferedImage(image);
    if (channels == 1 && img.getType() != BufferedImage.TYPE_BYTE_GRAY) {
      BufferedImage gray = new BufferedImage(img.getWidth(), img.getHeight(), BufferedImage.TYPE_BYTE_GRAY);
      Graphics2D g = gray.createGraphics();
      try {
        g.drawImage(img, 0, 0, null);
      } finally {
        g.dispose();
      }
      img = gray;
    }
    return Thumbnails.of(img);
  }
}
