package io.augreg.cli;

import io.augreg.augment.Pipeline;
import io.augreg.core.AugregException;
import io.augreg.imagetrain.ImageTraining;
import io.augreg.imagetrain.ImageTrainConfig;
import io.augreg.nn.Architecture;
import io.augreg.nn.linalg.Precision;
import io.augreg.train.Optimizer;
import io.augreg.train.TrainConfig;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code augreg bench cnn}: one training run of the small CNN of {@code peers/torch_cats_cnn.py}
 * (same architecture, Adam 1e-3, weight decay 5e-4, batch 32, same augmentation), printing one
 * line in the peer's format so {@code bench/cnn.sh} can compare them.
 */
@Command(
    name = "cnn",
    mixinStandardHelpOptions = true,
    header = "One run of the small CNN of peers/torch_cats_cnn.py (compare with bench/cnn.sh).",
    description = {
      "Trains the CNN '" + Architecture.SMALL_CNN + "' (or --arch) on ROOT/train (Adam lr 1e-3, weight"
          + " decay 5e-4 on every parameter as PyTorch's, batch 32, no early stopping), with or without"
          + " the peer's augmentation ('" + BenchCnnCommand.PEER_AUGMENT + "'), and prints"
          + " 'augreg cnn augment=.. epochs=.. samples_per_s=.. train_acc=.. test_acc=..'.",
      ""
    })
public final class BenchCnnCommand implements Callable<Integer> {
  /**
   * The peer's augmentation, step for step: torchvision's RandomHorizontalFlip (p 0.5),
   * RandomRotation(15) (nearest-neighbour, black fill: torchvision's defaults),
   * RandomResizedCrop(64, scale 0.7..1, ratio 3/4..4/3, bilinear), ColorJitter(contrast 0.2) (gain
   * 0.8..1.2 around the mean luma; {@code mean=pil}: PIL's ImageEnhance.Contrast bit for bit) and Gaussian noise σ = 0.03
   * on the 0..1 scale (= 7.65 gray levels), each applied to every image.
   */
  static final String PEER_AUGMENT = "hflip p=0.5 | rotate deg=-15..15 interp=nearest border=constant"
      + " | crop scale=0.7..1 ratio=0.75..1.333 | contrast factor=0.8..1.2 mean=pil"
      + " | noise sigma=7.65";

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(names = "--data", paramLabel = "ROOT", defaultValue = "data/catvnoncat",
      description = "Folder with train/ and test/ (default: ${DEFAULT-VALUE}).")
  Path data;

  @Option(names = "--epochs", paramLabel = "N", defaultValue = "40",
      description = "Epochs (default: ${DEFAULT-VALUE}).")
  int epochs;

  @Option(names = "--threads", paramLabel = "N", defaultValue = "1",
      description = "Compute threads (each mini-batch split across them) (default: ${DEFAULT-VALUE}).")
  int threads;

  @Option(names = "--augment", paramLabel = "0|1", defaultValue = "1",
      description = "1 = the peer's augmentation, 0 = none (default: ${DEFAULT-VALUE}).")
  int augment;

  @Option(names = "--seed", paramLabel = "S", defaultValue = "0",
      description = "Run seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--precision", paramLabel = "double|float", defaultValue = "float",
      description = "Precision of the large products (default: ${DEFAULT-VALUE}).")
  String precision;

  @Option(names = "--arch", paramLabel = "SPEC", defaultValue = Architecture.SMALL_CNN,
      description = "The network, in the --arch grammar of train, e.g. with batch normalization"
          + " 'conv filters=16 k=3 bn=true | pool k=2 | ...' (default: the peer's, ${DEFAULT-VALUE}).")
  String arch;

  @Option(names = "--aug-threads", paramLabel = "N", defaultValue = "1",
      description = "Augmentation worker threads (default: ${DEFAULT-VALUE}).")
  int augThreads;

  @Option(names = "--warmup-epochs", paramLabel = "N", defaultValue = "0",
      description = "Before the measured run, train a throwaway copy for N epochs (same recipe, not"
          + " timed, not reported) so that the JIT has compiled the training step, as the PyTorch"
          + " 2 peer's untimed first epoch (peers/torch2_cats.py); the measured run and its"
          + " accuracies are unchanged (default: ${DEFAULT-VALUE}).")
  int warmupEpochs;

  @Option(names = "--print-recipe",
      description = "Print the network and the peer's augmentation as 'arch: SPEC' and 'augment: SPEC'"
          + " lines (for scripts such as bench/cnn_curves.sh) and exit without training.")
  boolean printRecipe;

  @Override
  public Integer call() {
    if (printRecipe) {
      PrintWriter out = spec.commandLine().getOut();
      out.println("arch: " + Architecture.parse(arch).toSpec());
      out.println("augment: " + PEER_AUGMENT);
      out.flush();
      return 0;
    }
    if (warmupEpochs < 0) {
      throw new AugregException("--warmup-epochs must be >= 0, got " + warmupEpochs);
    }
    Architecture network = Architecture.parse(arch);
    Precision p = Precision.parse(precision, "--precision");
    if (warmupEpochs > 0) {
      // untimed and discarded: only the JIT's compiled code carries over to the measured run
      ImageTraining.run(config(warmupEpochs), network, threads, p, null);
      // the throwaway run's images and buffers are garbage now: a full collection here lets the
      // measured run reuse their heap instead of growing it (peak RSS as of one run)
      System.gc();
    }
    ImageTraining.Result r = ImageTraining.run(config(epochs), network, threads, p, null);
    PrintWriter out = spec.commandLine().getOut();
    out.printf(Locale.ROOT, "augreg cnn augment=%s epochs=%d samples_per_s=%.0f train_acc=%.3f test_acc=%.3f%n",
        augment != 0 ? "True" : "False", epochs, r.result().samplesPerSecond(), r.trainAccuracy(),
        r.testAccuracy());
    out.flush();
    return 0;
  }

  /** The peer's recipe for {@code n} epochs (evaluated once, at the end). */
  private ImageTrainConfig config(int n) {
    TrainConfig tc = TrainConfig.builder().optimizer(Optimizer.ADAM).learningRate(1e-3)
        .epochs(n).batchSize(32).weightDecay(5e-4).seed(seed).evalEvery(n).build();
    return ImageTrainConfig.builder(data.resolve("train")).test(data.resolve("test"))
        .size(64, 64).pipeline(augment != 0 ? Pipeline.parse(PEER_AUGMENT) : null).trainConfig(tc)
        .threads(augThreads).init("he").build();
  }
}
