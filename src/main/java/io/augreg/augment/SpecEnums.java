package io.augreg.augment;

import io.augreg.core.AugregException;
import java.util.Arrays;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Looks up enum constants (border modes, interpolations) by the names specs use. */
final class SpecEnums {
  private SpecEnums() {}

  /**
   * The constant whose spec name is {@code name}.
   *
   * @param values the enum's constants, in the order the error lists them
   * @param specName the spec name of a constant
   * @param name the name given
   * @param what the option being parsed, for the error message
   * @param kind what the enum is, e.g. {@code "border"}
   * @return the constant
   * @throws AugregException naming the option and the valid names
   */
  static <E extends Enum<E>> E byName(
      E[] values, Function<E, String> specName, String name, String what, String kind) {
    for (E e : values) {
      if (specName.apply(e).equals(name)) {
        return e;
      }
    }
    String valid = Arrays.stream(values).map(specName).collect(Collectors.joining(", "));
    throw new AugregException(
        what + ": unknown " + kind + " '" + name + "' (valid: " + valid + ")");
  }
}
