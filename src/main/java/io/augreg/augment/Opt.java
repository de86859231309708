package io.augreg.augment;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares how a record component of a transform (or of its parameter record) appears in a spec and
 * in a manifest map: its key (default: the component name in snake_case), its default value as spec
 * text (absent: the component is {@code null} unless given, and the record's compact constructor
 * decides), and whether it is left out of {@code toSpec} and of the map when it equals that default.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
public @interface Opt {
  /** Marks "no default". */
  String NONE = "\u0000";

  /**
   * The default as spec text, e.g. {@code "-30..30"}.
   *
   * @return the default, or {@link #NONE}
   */
  String value() default NONE;

  /**
   * The key, when it is not the component name in snake_case.
   *
   * @return the key, or empty
   */
  String key() default "";

  /**
   * Whether the value is left out of {@code toSpec} and of parameter maps when it equals the
   * default.
   *
   * @return true to leave defaults out
   */
  boolean terse() default false;
}
