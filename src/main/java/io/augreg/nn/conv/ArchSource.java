package io.augreg.nn.conv;

import io.augreg.nn.Shape;

/**
 * Where an architecture came from, so that its errors name what the user can fix: the {@code
 * --arch} option of {@code augreg train} ({@link #OPTION}, the default everywhere), or the files of
 * a saved model ({@link #savedModel}), whose user never typed a spec.
 */
public interface ArchSource {

  /** The {@code --arch} option: {@code "--arch: unknown step 'convv' (…)"}. */
  ArchSource OPTION = new ArchSource() {
    @Override
    public String invalid(String spec, String problem) {
      return "--arch: " + problem;
    }

    @Override
    public String incomplete(String spec, String predicate) {
      return "--arch " + predicate;
    }

    @Override
    public String misfit(String spec, Shape input, String problem) {
      return "--arch '" + spec + "' does not fit the input " + input + ": " + problem;
    }

    @Override
    public String weights(String spec, Shape input, String problem) {
      return misfit(spec, input, problem);
    }
  };

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
}
