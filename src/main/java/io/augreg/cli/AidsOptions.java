package io.augreg.cli;

import io.augreg.core.AugregException;
import io.augreg.train.LrSchedule;
import io.augreg.train.TrainingAids;
import java.util.Locale;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/**
 * {@code train}'s options for the training aids beyond the lesson (docs/train.md, "Training
 * aids"): label smoothing, MixUp/CutMix, max-norm and the learning-rate schedule.
 */
final class AidsOptions {
  @Option(names = "--label-smoothing", paramLabel = "ε",
      description = "Train on (1−ε)·one-hot + ε/K targets (K classes, 2 for binary), in [0, 1)"
          + " (default: ${DEFAULT-VALUE}).")
  double labelSmoothing = 0;

  @Option(names = "--mixup", paramLabel = "α",
      description = "MixUp: each batch mixed with itself rolled by one, λ ~ Beta(α, α), labels"
          + " mixed alike; 0 = off (default: ${DEFAULT-VALUE}).")
  double mixup = 0;

  @Option(names = "--cutmix", paramLabel = "α",
      description = "CutMix: a box of the rolled batch pasted in, labels weighted by area,"
          + " λ ~ Beta(α, α); 0 = off; with --mixup each batch takes one (default: ${DEFAULT-VALUE}).")
  double cutmix = 0;

  @Option(names = "--mix-prob", paramLabel = "P",
      description = "Probability that a batch is mixed by --mixup/--cutmix, in [0, 1]"
          + " (default: ${DEFAULT-VALUE}).")
  double mixProbability = 1;

  @Option(names = "--max-norm", paramLabel = "C",
      description = "After every step rescale each unit's incoming weights (dense unit, conv"
          + " filter) to norm <= C; 0 = off (default: ${DEFAULT-VALUE}).")
  double maxNorm = 0;

  @Option(names = "--lr-schedule", paramLabel = "KIND",
      description = "constant, step (--lr-step, --lr-gamma), cosine (to 0, after --warmup) or"
          + " plateau (on the dev loss: --lr-factor, --lr-patience); the rate of each epoch is"
          + " history.csv's lr column (default: ${DEFAULT-VALUE}).")
  String schedule = "constant";

  @Option(names = "--lr-step", paramLabel = "N",
      description = "step schedule: epochs between decays (default: ${DEFAULT-VALUE}).")
  int step = 30;

  @Option(names = "--lr-gamma", paramLabel = "G",
      description = "step schedule: decay factor in (0, 1] (default: ${DEFAULT-VALUE}).")
  double gamma = 0.1;

  @Option(names = "--warmup", paramLabel = "N",
      description = "Linear warm-up epochs, rate α·e/N (default: ${DEFAULT-VALUE}).")
  int warmup = 0;

  @Option(names = "--lr-factor", paramLabel = "F",
      description = "plateau schedule: reduction factor in (0, 1) (default: ${DEFAULT-VALUE}).")
  double factor = 0.1;

  @Option(names = "--lr-patience", paramLabel = "N",
      description = "plateau schedule: recorded epochs without dev-loss improvement before a"
          + " reduction (default: ${DEFAULT-VALUE}).")
  int patience = 10;

  /**
   * The aids the options ask for (validated: a bad value names its option).
   *
   * @param spec the command, to tell which options were given
   * @return the aids
   */
  TrainingAids aids(CommandSpec spec) {
    LrSchedule.Kind kind = switch (schedule.toLowerCase(Locale.ROOT)) {
      case "constant" -> LrSchedule.Kind.CONSTANT;
      case "step" -> LrSchedule.Kind.STEP;
      case "cosine" -> LrSchedule.Kind.COSINE;
      case "plateau" -> LrSchedule.Kind.PLATEAU;
      default -> throw new AugregException(
          "--lr-schedule must be constant, step, cosine or plateau, got '" + schedule + "'");
    };
    var given = spec.commandLine().getParseResult();
    if (kind != LrSchedule.Kind.STEP) {
      refuse(given, "--lr-step", "step");
      refuse(given, "--lr-gamma", "step");
    }
    if (kind != LrSchedule.Kind.PLATEAU) {
      refuse(given, "--lr-factor", "plateau");
      refuse(given, "--lr-patience", "plateau");
    }
    if (given.hasMatchedOption("--mix-prob") && mixup == 0 && cutmix == 0) {
      throw new AugregException("--mix-prob applies to --mixup and --cutmix");
    }
    return new TrainingAids(labelSmoothing, mixup, cutmix, mixProbability, maxNorm,
        new LrSchedule(kind, step, gamma, warmup, factor, patience));
  }

  private static void refuse(picocli.CommandLine.ParseResult given, String option, String kind) {
    if (given.hasMatchedOption(option)) {
      throw new AugregException(option + " applies to --lr-schedule " + kind);
    }
  }
}
