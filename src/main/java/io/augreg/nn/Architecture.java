package io.augreg.nn;

import io.augreg.core.AugregException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A convolutional architecture: the hidden steps of {@code augreg train --arch SPEC}, in the
 * pipeline grammar ({@code |}-separated steps, {@code key=value} options separated by blanks).
 * The output layer is not part of the spec: it follows from the classes (one sigmoid unit for a
 * binary problem, k softmax units otherwise).
 *
 * <pre>
 * conv    filters=N  k=3  stride=1  pad=same|N  act=relu|none  bn=false   (pad=same: (k−1)/2, odd k)
 * pool    k=2  stride=k                                          (max pooling)
 * dropout keep=0.5  spatial=false                                (spatial: whole channels)
 * dense   units=N  act=relu|none  bn=false                       (flattens its input)
 * bn      momentum=0.1  eps=1e-5  act=none|relu                  (batch normalization per channel)
 * flatten
 * </pre>
 *
 * <p>{@code bn=true} on a conv or dense step puts batch normalization between the linear part and
 * the activation: {@code conv filters=16 bn=true} is parsed as {@code conv filters=16 act=none |
 * bn act=relu} (the canonical form, which {@link #toSpec()} writes).
 *
 * @param steps the steps in order
 */
public record Architecture(List<Step> steps) {

  /** The step names of the grammar. */
  public static final List<String> STEP_NAMES = List.of("conv", "pool", "dropout", "dense", "bn", "flatten");

  /** The network of issue 5 and {@code peers/torch_cats_cnn.py}. */
  public static final String SMALL_CNN = "conv filters=16 k=3 | pool k=2 | conv filters=32 k=3 | pool k=2"
      + " | conv filters=64 k=3 | pool k=2 | dropout keep=0.5 | dense units=64 | dropout keep=0.5";

  /** Copies the list and checks it is not empty. */
  public Architecture {
    steps = List.copyOf(steps);
    if (steps.isEmpty()) {
      throw new AugregException("--arch needs at least one step (" + String.join(", ", STEP_NAMES) + ")");
    }
  }

  /** One step of the spec. */
  public sealed interface Step permits Conv, Pool, DropoutStep, DenseStep, BatchNormStep,
      FlattenStep {
    /** The step in spec form, e.g. {@code "conv filters=16 k=3 stride=1 pad=1 act=relu"}. */
    String toSpec();
  }

  /**
   * Convolution followed by its activation.
   *
   * @param filters output channels
   * @param k kernel size
   * @param stride stride
   * @param pad zero padding per side
   * @param relu true for a ReLU after it
   */
  public record Conv(int filters, int k, int stride, int pad, boolean relu) implements Step {
    @Override
    public String toSpec() {
      return "conv filters=" + filters + " k=" + k + " stride=" + stride + " pad=" + pad
          + " act=" + (relu ? "relu" : "none");
    }
  }

  /**
   * Max pooling.
   *
   * @param k window
   * @param stride stride
   */
  public record Pool(int k, int stride) implements Step {
    @Override
    public String toSpec() {
      return "pool k=" + k + " stride=" + stride;
    }
  }

  /**
   * Inverted dropout.
   *
   * @param keep keep probability in (0, 1]
   * @param spatial drop whole channels
   */
  public record DropoutStep(double keep, boolean spatial) implements Step {
    @Override
    public String toSpec() {
      return "dropout keep=" + keep + " spatial=" + spatial;
    }
  }

  /**
   * Fully connected layer followed by its activation.
   *
   * @param units output units
   * @param relu true for a ReLU after it
   */
  public record DenseStep(int units, boolean relu) implements Step {
    @Override
    public String toSpec() {
      return "dense units=" + units + " act=" + (relu ? "relu" : "none");
    }
  }

  /**
   * Batch normalization per channel (per unit after a dense step) followed by its activation.
   *
   * @param momentum weight of each batch's statistics in the running ones, in [0, 1]
   * @param eps added to the variance, &gt; 0
   * @param relu true for a ReLU after it
   */
  public record BatchNormStep(double momentum, double eps, boolean relu) implements Step {
    /** PyTorch's defaults. */
    public static final double MOMENTUM = 0.1;
    /** PyTorch's default. */
    public static final double EPS = 1e-5;

    /** Validates momentum and eps. */
    public BatchNormStep {
      String problem = problem(momentum, eps);
      if (problem != null) {
        throw new AugregException(ArchSource.OPTION.invalid("", problem));
      }
    }

    /** What is wrong with momentum or eps, or null. */
    static String problem(double momentum, double eps) {
      if (!(momentum >= 0 && momentum <= 1)) {
        return "bn momentum must be in [0, 1], got " + momentum;
      }
      if (!(eps > 0 && eps < Double.POSITIVE_INFINITY)) {
        return "bn eps must be > 0, got " + eps;
      }
      return null;
    }

    @Override
    public String toSpec() {
      return "bn momentum=" + momentum + " eps=" + eps + " act=" + (relu ? "relu" : "none");
    }
  }

  /** Explicit flattening (dense flattens by itself). */
  public record FlattenStep() implements Step {
    @Override
    public String toSpec() {
      return "flatten";
    }
  }

  /**
   * The steps {@code train --layers} stands for: per hidden layer l, {@code dense units=h_l
   * act=relu}, then {@code dropout keep=p_l} when its keep probability is below 1 (the lesson's
   * inverted dropout on every hidden activation).
   *
   * @param hidden hidden layer sizes, e.g. {@code {20, 7, 5}}, each &gt;= 1
   * @param keepProb one keep probability for every hidden layer, or one per hidden layer, each in
   *     (0, 1]
   * @return the architecture
   * @throws AugregException naming {@code --layers} or {@code --keep-prob} for a bad value
   */
  public static Architecture ofLayers(int[] hidden, double[] keepProb) {
    if (hidden.length == 0) {
      throw new AugregException("--layers needs hidden layer sizes, e.g. 20,7,5");
    }
    if (keepProb.length != 1 && keepProb.length != hidden.length) {
      throw new AugregException("--keep-prob needs one value or one per hidden layer ("
          + hidden.length + " in --layers), got " + keepProb.length);
    }
    List<Step> steps = new ArrayList<>();
    for (int l = 0; l < hidden.length; l++) {
      if (hidden[l] < 1) {
        throw new AugregException("--layers sizes must be >= 1, got " + hidden[l]);
      }
      steps.add(new DenseStep(hidden[l], true));
      double keep = keepProb[keepProb.length == 1 ? 0 : l];
      if (!(keep > 0 && keep <= 1)) {
        throw new AugregException("--keep-prob must be in (0, 1], got " + keep);
      }
      if (keep < 1) {
        steps.add(new DropoutStep(keep, false));
      }
    }
    return new Architecture(steps);
  }

  /**
   * The canonical spec.
   *
   * @return every step with every option written out; {@code parse(toSpec())} gives an equal value
   */
  public String toSpec() {
    return steps.stream().map(Step::toSpec).collect(Collectors.joining(" | "));
  }

  /**
   * Parses the spec of the {@code --arch} option ({@link ArchSource#OPTION}).
   *
   * @param spec e.g. {@code "conv filters=16 k=3 | pool k=2 | dense units=64"}
   * @return the architecture
   * @throws AugregException naming the bad token and listing the valid names or keys
   */
  public static Architecture parse(String spec) {
    return parse(spec, ArchSource.OPTION);
  }

  /**
   * Parses a spec that came from {@code source} (whose errors name it).
   *
   * @param spec e.g. {@code "conv filters=16 k=3 | pool k=2 | dense units=64"}
   * @param source where the spec came from: the {@code --arch} option or a saved model
   * @return the architecture
   * @throws AugregException naming the source and the bad token, listing the valid names or keys
   */
  public static Architecture parse(String spec, ArchSource source) {
    if (spec == null || spec.isBlank()) {
      throw new AugregException(source.incomplete(spec == null ? "" : spec, "is empty (expected"
          + " steps like '" + SMALL_CNN + "'; steps: " + String.join(", ", STEP_NAMES) + ")"));
    }
    List<Step> steps = new ArrayList<>();
    for (String part : spec.split("\\|", -1)) {
      String[] tokens = part.strip().split("\\s+");
      if (tokens.length == 0 || tokens[0].isEmpty()) {
        throw new AugregException(source.incomplete(spec, "has an empty step in '" + spec
            + "' (steps: " + String.join(", ", STEP_NAMES) + ")"));
      }
      String name = tokens[0].toLowerCase(Locale.ROOT);
      Options o = new Options(name, tokens, spec, source);
      Step trailing = null;
      Step step = switch (name) {
        case "conv" -> {
          o.allow("filters", "k", "stride", "pad", "act", "bn");
          int k = o.integer("k", 3);
          int stride = o.integer("stride", 1);
          String padText = o.text("pad", "same");
          int pad;
          if (padText.equals("same")) {
            if (k % 2 == 0) {
              throw o.fail("conv pad=same needs an odd k, got k=" + k + " (give pad=N)");
            }
            pad = (k - 1) / 2;
          } else {
            pad = o.parseInt("pad", padText, 0);
          }
          boolean relu = o.activation();
          boolean bn = o.bool("bn", false);
          if (bn) {
            trailing = new BatchNormStep(BatchNormStep.MOMENTUM, BatchNormStep.EPS, relu);
          }
          yield new Conv(o.required("filters"), k, stride, pad, relu && !bn);
        }
        case "pool" -> {
          o.allow("k", "stride");
          int k = o.integer("k", 2);
          yield new Pool(k, o.integer("stride", k));
        }
        case "dropout" -> {
          o.allow("keep", "spatial");
          double keep = o.number("keep", 0.5);
          if (!(keep > 0 && keep <= 1)) {
            throw o.fail("dropout keep must be in (0, 1], got " + keep);
          }
          yield new DropoutStep(keep, o.bool("spatial", false));
        }
        case "dense" -> {
          o.allow("units", "act", "bn");
          boolean relu = o.activation();
          boolean bn = o.bool("bn", false);
          if (bn) {
            trailing = new BatchNormStep(BatchNormStep.MOMENTUM, BatchNormStep.EPS, relu);
          }
          yield new DenseStep(o.required("units"), relu && !bn);
        }
        case "bn" -> {
          o.allow("momentum", "eps", "act");
          double momentum = o.number("momentum", BatchNormStep.MOMENTUM);
          double eps = o.number("eps", BatchNormStep.EPS);
          String problem = BatchNormStep.problem(momentum, eps);
          if (problem != null) {
            throw o.fail(problem);
          }
          yield new BatchNormStep(momentum, eps, o.activation("none"));
        }
        case "flatten" -> {
          o.allow();
          yield new FlattenStep();
        }
        default -> throw o.fail("unknown step '" + tokens[0] + "' (valid steps: "
            + String.join(", ", STEP_NAMES) + ")");
      };
      steps.add(step);
      if (trailing != null) {
        steps.add(trailing);
      }
    }
    return new Architecture(steps);
  }

  /** The {@code key=value} options of one step. */
  private static final class Options {
    private final String step;
    private final String spec;
    private final ArchSource source;
    private final Map<String, String> values = new LinkedHashMap<>();

    Options(String step, String[] tokens, String spec, ArchSource source) {
      this.step = step;
      this.spec = spec;
      this.source = source;
      for (int i = 1; i < tokens.length; i++) {
        String t = tokens[i];
        int eq = t.indexOf('=');
        if (eq <= 0 || eq == t.length() - 1) {
          throw fail("bad option '" + t + "' in step " + step + " (expected key=value)");
        }
        String key = t.substring(0, eq).toLowerCase(Locale.ROOT);
        if (values.put(key, t.substring(eq + 1)) != null) {
          throw fail("option '" + key + "' given twice in step " + step);
        }
      }
    }

    /** The error for {@code problem} in this spec, worded by its source. */
    AugregException fail(String problem) {
      return new AugregException(source.invalid(spec, problem));
    }

    void allow(String... keys) {
      List<String> ok = List.of(keys);
      for (String key : values.keySet()) {
        if (!ok.contains(key)) {
          throw fail("unknown option '" + key + "' for " + step + " (valid keys: "
              + (ok.isEmpty() ? "none" : String.join(", ", ok)) + ")");
        }
      }
    }

    String text(String key, String def) {
      return values.getOrDefault(key, def).toLowerCase(Locale.ROOT);
    }

    int required(String key) {
      if (!values.containsKey(key)) {
        throw fail(step + " needs " + key + "=N");
      }
      return integer(key, 0);
    }

    int integer(String key, int def) {
      return values.containsKey(key) ? parseInt(key, values.get(key), 1) : def;
    }

    int parseInt(String key, String v, int min) {
      try {
        int x = Integer.parseInt(v);
        if (x >= min) {
          return x;
        }
      } catch (NumberFormatException e) {
        // reported below
      }
      throw fail(step + " " + key + " must be an integer >= " + min + ", got '" + v + "'");
    }

    double number(String key, double def) {
      if (!values.containsKey(key)) {
        return def;
      }
      try {
        return Double.parseDouble(values.get(key));
      } catch (NumberFormatException e) {
        throw fail(step + " " + key + " must be a number, got '" + values.get(key) + "'");
      }
    }

    boolean bool(String key, boolean def) {
      String v = text(key, Boolean.toString(def));
      return switch (v) {
        case "true", "yes", "1" -> true;
        case "false", "no", "0" -> false;
        default -> throw fail(step + " " + key + " must be true or false, got '" + v + "'");
      };
    }

    boolean activation() {
      return activation("relu");
    }

    boolean activation(String def) {
      String v = text("act", def);
      return switch (v) {
        case "relu" -> true;
        case "none" -> false;
        default -> throw fail(step + " act must be relu or none, got '" + v + "'");
      };
    }
  }
}
