package io.augreg.augment;

import org.bytedeco.opencv.global.opencv_core;

/** How geometric transforms fill pixels that come from outside the image. */
public enum Border implements SpecName {
  /** Mirror without repeating the edge pixel: {@code gfedcb|abcdefgh|gfedcba} ({@code BORDER_REFLECT_101}). */
  REFLECT("reflect", opencv_core.BORDER_REFLECT_101),
  /** Black (all channels 0, alpha included) ({@code BORDER_CONSTANT}). */
  CONSTANT("constant", opencv_core.BORDER_CONSTANT),
  /** Repeat the edge pixel: {@code aaaaaa|abcdefgh|hhhhhhh} ({@code BORDER_REPLICATE}). */
  REPLICATE("replicate", opencv_core.BORDER_REPLICATE);

  private final String specName;
  private final int cvFlag;

  Border(String specName, int cvFlag) {
    this.specName = specName;
    this.cvFlag = cvFlag;
  }

  /** The name used in specs and parameter maps, e.g. {@code "reflect"}. */
  @Override
  public String specName() {
    return specName;
  }

  /** The OpenCV border mode. */
  public int cvFlag() {
    return cvFlag;
  }

  /**
   * Looks up a spec name.
   *
   * @param name e.g. {@code "reflect"}
   * @param what the option being parsed, for the error message
   * @return the border mode
   * @throws io.augreg.core.AugregException naming the option and the valid names
   */
  public static Border byName(String name, String what) {
    return SpecEnums.byName(values(), Border::specName, name, what, "border");
  }
}
