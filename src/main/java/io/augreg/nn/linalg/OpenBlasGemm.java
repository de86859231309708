package io.augreg.nn.linalg;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.Map;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.openblas.global.openblas_nolapack;
import org.ejml.data.DMatrixRMaj;

/**
 * {@link Gemm} on OpenBLAS ({@code cblas_dgemm}, or {@code cblas_sgemm} with {@link
 * Precision#FLOAT}) through JavaCPP.
 *
 * <p>Operands live on the Java heap, so each product copies A and B to native memory and C back
 * (and C in too when {@code beta != 0}); the native buffers are reused across calls. For the cat
 * network's first layer the copy of its 12288×209 input (20 MB) costs about as much as the product
 * itself, so a constant operand can be kept resident with {@link #keepResident}: it is copied once
 * and later products that name the same {@link DMatrixRMaj} (by identity) read the native copy. A
 * resident matrix whose storage array or shape has changed since is copied again automatically;
 * values changed in place need {@link ResidentMatrix#refresh()}.
 *
 * <p>Thread count: OpenBLAS has one process-wide setting; each call sets it to this instance's
 * {@code threads} if another value was in force. The default is 1 so the caller controls
 * parallelism. Instances with different thread counts used at the same time disturb each other's
 * speed, never their results.
 *
 * <p>Calls on one instance are serialized (they share the native buffers); give each worker
 * thread its own instance. {@link #close()} releases all native memory, including resident
 * copies.
 */
public final class OpenBlasGemm implements Gemm, NativeGemm, AutoCloseable {
  private final int threads;
  private final Precision precision;
  private final NativeBuffer aBuf;
  private final NativeBuffer bBuf;
  private final NativeBuffer cBuf;
  private final NativeBlock[] blocks = new NativeBlock[BLOCKS];
  private final Map<Object, NativeBlock> owned = new IdentityHashMap<>();
  private final Map<DMatrixRMaj, Resident> residents = new IdentityHashMap<>();
  private boolean closed;

  /** One thread, double precision. */
  public OpenBlasGemm() {
    this(1, Precision.DOUBLE);
  }

  /**
   * @param threads OpenBLAS threads for this instance's products, at least 1
   * @param precision double (the reference) or float
   * @throws IllegalArgumentException if {@code threads < 1}
   * @throws UnsatisfiedLinkError if the OpenBLAS natives do not load on this platform
   */
  public OpenBlasGemm(int threads, Precision precision) {
    if (threads < 1) {
      throw new IllegalArgumentException("OpenBLAS threads must be >= 1, got " + threads);
    }
    if (!OpenBlasRuntime.available()) {
      throw new UnsatisfiedLinkError("OpenBLAS natives are not available on this platform");
    }
    this.threads = threads;
    this.precision = precision;
    this.aBuf = new NativeBuffer(precision);
    this.bBuf = new NativeBuffer(precision);
    this.cBuf = new NativeBuffer(precision);
  }

  /** The OpenBLAS thread count this instance uses. */
  public int threads() {
    return threads;
  }

  /** The precision products are computed in. */
  @Override
  public Precision precision() {
    return precision;
  }

  /** This instance: every product size may take the native path. */
  @Override
  public NativeGemm nativeFor(int m, int n, int k) {
    return this;
  }

  @Override
  public synchronized NativeBlock block(int slot, long elements) {
    ensureOpen();
    if (slot < 0 || slot >= BLOCKS) {
      throw new IllegalArgumentException("block slot must be in [0, " + BLOCKS + "), got " + slot);
    }
    if (blocks[slot] == null) {
      blocks[slot] = new NativeBlock(precision);
    }
    blocks[slot].reserve(Math.max(1, elements));
    return blocks[slot];
  }

  @Override
  public synchronized NativeBlock block(Object owner, long elements) {
    ensureOpen();
    NativeBlock b = owned.computeIfAbsent(owner, o -> new NativeBlock(precision));
    b.reserve(Math.max(1, elements));
    return b;
  }

  @Override
  public synchronized void gemm(boolean transA, boolean transB, int m, int n, int k, double alpha,
      NativeBlock a, long aFrom, NativeBlock b, long bFrom, double beta, NativeBlock c,
      long cFrom) {
    ensureOpen();
    if (m < 0 || n < 0 || k < 0) {
      throw new IllegalArgumentException("gemm: negative size " + m + "×" + n + "×" + k);
    }
    if (c == a || c == b) {
      throw new IllegalArgumentException("gemm: C must not alias A or B");
    }
    if (aFrom < 0 || bFrom < 0 || cFrom < 0 || a.capacity() - aFrom < (long) m * k
        || b.capacity() - bFrom < (long) k * n || c.capacity() - cFrom < (long) m * n) {
      throw new IllegalArgumentException("gemm: blocks too small for " + m + "×" + k + " · " + k
          + "×" + n + " from " + aFrom + ", " + bFrom + " and " + cFrom);
    }
    if (m == 0 || n == 0) {
      return;
    }
    OpenBlasRuntime.useThreads(threads);
    // row-major: A is stored m×k (k×m if transposed), B k×n (n×k), C m×n
    call(precision, transA, transB, m, n, k, alpha, a.buffer().at(aFrom), transA ? m : k,
        b.buffer().at(bFrom), transB ? k : n, beta, c.buffer().at(cFrom), n);
  }

  @Override
  public synchronized void gemm(
      boolean transA,
      boolean transB,
      double alpha,
      DMatrixRMaj a,
      DMatrixRMaj b,
      double beta,
      DMatrixRMaj c) {
    GemmShape shape = GemmShape.of(transA, transB, a, b, c);
    ensureOpen();
    if (residents.containsKey(c)) {
      throw new IllegalArgumentException("gemm: C is registered as a resident (constant) matrix");
    }
    if (shape.finishIfEmpty(beta, c)) {
      return;
    }
    Pointer pa = operand(a, aBuf);
    Pointer pb = operand(b, bBuf);
    Pointer pc = beta == 0 ? cBuf.reserve(c.getNumElements()) : cBuf.load(c);
    OpenBlasRuntime.useThreads(threads);
    // row-major: the leading dimension of each stored matrix is its column count
    call(precision, transA, transB, shape.m(), shape.n(), shape.k(),
        alpha, pa, a.numCols, pb, b.numCols, beta, pc, c.numCols);
    cBuf.store(c);
  }

  /**
   * One row-major {@code cblas_?gemm} on native operands whose leading dimensions are their column
   * counts; the thread count must already be set. Shared with the no-copy rows of {@code
   * GemmBench} ({@code bench/gemm.sh}).
   */
  static void call(
      Precision precision, boolean transA, boolean transB, int m, int n, int k,
      double alpha, Pointer a, int aCols, Pointer b, int bCols, double beta, Pointer c, int cCols) {
    int ta = transA ? openblas_nolapack.CblasTrans : openblas_nolapack.CblasNoTrans;
    int tb = transB ? openblas_nolapack.CblasTrans : openblas_nolapack.CblasNoTrans;
    int lda = Math.max(1, aCols);
    int ldb = Math.max(1, bCols);
    int ldc = Math.max(1, cCols);
    if (precision == Precision.DOUBLE) {
      openblas_nolapack.cblas_dgemm(
          openblas_nolapack.CblasRowMajor, ta, tb, m, n, k,
          alpha, (DoublePointer) a, lda, (DoublePointer) b, ldb, beta, (DoublePointer) c, ldc);
    } else {
      openblas_nolapack.cblas_sgemm(
          openblas_nolapack.CblasRowMajor, ta, tb, m, n, k,
          (float) alpha, (FloatPointer) a, lda, (FloatPointer) b, ldb,
          (float) beta, (FloatPointer) c, ldc);
    }
  }

  /** The native copy of a resident operand, or {@code m} copied into {@code scratch}. */
  private Pointer operand(DMatrixRMaj m, NativeBuffer scratch) {
    Resident r = residents.get(m);
    if (r != null) {
      if (r.isStale()) {
        r.load();
      }
      return r.buffer.reserve(m.getNumElements());
    }
    return scratch.load(m);
  }

  @Override
  public synchronized ResidentMatrix keepResident(DMatrixRMaj constant) {
    ensureOpen();
    Resident old = residents.get(constant);
    if (old != null) {
      old.close();
    }
    Resident r = new Resident(constant);
    residents.put(constant, r);
    return r;
  }

  /** Native bytes currently held by this instance: scratch buffers plus resident copies. */
  public synchronized long nativeBytes() {
    long total = aBuf.bytes() + bBuf.bytes() + cBuf.bytes();
    for (NativeBlock b : blocks) {
      if (b != null) {
        total += b.buffer().bytes();
      }
    }
    for (NativeBlock b : owned.values()) {
      total += b.buffer().bytes();
    }
    for (Resident r : residents.values()) {
      total += r.buffer.bytes();
    }
    return total;
  }

  /** Releases all native memory (scratch and resident copies); later products are refused. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    for (Resident r : new ArrayList<>(residents.values())) {
      r.close();
    }
    aBuf.close();
    bBuf.close();
    cBuf.close();
    for (NativeBlock b : blocks) {
      if (b != null) {
        b.close();
      }
    }
    for (NativeBlock b : owned.values()) {
      b.close();
    }
    owned.clear();
  }

  private void ensureOpen() {
    if (closed) {
      throw new IllegalStateException("OpenBlasGemm is closed");
    }
  }

  @Override
  public String name() {
    return "openblas" + (precision == Precision.FLOAT ? "-f32" : "") + "-" + threads + "t";
  }

  /** A constant operand's native copy, keyed by the matrix's identity. */
  private final class Resident implements ResidentMatrix {
    private final DMatrixRMaj matrix;
    private final NativeBuffer buffer = new NativeBuffer(precision);
    private double[] loadedData;
    private int loadedRows;
    private int loadedCols;

    Resident(DMatrixRMaj matrix) {
      this.matrix = matrix;
      load();
    }

    /** True if the matrix was reshaped or given new storage since it was copied. */
    boolean isStale() {
      return matrix.data != loadedData
          || matrix.numRows != loadedRows
          || matrix.numCols != loadedCols;
    }

    void load() {
      buffer.load(matrix);
      loadedData = matrix.data;
      loadedRows = matrix.numRows;
      loadedCols = matrix.numCols;
    }

    @Override
    public void refresh() {
      synchronized (OpenBlasGemm.this) {
        if (residents.get(matrix) == this) {
          load();
        }
      }
    }

    @Override
    public void close() {
      synchronized (OpenBlasGemm.this) {
        residents.remove(matrix, this);
        buffer.close();
      }
    }
  }
}
