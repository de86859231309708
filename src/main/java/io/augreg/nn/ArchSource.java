package io.augreg.nn;


/**
 * Where an architecture came from, so that its errors name what the user can fix: the {@code
 * --arch} option of {@code augreg train} ({@link #OPTION}, the default everywhere), its {@code
 * --layers} shorthand ({@link #LAYERS}), or the files of a saved model ({@link #savedModel}), whose
 * user never typed a spec.
 */
public interface ArchSource {

  /** The {@code --arch} option: {@code "--arch: unknown step 'convv' (…)"}. */
  ArchSource OPTION = option("--arch");

  /**
   * The {@code --layers} option, a stack of dense steps: {@code "--layers: dense units=20 after a
   * 12000000 input needs …"}.
   */
  ArchSource LAYERS = new ArchSource() {
    private final ArchSource named = option("--layers");

    @Override
    public String invalid(String spec, String problem) {
      return named.invalid(spec, problem);
    }

    @Override
    public String incomplete(String spec, String predicate) {
      return named.incomplete(spec, predicate);
    }

    @Override
    public String misfit(String spec, Shape input, String problem) {
      return named.misfit(spec, input, problem);
    }

    @Override
    public String weights(String spec, Shape input, String problem) {
      return named.weights(spec, input, problem);
    }

    @Override
    public String advice() {
      return "use fewer units or a smaller --size";
    }
  };

  /**
   * A command-line option whose value is (or expands to) the spec.
   *
   * @param name the option, e.g. {@code "--arch"}
   * @return its messages, each starting with the option's name
   */
  private static ArchSource option(String name) {
    return new ArchSource() {
      @Override
      public String invalid(String spec, String problem) {
        return name + ": " + problem;
      }

      @Override
      public String incomplete(String spec, String predicate) {
        return name + " " + predicate;
      }

      @Override
      public String misfit(String spec, Shape input, String problem) {
        return name + " '" + spec + "' does not fit the input " + input + ": " + problem;
      }

      @Override
      public String weights(String spec, Shape input, String problem) {
        return misfit(spec, input, problem);
      }
    };
  }

  /**
   * A saved model: the spec is read from {@code description} (e.g. {@code model.json}) and the
   * parameter values from {@code weights} (e.g. {@code model.mat}).
   *
   * @param description the file holding the spec, as it should appear in messages
   * @param weights the file holding the parameter values
   * @return the source
   */
  static ArchSource savedModel(String description, String weights) {
    return new ArchSource() {
      @Override
      public String invalid(String spec, String problem) {
        return description + ": its architecture '" + spec + "' is not valid: " + problem;
      }

      @Override
      public String incomplete(String spec, String predicate) {
        return description + ": its architecture " + predicate;
      }

      @Override
      public String misfit(String spec, Shape input, String problem) {
        return description + ": its architecture '" + spec + "' does not fit its input " + input
            + ": " + problem;
      }

      @Override
      public String weights(String spec, Shape input, String problem) {
        return weights + ": the weights do not fit the architecture in " + description + ": "
            + problem;
      }
    };
  }

  /**
   * The message for a spec with a bad step or option.
   *
   * @param spec the spec as given
   * @param problem what is wrong, e.g. {@code "unknown step 'convv' (valid steps: …)"}
   * @return the whole message
   */
  String invalid(String spec, String problem);

  /**
   * The message for a spec that is empty or has an empty step.
   *
   * @param spec the spec as given
   * @param predicate what is wrong, said of the spec, e.g. {@code "is empty (…)"}
   * @return the whole message
   */
  String incomplete(String spec, String predicate);

  /**
   * The message for a valid spec whose layers do not fit the input (e.g. a window larger than its
   * input) or do not fit in memory.
   *
   * @param spec the canonical spec
   * @param input one example's shape
   * @param problem what is wrong, e.g. {@code "pool: window 8 is larger than the input 2×2×8"}
   * @return the whole message
   */
  String misfit(String spec, Shape input, String problem);

  /**
   * The message for parameter values that do not fit the architecture (wrong number of arrays,
   * wrong lengths).
   *
   * @param spec the canonical spec
   * @param input one example's shape
   * @param problem what is wrong, e.g. {@code "conv: kernel needs 216 values and bias 8, got 432
   *     and 16"}
   * @return the whole message
   */
  String weights(String spec, Shape input, String problem);

  /**
   * What to change when the network is too large.
   *
   * @return e.g. {@code "add pool steps or use fewer filters/units"}
   */
  default String advice() {
    return "add pool steps or use fewer filters/units";
  }
}
