package io.augreg.nn.conv;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Kernels of the float convolution in the JDK's Vector API ({@code jdk.incubator.vector}, an
 * incubator module in Java 17): {@link ConvFloat}'s fused pooling and its backward, and the runs
 * of float col2im ({@link Conv2d}). The same values bit for bit as the scalar loops, a whole
 * vector per instruction: C2 does not vectorize the pooling's loops (runs of 16–64 filters with a
 * compare-and-select per value) nor short runs such as col2im's 48 values (its vector loop,
 * unrolled, needs longer runs), so those run one value at a time.
 *
 * <p>Loaded only when the module is in the boot layer ({@link ConvFloat#VECTORS}, i.e. the JVM was
 * started with {@code --add-modules jdk.incubator.vector}): without it {@link ConvFloat} keeps
 * its scalar loops and never touches this class. The arg max is a {@code float[]} here (the
 * window position as a float, {@link ConvFloat#CLOSED} for a closed gate), so that it lives in
 * vectors of the same lanes as the values.
 */
final class ConvVectors {
  private static final VectorSpecies<Float> FLOATS = FloatVector.SPECIES_PREFERRED;
  /** Doubles in vectors of the same size: half the lanes, two per float vector. */
  private static final VectorSpecies<Double> DOUBLES =
      VectorSpecies.of(double.class, FLOATS.vectorShape());

  private ConvVectors() {}

  /** Floats per vector. */
  static int lanes() {
    return FLOATS.length();
  }

  /**
   * True if the vector kernels take {@code filters} filters: a whole number of float vectors of
   * at least 4 lanes (the loops have no scalar tail).
   *
   * @param filters filters of the convolution
   * @return true if {@link #pool} and {@link #unpool} can run
   */
  static boolean fits(int filters) {
    int lanes = FLOATS.length();
    return lanes >= 4 && filters % lanes == 0;
  }

  /**
   * As {@link ConvFloat}'s scalar pooling: for each of the {@code r} rows from row {@code r0}
   * (pooled offset {@code rowQ}, window position {@code rowP}), with {@code t = p + b}: at
   * position 0 {@code y = t, arg = 0}; at a later position {@code arg = w} where {@code t > y}
   * (the first maximum) and {@code y = max(y, t)} ({@code Math.max}'s rules: NaN spreads, +0
   * above −0); at the position {@code last} then {@code y = max(y, 0)} and {@code arg = CLOSED}
   * where {@code y} is +0 (a window of one position: {@code y = max(t, 0)}, {@code arg} 0 or
   * CLOSED).
   *
   * @param p product rows, {@code filters} values each, from index 0
   * @param r0 first row's index in the row map
   * @param r rows
   * @param rowQ pooled offset per row
   * @param rowP window position per row
   * @param b bias per filter (float)
   * @param y pooled values
   * @param arg pooled arg max (positions as floats)
   * @param filters values per row
   * @param last the window's last position with the ReLU, else −1
   */
  static void pool(float[] p, int r0, int r, int[] rowQ, byte[] rowP, float[] b, float[] y,
      float[] arg, int filters, int last) {
    int lanes = FLOATS.length();
    FloatVector zero = FloatVector.zero(FLOATS);
    for (int i = 0, o = 0; i < r; i++, o += filters) {
      int q = rowQ[r0 + i];
      int w = rowP[r0 + i];
      for (int f = 0; f < filters; f += lanes) {
        FloatVector t = FloatVector.fromArray(FLOATS, p, o + f)
            .add(FloatVector.fromArray(FLOATS, b, f));
        FloatVector m = t;
        FloatVector a = zero;
        if (w != 0) {
          // arg = t > y ? w : arg; y = max(y, t)
          m = FloatVector.fromArray(FLOATS, y, q + f);
          a = FloatVector.fromArray(FLOATS, arg, q + f)
              .blend((float) w, t.compare(VectorOperators.GT, m));
          m = m.max(t);
        }
        if (w == last) {
          // y = max(y, 0); arg = CLOSED where y == 0 (only +0 is left after the max)
          m = m.max(zero);
          a = a.blend((float) ConvFloat.CLOSED, m.compare(VectorOperators.EQ, zero));
        }
        m.intoArray(y, q + f);
        a.intoArray(arg, q + f);
      }
    }
  }

  /**
   * An im2col run, {@code dst[d .. d + len) = src[s .. s + len)}, in whole vectors where the arrays
   * have room: a run of at most one vector as one vector (its lanes past {@code len} write
   * {@code dst[d + len .. d + lanes)}, which the caller's next runs overwrite), a longer one as
   * whole vectors and a last vector that ends with the run (overlapping the one before it with
   * the same values); {@code System.arraycopy} where a vector would leave either array.
   *
   * @param src values
   * @param s first index in src
   * @param dst destination
   * @param d first index in dst
   * @param len values
   */
  static void copy(float[] src, int s, float[] dst, int d, int len) {
    int lanes = FLOATS.length();
    if (len <= lanes) {
      if (s + lanes <= src.length && d + lanes <= dst.length) {
        FloatVector.fromArray(FLOATS, src, s).intoArray(dst, d);
      } else {
        System.arraycopy(src, s, dst, d, len);
      }
      return;
    }
    int j = 0;
    for (; j <= len - lanes; j += lanes) {
      FloatVector.fromArray(FLOATS, src, s + j).intoArray(dst, d + j);
    }
    if (j < len) {
      FloatVector.fromArray(FLOATS, src, s + len - lanes).intoArray(dst, d + len - lanes);
    }
  }

  /**
   * {@code dst[d + j] += src[o + j]} for {@code j < len}: a vector at a time, the rest one by one
   * (each value's one add, as in the scalar loop).
   *
   * @param src values to add
   * @param o first index in src
   * @param dst values added to
   * @param d first index in dst
   * @param len values
   */
  static void add(float[] src, int o, float[] dst, int d, int len) {
    int lanes = FLOATS.length();
    int j = 0;
    for (; j <= len - lanes; j += lanes) {
      FloatVector.fromArray(FLOATS, dst, d + j).add(FloatVector.fromArray(FLOATS, src, o + j))
          .intoArray(dst, d + j);
    }
    for (; j < len; j++) {
      dst[d + j] += src[o + j];
    }
  }

  /**
   * As {@link ConvFloat}'s scalar unpooling: {@code dst[i][f] = dy[q][f]} where {@code arg[q][f]}
   * is the row's window position, else +0, and {@code db[f] += dst[i][f]} in double, row by row.
   *
   * @param dy pooled output gradient
   * @param r0 first row's index in the row map
   * @param r rows
   * @param rowQ pooled offset per row
   * @param rowP window position per row
   * @param arg pooled arg max of the forward pass
   * @param dst full-size rows from index 0
   * @param db bias gradient, added to
   * @param filters values per row
   */
  static void unpool(float[] dy, int r0, int r, int[] rowQ, byte[] rowP, float[] arg,
      float[] dst, double[] db, int filters) {
    int lanes = FLOATS.length();
    int half = DOUBLES.length();
    FloatVector zero = FloatVector.zero(FLOATS);
    for (int i = 0, o = 0; i < r; i++, o += filters) {
      int q = rowQ[r0 + i];
      float w = rowP[r0 + i];
      for (int f = 0; f < filters; f += lanes) {
        // dst = arg == w ? dy : +0
        VectorMask<Float> taken = FloatVector.fromArray(FLOATS, arg, q + f)
            .compare(VectorOperators.EQ, w);
        FloatVector g = zero.blend(FloatVector.fromArray(FLOATS, dy, q + f), taken);
        g.intoArray(dst, o + f);
        // db[f] += (double) g[f], the lower lanes, then the upper
        for (int part = 0; part < 2; part++) {
          DoubleVector d = (DoubleVector) g.convertShape(VectorOperators.F2D, DOUBLES, part);
          int at = f + part * half;
          DoubleVector.fromArray(DOUBLES, db, at).add(d).intoArray(db, at);
        }
      }
    }
  }
}
