package io.augreg.cli;

import io.augreg.augment.Pipeline;
import io.augreg.core.AugregException;
import io.augreg.data.SplitRatios;
import io.augreg.image.BadImageException;
import io.augreg.imagetrain.HoldOut;
import io.augreg.imagetrain.ImageTrainConfig;
import io.augreg.imagetrain.ImageTraining;
import io.augreg.imagetrain.RunStart;
import io.augreg.imagetrain.TrainOutputs;
import io.augreg.nn.Architecture;
import io.augreg.nn.linalg.Precision;
import io.augreg.offline.Size;
import io.augreg.report.TrainReport;
import io.augreg.train.Diagnosis;
import io.augreg.train.EarlyStopping;
import io.augreg.train.Optimizer;
import io.augreg.train.StopReason;
import io.augreg.train.TrainConfig;
import io.augreg.train.TrainOutcome;
import io.augreg.train.Checkpointing;
import io.augreg.train.TrainingState;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;

/** {@code augreg train}: trains a classifier on an image folder, with online augmentation. */
@Command(
    name = "train",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    sortOptions = false,
    description =
        "Trains a layer stack on an image folder: a fully connected ReLU network (--layers) or"
            + " any stack of conv, pool, bn, dense and dropout steps (--arch), on (one sub-folder per class, classes sorted), optionally augmenting"
            + " every training sample per mini-batch, with L2/L1, inverted dropout and early stopping; prints the stop reason, final"
            + " train/dev/test accuracy and the bias/variance verdict, and writes the model,"
            + " history.csv, report.json and learning curves to --out.")
public final class TrainCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Mixin ReportOptions report;
  @Mixin AidsOptions aids;

  @Option(names = "--train", paramLabel = "DIR",
      description = "Training images, one sub-folder per class (required, except with --resume).")
  Path train;

  @Option(names = "--dev", paramLabel = "DIR",
      description = "Dev images (early stopping, diagnosis) (default: none).")
  Path dev;

  @Option(names = "--test", paramLabel = "DIR", description = "Test images (default: none).")
  Path test;

  @Option(names = "--split", paramLabel = "RATIOS",
      description = "Split --train, stratified and seeded: TRAIN/DEV/TEST or TRAIN/TEST, e.g."
          + " 60/20/20 or 70/30; with --test FOLDER it is TRAIN/DEV, e.g. 80/20; the parts are"
          + " proportions, divided by their sum (4/1 = 80/20) (default: none; not with --dev).")
  String split;

  @Option(names = "--size", paramLabel = "WxH",
      description = "Input size; images are resized to it (default: ${DEFAULT-VALUE}).")
  String size = "64x64";

  @Option(names = "--gray", description = "One gray channel instead of RGB (default: ${DEFAULT-VALUE}).")
  boolean gray;

  @Option(names = "--normalize", paramLabel = "none|channel",
      description = "After /255: none, or subtract the training set's per-channel mean and divide"
          + " by its std (default: ${DEFAULT-VALUE}).")
  String normalize = "none";

  @Option(names = "--layers", paramLabel = "N,N,...",
      description = "Hidden layer sizes of the MLP, shorthand for --arch 'dense units=N | ...' (with"
          + " 'dropout keep=P' after each layer whose --keep-prob is below 1); not with --arch"
          + " (default: ${DEFAULT-VALUE}).")
  String layers = "20,7,5";

  @Option(names = "--arch", paramLabel = "SPEC",
      description = "The network instead of --layers: '|'-separated steps with key=value"
          + " options: conv (filters k stride pad act bn), pool (k stride), dropout (keep spatial),"
          + " dense (units act bn), bn, flatten; e.g. 'conv filters=16 k=3 | pool k=2 | dense"
          + " units=64 | dropout keep=0.5'; the output layer follows from the classes; see"
          + " docs/train.md for the defaults (default: none = the --layers MLP).")
  String arch;

  @Option(names = "--precision", paramLabel = "double|float",
      description = "Precision of the large (OpenBLAS) products (default: ${DEFAULT-VALUE}).")
  String precision = "double";

  @Option(names = "--epochs", paramLabel = "N",
      description = "Maximum epochs; with --batch full one epoch is one iteration (default: ${DEFAULT-VALUE}).")
  int epochs = 100;

  @Option(names = "--batch", paramLabel = "N|full",
      description = "Mini-batch size or 'full' (default: ${DEFAULT-VALUE}).")
  String batch = "32";

  @Option(names = "--optimizer", paramLabel = "NAME",
      description = "gd, sgd, momentum, adam or adamw (PyTorch's AdamW: --weight-decay decoupled)"
          + " (default: ${DEFAULT-VALUE}).")
  String optimizer = "adam";

  @Option(names = "--lr", paramLabel = "RATE", description = "Learning rate > 0 (default: ${DEFAULT-VALUE}).")
  double lr = 1e-3;

  @Option(names = "--l2", paramLabel = "λ", description = "L2 strength >= 0 (default: ${DEFAULT-VALUE}).")
  double l2 = 0;

  @Option(names = "--l1", paramLabel = "λ", description = "L1 strength >= 0 (default: ${DEFAULT-VALUE}).")
  double l1 = 0;

  @Option(names = "--weight-decay", paramLabel = "WD",
      description = "PyTorch-style weight decay >= 0 (its optimizers' weight_decay): adds WD·θ to the"
          + " gradient of every parameter, biases included, whatever the batch size; --l2 λ instead"
          + " adds (λ/m)·W to the weights only (default: ${DEFAULT-VALUE}).")
  double weightDecay = 0;

  @Option(names = "--keep-prob", paramLabel = "P[,P...]",
      description = "Dropout keep probability, one value or one per hidden layer, in (0, 1]"
          + " (default: ${DEFAULT-VALUE} = off).")
  String keepProb = "1";

  @Option(names = "--patience", paramLabel = "N",
      description = "Early stopping: stop after N recorded epochs without dev-loss improvement and"
          + " keep the best weights; 0 = off; needs a dev set (--dev DIR or --split"
          + " TRAIN/DEV[/TEST]) (default: ${DEFAULT-VALUE}).")
  int patience = 0;

  @Option(names = "--min-delta", paramLabel = "D",
      description = "Early stopping: smallest dev-loss decrease that counts (default: ${DEFAULT-VALUE}).")
  double minDelta = 0;

  @Option(names = "--augment", paramLabel = "SPEC|@FILE|none",
      description = "Online augmentation pipeline for training samples (dev/test are never"
          + " augmented) (default: ${DEFAULT-VALUE}).")
  String augment = "none";

  @Option(names = "--seed", paramLabel = "S",
      description = "Run seed: initialization, split, order, augmentation, dropout (default: ${DEFAULT-VALUE}).")
  long seed = 1;

  @Option(names = "--init", paramLabel = "NAME",
      description = "Initializer: lesson, he, xavier or numpy (numpy-compatible generator"
          + " seeded by --seed), or pytorch (uniform ±1/sqrt(fan_in)) (default: he"
          + " for --layers, pytorch for --arch).")
  String init;

  @Option(names = "--positive-class", paramLabel = "NAME",
      description = "Binary problem: this class is 1, every other 0 (default: binary with the second"
          + " class positive for two classes, softmax for more).")
  String positiveClass;

  @Option(names = "--base-error", paramLabel = "E",
      description = "Base (Bayes/human) error the bias/variance diagnosis measures avoidable bias"
          + " from, a fraction in [0, 1): train error - E above " + Diagnosis.DEFAULT_BIAS_THRESHOLD
          + " is high bias (default: ${DEFAULT-VALUE}).")
  double baseError = 0.0;

  @Option(names = "--eval-every", paramLabel = "N",
      description = "Record metrics (and check early stopping) every N epochs (default: ${DEFAULT-VALUE}).")
  int evalEvery = 1;

  @Option(names = "--threads", paramLabel = "N",
      description = "Decoding and augmentation threads, and the compute threads each mini-batch is"
          + " split across (default: ${DEFAULT-VALUE}).")
  int threads = Runtime.getRuntime().availableProcessors();

  @Option(names = "--cache-mb", paramLabel = "MB",
      description = "Decoded-image cache for augmentation; beyond it images are re-read (default: ${DEFAULT-VALUE}).")
  long cacheMb = 512;

  @Option(names = "--prefetch", paramLabel = "N",
      description = "Augmented batches prepared ahead (default: ${DEFAULT-VALUE}).")
  int prefetch = 4;

  @Option(names = "--out", paramLabel = "DIR",
      description = "Output folder, created if missing; checked before training: not a file, not"
          + " inside an input folder, no earlier run in it unless --overwrite"
          + " (default: ${DEFAULT-VALUE}).")
  Path out = Path.of("out", "train");

  @Option(names = "--overwrite",
      description = "Allow an --out that holds an earlier run: its files (model, history, report,"
          + " curves, page) are removed when this run is done training, then written anew.")
  boolean overwrite;

  @Option(names = "--checkpoint-every", paramLabel = "N|auto",
      description = "Write a checkpoint (" + TrainOutputs.CHECKPOINT + ") into --out every N"
          + " epochs; auto: at the end of each epoch that ends at least "
          + (int) Checkpointing.AUTO_SECONDS + " s after the previous checkpoint; 0: none. Ctrl-C"
          + " stops at the end of the mini-batch and writes one; removed once the run's outputs"
          + " are written (default: ${DEFAULT-VALUE}).")
  String checkpointEvery = "auto";

  @Option(names = "--resume",
      description = "Continue the run whose checkpoint is in --out, with the options it was"
          + " started with (an option given again must have the same value); it ends with the"
          + " files an uninterrupted run writes.")
  boolean resume;

  @Option(names = "--no-progress", hidden = true,
      description = "Draw no progress bar (augreg tune runs many trainings at once).")
  boolean noProgress;

  /** Builds the library configuration from the options (validated on the way). */
  ImageTrainConfig config() {
    Size s = Size.parse(size);
    Optimizer opt = switch (optimizer.toLowerCase(Locale.ROOT)) {
      case "gd" -> Optimizer.GD;
      case "sgd" -> Optimizer.SGD;
      case "momentum" -> Optimizer.MOMENTUM;
      case "adam" -> Optimizer.ADAM;
      case "adamw" -> Optimizer.ADAMW;
      default -> throw new AugregException(
          "--optimizer must be gd, sgd, momentum, adam or adamw, got '" + optimizer + "'");
    };
    int batchSize;
    if (batch.equalsIgnoreCase("full")) {
      batchSize = 0;
    } else {
      try {
        batchSize = Integer.parseInt(batch.trim());
      } catch (NumberFormatException e) {
        throw new AugregException("--batch must be a positive integer or 'full', got '" + batch + "'", e);
      }
      if (batchSize < 1) {
        throw new AugregException("--batch must be a positive integer or 'full', got '" + batch + "'");
      }
    }
    if (opt == Optimizer.GD && batchSize != 0) {
      throw new AugregException("--optimizer gd is full-batch gradient descent: use --batch full (or --optimizer sgd)");
    }
    if (patience < 0) {
      throw new AugregException("--patience must be >= 0, got " + patience);
    }
    // named here: the trainer's own check speaks of football's --lambda
    if (!(l2 >= 0) || Double.isInfinite(l2)) {
      throw new AugregException("--l2 must be a finite number >= 0, got " + l2);
    }
    if (!normalize.equals("none") && !normalize.equals("channel")) {
      throw new AugregException("--normalize must be none or channel, got '" + normalize + "'");
    }
    double[] keep = numbers(keepProb, "--keep-prob");
    TrainConfig.Builder tc = TrainConfig.builder()
        .optimizer(opt).learningRate(lr).epochs(epochs).batchSize(batchSize).l2(l2).l1(l1)
        .weightDecay(weightDecay)
        .keepProb(keep).seed(seed).evalEvery(evalEvery)
        .baseError(baseError).aids(aids.aids(spec));
    if (patience > 0) {
      tc.earlyStopping(new EarlyStopping(EarlyStopping.Monitor.DEV_LOSS, patience, minDelta));
    }
    Pipeline pipeline = augment.equalsIgnoreCase("none") ? null : Pipeline.parse(augment);
    double[] hidden = numbers(layers, "--layers");
    int[] h = new int[hidden.length];
    for (int i = 0; i < h.length; i++) {
      if (hidden[i] != Math.rint(hidden[i]) || hidden[i] < 1 || hidden[i] > Integer.MAX_VALUE) {
        throw new AugregException(
            "--layers must be positive integers up to " + Integer.MAX_VALUE + ", got '" + layers + "'");
      }
      h[i] = (int) hidden[i];
    }
    if (arch == null && keep.length != 1 && keep.length != h.length) {
      // before the data are loaded, not after
      throw new AugregException("--keep-prob needs one value or one per hidden layer ("
          + h.length + " in --layers " + layers + "), got " + keep.length);
    }
    return new ImageTrainConfig(train, dev, test, split == null ? null : SplitRatios.parse(split),
        s.width(), s.height(), gray ? 1 : 3, normalize.equals("channel"), h, positiveClass,
        init == null ? null : init.toLowerCase(Locale.ROOT), pipeline, tc.build(), cacheMb << 20, threads, prefetch);
  }

  static double[] numbers(String text, String option) {
    String[] parts = text.split(",");
    double[] v = new double[parts.length];
    for (int i = 0; i < parts.length; i++) {
      try {
        v[i] = Double.parseDouble(parts[i].trim());
      } catch (NumberFormatException e) {
        throw new AugregException(option + " must be comma-separated numbers, got '" + text + "'", e);
      }
    }
    return v;
  }

  /**
   * Refuses options that do not apply to the chosen network instead of ignoring them: {@code
   * --layers} and {@code --arch} are alternatives; {@code --keep-prob} applies to {@code --layers}
   * only (an {@code --arch} spec has dropout steps). {@code --layers} has a default, so what counts
   * is whether the user gave it.
   */
  void checkOptionsApply(ImageTrainConfig c) {
    ParseResult given = spec.commandLine().getParseResult();
    if (arch != null) {
      if (given.hasMatchedOption("--layers")) {
        throw new AugregException("--layers and --arch are alternatives: --layers N,N,... is"
            + " shorthand for 'dense units=N' steps, which --arch SPEC can hold itself");
      }
      if (c.trainConfig().dropout()) {
        throw new AugregException(
            "--keep-prob applies to --layers; with --arch put 'dropout keep=P' steps in the spec");
      }
    }
  }

  @Override
  public Integer call() {
    TrainingState resumed = null;
    if (resume) {
      if (overwrite) {
        throw new AugregException("--resume and --overwrite are alternatives: --resume continues"
            + " the run in --out, --overwrite starts a new one there");
      }
      resumed = TrainResume.restore(spec, out);
    }
    if (train == null) {
      throw new AugregException("--train DIR is required (one sub-folder per class), unless"
          + " --resume continues the run in --out");
    }
    ImageTrainConfig c = config();
    checkOptionsApply(c);
    Architecture a = arch == null ? null : Architecture.parse(arch);
    Precision p = Precision.parse(precision, "--precision");
    if (a != null && c.trainConfig().batchSize() == 1
        && a.steps().stream().anyMatch(st -> st instanceof Architecture.BatchNormStep)) {
      // as PyTorch refuses it: one sample has no batch statistics, and γ, β would never learn
      throw new AugregException("--batch 1 with batch normalization (bn in --arch): a batch of one"
          + " has no batch statistics to normalize with; use --batch 2 or more, or drop bn");
    }
    // before any training: a bad --out must not cost a whole run
    TrainOutputs.checkFolder(out, c);
    if (!resume) {
      TrainOutputs.checkNoEarlierRun(out, overwrite);
    }
    Checkpointing ck = checkpointing(resumed);
    PrintWriter outw = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try (CtrlC ctrlC = CtrlC.install();
        TrainProgress progress = noProgress ? new TrainProgress(epochs, null) : TrainProgress.onTerminal(epochs)) {
      // the opening lines as soon as the data are prepared and the network built, then the bar
      RunStart[] started = new RunStart[1];
      Consumer<RunStart> onStart = start -> {
        started[0] = start;
        printStart(start, outw, err);
        progress.start();
        // from here on Ctrl-C stops at the end of a mini-batch and writes a checkpoint
        ctrlC.arm(() -> {
          ck.requestStop();
          err.println("augreg train: Ctrl-C: stopping at the end of this mini-batch (full-batch"
              + " gradient descent in Gram space: within 100 steps) to write a checkpoint (Ctrl-C"
              + " again quits at once)");
          err.flush();
        });
      };
      // without --arch: the dense steps --layers stands for; a Ctrl-C after training (the
      // outputs take a moment) lets them finish, a second one quits
      ImageTraining.Result r = ImageTraining.run(c, a, threads, p, ck, onStart, progress);
      progress.end(); // the bar's last state, then the final lines below it
      printEnd(r, outw);
      replaceEarlierRun();
      boolean curves = TrainOutputs.write(out, c, r);
      int code = finish(r.failures().isEmpty(), curves ? null : noCurves(r.result(), ck), c,
          started[0], outw, err);
      return checkpointEnd(r.result(), ck, code, outw);
    }
  }

  /**
   * With {@code --overwrite}: removes the earlier run's files once this run is trained (a failed
   * run keeps them), so none this run does not write is left behind as if it were this run's.
   */
  private void replaceEarlierRun() {
    if (overwrite || resume) {
      TrainOutputs.removeEarlierRun(out);
    }
  }

  /**
   * The checkpoint setting of {@code --checkpoint-every} into {@code --out}, with the run's options
   * stored in every checkpoint, continuing from {@code resumed} when not null.
   */
  private Checkpointing checkpointing(TrainingState resumed) {
    Path file = out.resolve(TrainOutputs.CHECKPOINT);
    Checkpointing ck;
    if (checkpointEvery.equalsIgnoreCase("auto")) {
      ck = Checkpointing.auto(file);
    } else {
      int n;
      try {
        n = Integer.parseInt(checkpointEvery.trim());
      } catch (NumberFormatException e) {
        n = -1;
      }
      if (n < 0) {
        throw new AugregException("--checkpoint-every must be a number of epochs >= 1, auto, or 0"
            + " for none, got '" + checkpointEvery + "'");
      }
      ck = n == 0 ? Checkpointing.none() : Checkpointing.every(n, file);
    }
    ck = ck.withRun(TrainResume.options(spec));
    return resumed == null ? ck : ck.resumeFrom(resumed);
  }

  /**
   * After the outputs: an interrupted run keeps its checkpoint and says where the model is and
   * how to continue (exit 130); a finished one removes the checkpoint, which its outputs replace.
   */
  private int checkpointEnd(TrainOutcome t, Checkpointing ck, int code, PrintWriter outw) {
    double[] w = ck.writeTimes();
    if (w[0] > 0) {
      outw.printf(Locale.ROOT, "checkpoints: %d written, %.3f s of the training time (%.2f%%),"
          + " %.3f s CPU writing in the background%n", (int) w[0], w[1], 100 * w[1] / t.seconds(),
          w[2]);
    }
    if (t.stopReason() == StopReason.INTERRUPTED) {
      TrainingState s = ck.last();
      outw.println("interrupted " + (s.batch() == 0 ? "after epoch " + (s.epoch() - 1)
          : "in epoch " + s.epoch() + " after " + s.batch() + " mini-batches of it")
          + ": the model so far is in " + out.resolve("model.json") + (ck.file() == null
              ? " (no checkpoint to resume from: --checkpoint-every 0)"
              : "; continue with: augreg train --resume --out " + out));
      outw.flush();
      return CtrlC.EXIT;
    }
    TrainingState.delete(out.resolve(TrainOutputs.CHECKPOINT));
    return code;
  }

  /** Skipped files, then the data and the network, before the first epoch. */
  private static void printStart(RunStart s, PrintWriter outw, PrintWriter err) {
    for (BadImageException e : s.failures()) {
      err.println("augreg train: skipped " + e.getMessage());
    }
    err.flush();
    outw.printf(Locale.ROOT, "classes %s, %s; images: train %d, dev %d, test %d; input %s%n",
        s.labels().classes(), s.labels().binary()
            ? "binary, positive '" + s.labels().classes().get(s.labels().positive()) + "'" : "softmax",
        s.trainCount(), s.devCount(), s.testCount(), s.format());
    outw.printf(Locale.ROOT, "network: %s (%d parameters)%n", s.network(), s.parameters());
    outw.flush();
  }

  /** The stop, the accuracies and the diagnosis (the same lines for both networks). */
  private static void printEnd(ImageTraining.Result r, PrintWriter outw) {
    TrainOutcome t = r.result();
    outw.printf(Locale.ROOT, "stopped: %s at epoch %d (weights of epoch %d), %.1f s, %.0f samples/s%n",
        t.stopReason().label(), t.stopEpoch(), t.bestEpoch(), t.seconds(), r.samplesPerSecond());
    if (t.stopReason() == StopReason.DIVERGED) {
      outw.printf(Locale.ROOT, "the loss became non-finite (NaN or infinite) at epoch %d; kept %s;"
          + " try a smaller --lr%n", t.stopEpoch(),
          t.bestEpoch() == 0 ? "the initial weights" : "the weights of epoch " + t.bestEpoch());
    }
    outw.printf(Locale.ROOT, "accuracy: train %s  dev %s  test %s%n", pct(r.trainAccuracy()),
        pct(r.devAccuracy()), pct(r.testAccuracy()));
    outw.println(diagnosisLine(t.diagnosis(), r.devCount(), r.testCount()));
    outw.flush();
  }

  /**
   * Why a run drew no learning curves: interrupted before its first epoch was recorded (then how to
   * continue it), or no recorded epoch had a finite cost.
   */
  private String noCurves(TrainOutcome t, Checkpointing ck) {
    if (t.stopReason() == StopReason.INTERRUPTED && t.history().epochs().isEmpty()) {
      return "interrupted before the first epoch was recorded" + (ck.file() == null
          ? "" : "; continue the run with augreg train --resume --out " + out);
    }
    return "no epoch had a finite cost";
  }

  /**
   * The report page, then the "wrote" line (the last: where the model is); exit code 1 when images were skipped or the page could
   * not be written, else 0 (a divergence included).
   *
   * @param noCurves why there are no learning curves, or null when they were drawn
   */
  private int finish(boolean allRead, String noCurves, ImageTrainConfig c, RunStart start,
      PrintWriter outw, PrintWriter err) {
    err.flush();
    boolean page = report.write(spec, out.resolve("report.html"),
        info -> TrainReport.build(out, c, start, info), outw, err);
    // the last line says where the model is
    outw.println("wrote " + out.resolve("model.json") + ", model.mat, history.csv, report.json"
        + (noCurves == null ? ", loss.png, accuracy.png" : " (no learning curves: " + noCurves
            + ")"));
    outw.flush();
    return allRead && page ? 0 : 1;
  }

  /**
   * "diagnosis (base error E): SUMMARY", or with no dev set "diagnosis (NOTE; base error E):
   * SUMMARY" where the summary names the test set as the hold-out; the same line for both paths.
   */
  static String diagnosisLine(Diagnosis d, int devCount, int testCount) {
    String note = HoldOut.note(devCount, testCount);
    return "diagnosis (" + (note == null ? "" : note + "; ") + Diagnosis.baseErrorLabel(d.baseError())
        + "): " + d.summary(HoldOut.name(devCount, testCount));
  }

  private static String pct(double v) {
    return Double.isFinite(v) ? String.format(Locale.ROOT, "%.4f", v) : "-";
  }
}
