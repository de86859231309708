package io.augreg.augment;

import org.bytedeco.opencv.global.opencv_imgproc;

/** Interpolation of resampling transforms, with its spec name and OpenCV flag. */
public enum Interp implements SpecName {
  /** Nearest neighbour ({@code INTER_NEAREST}). */
  NEAREST("nearest", opencv_imgproc.INTER_NEAREST),
  /** Bilinear ({@code INTER_LINEAR}). */
  LINEAR("linear", opencv_imgproc.INTER_LINEAR),
  /** Bicubic ({@code INTER_CUBIC}). */
  CUBIC("cubic", opencv_imgproc.INTER_CUBIC),
  /** Pixel-area averaging ({@code INTER_AREA}); only for resizing (resize, crop). */
  AREA("area", opencv_imgproc.INTER_AREA);

  private final String specName;
  private final int cvFlag;

  Interp(String specName, int cvFlag) {
    this.specName = specName;
    this.cvFlag = cvFlag;
  }

  /** The name used in specs and parameter maps, e.g. {@code "linear"}. */
  @Override
  public String specName() {
    return specName;
  }

  /** The OpenCV interpolation flag. */
  public int cvFlag() {
    return cvFlag;
  }

  /**
   * Looks up a spec name.
   *
   * @param name e.g. {@code "cubic"}
   * @param what the option being parsed, for the error message
   * @return the interpolation
   * @throws io.augreg.core.AugregException naming the option and the valid names
   */
  public static Interp byName(String name, String what) {
    return SpecEnums.byName(values(), Interp::specName, name, what, "interpolation");
  }
}
