package io.augreg.augment;

import io.augreg.core.AugregException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * What the policy steps share: torchvision's operations ({@code _apply_op}) as augreg parameter
 * records, their magnitude bins, and chains of records (applied in order, stored in a manifest as
 * {@code [{"name": ..., "params": {...}}, ...]}).
 */
final class Policies {
  private Policies() {}

  /** torchvision's policy operations. */
  enum Op {
    IDENTITY("Identity"), SHEAR_X("ShearX"), SHEAR_Y("ShearY"), TRANSLATE_X("TranslateX"),
    TRANSLATE_Y("TranslateY"), ROTATE("Rotate"), BRIGHTNESS("Brightness"), COLOR("Color"),
    CONTRAST("Contrast"), SHARPNESS("Sharpness"), POSTERIZE("Posterize"), SOLARIZE("Solarize"),
    AUTOCONTRAST("AutoContrast"), EQUALIZE("Equalize"), INVERT("Invert");

    private final String torchName;

    Op(String torchName) {
      this.torchName = torchName;
    }

    /** The op of torchvision's name, e.g. {@code "ShearX"}. */
    static Op byTorchName(String name) {
      for (Op op : values()) {
        if (op.torchName.equals(name)) {
          return op;
        }
      }
      throw new IllegalArgumentException("unknown torchvision op " + name);
    }

    /** Whether a magnitude may be negated (torchvision's {@code signed}). */
    boolean signed() {
      return ordinal() >= SHEAR_X.ordinal() && ordinal() <= SHARPNESS.ordinal();
    }

    /** Whether the op has magnitude bins. */
    boolean binned() {
      return ordinal() >= SHEAR_X.ordinal() && ordinal() <= SOLARIZE.ordinal();
    }
  }

  /** RandAugment's and TrivialAugment's op list (with identity), in torchvision's order. */
  static final List<Op> WITH_IDENTITY = List.of(
      Op.IDENTITY, Op.SHEAR_X, Op.SHEAR_Y, Op.TRANSLATE_X, Op.TRANSLATE_Y, Op.ROTATE,
      Op.BRIGHTNESS, Op.COLOR, Op.CONTRAST, Op.SHARPNESS, Op.POSTERIZE, Op.SOLARIZE,
      Op.AUTOCONTRAST, Op.EQUALIZE);

  /** AugMix's op list (all_ops), in torchvision's order. */
  static final List<Op> AUGMIX = List.of(
      Op.SHEAR_X, Op.SHEAR_Y, Op.TRANSLATE_X, Op.TRANSLATE_Y, Op.ROTATE, Op.POSTERIZE,
      Op.SOLARIZE, Op.AUTOCONTRAST, Op.EQUALIZE, Op.BRIGHTNESS, Op.COLOR, Op.CONTRAST,
      Op.SHARPNESS);

  /** Which magnitude space. */
  enum Space { RAND, WIDE, AUGMIX }

  /**
   * torch.linspace(start, end, steps)[i] in single precision: {@code start + step·i} in the first
   * half, {@code end − step·(steps − 1 − i)} in the second, {@code step = (end − start)/(steps − 1)}.
   */
  /**
   * Checks a policy's {@code interp}: PIL's geometric ops, and so the policies, use nearest or
   * linear interpolation only.
   */
  static void checkInterp(String policy, Interp interp) {
    if (interp != Interp.NEAREST && interp != Interp.LINEAR) {
      throw Check.bad(policy, "interp", interp.specName(), "nearest or linear");
    }
  }

  static double linspace(double start, double end, int steps, int i) {
    float a = (float) start;
    float b = (float) end;
    float step = (b - a) / (steps - 1);
    return i < steps / 2 ? a + step * i : b - step * (steps - 1 - i);
  }

  /**
   * The magnitude of bin {@code bin} of {@code bins} for an op (torchvision's {@code
   * _augmentation_space}), unsigned.
   */
  static double magnitude(Space space, Op op, int bin, int bins, int width, int height) {
    boolean wide = space == Space.WIDE;
    return switch (op) {
      case SHEAR_X, SHEAR_Y -> linspace(0, wide ? 0.99 : 0.3, bins, bin);
      case TRANSLATE_X -> linspace(0, wide ? 32 : space == Space.AUGMIX ? width / 3.0
          : 150.0 / 331.0 * width, bins, bin);
      case TRANSLATE_Y -> linspace(0, wide ? 32 : space == Space.AUGMIX ? height / 3.0
          : 150.0 / 331.0 * height, bins, bin);
      case ROTATE -> linspace(0, wide ? 135 : 30, bins, bin);
      case BRIGHTNESS, COLOR, CONTRAST, SHARPNESS -> linspace(0, wide ? 0.99 : 0.9, bins, bin);
      // 8 − round(i / ((bins − 1) / 4)) (wide: / 6; AugMix: 4 − ...), round half to even
      case POSTERIZE -> (space == Space.AUGMIX ? 4 : 8)
          - Math.rint((float) bin / (float) ((bins - 1) / (wide ? 6.0 : 4.0)));
      case SOLARIZE -> linspace(255, 0, bins, bin);
      default -> 0;
    };
  }

  /**
   * torchvision's {@code _apply_op} as an augreg record, or {@code null} for the identity. Shears
   * are about the top-left corner, translations whole pixels ({@code int(m)}), rotation {@code
   * Image.rotate(m)} (affine angle −m), enhancements factor 1 + m, fill 0.
   */
  static StepParams op(Op op, double m, Interp interp) {
    return switch (op) {
      case IDENTITY -> null;
      case SHEAR_X -> new Affine.AffineParams(0, 0, 0, 1, Math.toDegrees(Math.atan(m)), 0, true,
          interp, Border.CONSTANT);
      case SHEAR_Y -> new Affine.AffineParams(0, 0, 0, 1, 0, Math.toDegrees(Math.atan(m)), true,
          interp, Border.CONSTANT);
      case TRANSLATE_X -> new Affine.AffineParams(0, (int) m, 0, 1, 0, 0, false, interp,
          Border.CONSTANT);
      case TRANSLATE_Y -> new Affine.AffineParams(0, 0, (int) m, 1, 0, 0, false, interp,
          Border.CONSTANT);
      case ROTATE -> new Affine.AffineParams(m == 0 ? 0 : -m, 0, 0, 1, 0, 0, false, interp,
          Border.CONSTANT);
      case BRIGHTNESS -> new ColorJitter.ColorJitterParams("0", 1 + m, 1, 1, 0);
      case COLOR -> new Saturation.SaturationParams(1 + m);
      case CONTRAST -> new Contrast.ContrastParams(1 + m, Contrast.Mean.PIL);
      case SHARPNESS -> new Sharpness.SharpnessParams(1 + m);
      case POSTERIZE -> new Posterize.PosterizeParams((int) m);
      case SOLARIZE -> new Solarize.SolarizeParams(m);
      case AUTOCONTRAST -> new AutoContrast.AutoContrastParams();
      case EQUALIZE -> new Equalize.EqualizeParams();
      case INVERT -> new Invert.InvertParams();
    };
  }

  /** Draws a sign for signed ops: negative when the bit is set (torchvision: randint(2)). */
  static double signed(Op op, double m, java.util.SplittableRandom rng) {
    return op.signed() && rng.nextBoolean() ? -m : m;
  }

  /** Applies records in order ({@code src} untouched; an empty chain copies). */
  static void chain(Mat src, Mat dst, List<StepParams> ops) {
    if (ops.isEmpty()) {
      src.copyTo(dst);
      return;
    }
    Scratch s = Scratch.get();
    Mat cur = src;
    for (int i = 0; i < ops.size(); i++) {
      Mat out = i == ops.size() - 1 ? dst : s.chain[i % 2];
      ops.get(i).apply(cur, out);
      cur = out;
    }
  }

  /** The manifest form of a chain. */
  static List<Object> toList(List<StepParams> ops) {
    List<Object> out = new ArrayList<>();
    for (StepParams p : ops) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("name", Declared.of(p.getClass()).name());
      m.put("params", p.toMap());
      out.add(Collections.unmodifiableMap(m));
    }
    return Collections.unmodifiableList(out);
  }

  /** A chain read back from its manifest form. */
  @SuppressWarnings("unchecked")
  static List<StepParams> fromList(Object list, String what) {
    if (!(list instanceof List<?> l)) {
      throw new AugregException(what + " parameters: 'ops' must be a list, got " + list);
    }
    List<StepParams> out = new ArrayList<>();
    for (Object o : l) {
      if (!(o instanceof Map<?, ?> m) || !(m.get("name") instanceof String name)
          || !(m.get("params") instanceof Map<?, ?> params)) {
        throw new AugregException(
            what + " parameters: each op must be {\"name\": ..., \"params\": {...}}, got " + o);
      }
      out.add((StepParams) Transforms.prototype(name).paramsFromMap((Map<String, Object>) params));
    }
    return List.copyOf(out);
  }

  /** Reads {@code key} of a policy map. */
  static Object get(Map<String, Object> map, String what, String key) {
    Object v = map == null ? null : map.get(key);
    if (v == null) {
      throw new AugregException(what + " parameters: missing key '" + key + "'");
    }
    return v;
  }
}
