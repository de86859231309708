package io.augreg.augment;

/** An enum constant with the name specs and parameter maps use for it. */
public interface SpecName {
  /**
   * The name used in specs and parameter maps.
   *
   * @return e.g. {@code "reflect"}
   */
  String specName();
}
