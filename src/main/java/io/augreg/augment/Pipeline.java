package io.augreg.augment;

import io.augreg.core.AugregException;
import io.augreg.core.Seeds;
import io.augreg.image.MatImages;
import java.awt.image.BufferedImage;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.RandomAccess;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * An immutable, thread-safe augmentation pipeline: steps in sequence, one-of groups (weighted),
 * groups in random order, each step or group with a probability {@code p}. Sampling is split from
 * applying: for one image the pipeline first draws every decision and parameter record from the
 * generator (in a fixed order), then applies the records. The generator of an image is derived
 * from (seed, epoch, index, copy) with {@link Seeds#generator}, so output bytes do not depend on
 * the thread count or the processing order. Replaying the recorded {@link AppliedStep}s gives the
 * same bytes.
 *
 * <p>Native temporaries are per thread and reused (no native allocation on the hot path); {@link
 * #releaseThreadResources()} frees the calling thread's, and batch worker threads free theirs when
 * done. OpenCV's own threading is set to one thread when this class loads: parallelism is across
 * images.
 */
public final class Pipeline {
  static {
    OpenCvThreads.single();
  }

  /** How a group combines its children. */
  enum Kind {
    SEQ("seq"),
    SHUFFLE("shuffle"),
    ONEOF("oneof");

    final String specName;

    Kind(String specName) {
      this.specName = specName;
    }
  }

  /** A node of the pipeline tree. */
  sealed interface Node permits Leaf, Group {
    /** Probability that the node runs. */
    double p();

    /** Weight among the alternatives of a one-of group. */
    double weight();

    /** Spec text. */
    String toSpec();
  }

  /** One transform with its probability and one-of weight. */
  record Leaf(Transform<?> transform, double p, double weight) implements Node {
    Leaf {
      Objects.requireNonNull(transform, "transform");
      checkStep(transform.name(), p, weight);
    }

    @Override
    public String toSpec() {
      return transform.toSpec() + stepOptions(p, weight);
    }
  }

  /** A group of nodes combined by {@link Kind}. */
  record Group(Kind kind, List<Node> children, double p, double weight) implements Node {
    Group {
      children = List.copyOf(children);
      if (children.isEmpty()) {
        throw new AugregException(kind.specName + "(...) needs at least one step");
      }
      checkStep(kind.specName, p, weight);
    }

    @Override
    public String toSpec() {
      List<String> parts = new ArrayList<>();
      for (Node c : children) {
        parts.add(c.toSpec());
      }
      return kind.specName + "(" + String.join(" | ", parts) + ")" + stepOptions(p, weight);
    }
  }

  /**
   * The sampled steps of one image, the transforms and their records side by side, and while
   * sampling the current width, height and channels. It is also the read-only list that {@link
   * #apply} and {@link #sample} return, so one image costs this object, two arrays and the
   * records: a Java allocation per image is not free (the first write to each new page of the
   * young generation is a page fault, about 12 µs per 4 KB on the benchmark machine).
   */
  private static final class Plan extends AbstractList<AppliedStep> implements RandomAccess {
    private final Transform<?>[] transforms;
    private final AppliedStep[] steps;
    private int size;
    int width;
    int height;
    int channels;

    Plan(int capacity, int width, int height, int channels) {
      transforms = new Transform<?>[capacity];
      steps = new AppliedStep[capacity];
      this.width = width;
      this.height = height;
      this.channels = channels;
    }

    void add(Transform<?> t, AppliedStep step) {
      transforms[size] = t;
      steps[size++] = step;
    }

    Transform<?> transform(int i) {
      return transforms[i];
    }

    @Override
    public AppliedStep get(int i) {
      Objects.checkIndex(i, size);
      return steps[i];
    }

    @Override
    public int size() {
      return size;
    }
  }

  static void checkStep(String name, double p, double weight) {
    if (!(p >= 0 && p <= 1)) {
      throw new AugregException(name + ": p must be in [0, 1], got " + Num.fmt(p));
    }
    if (!(weight > 0 && weight < Double.POSITIVE_INFINITY)) {
      throw new AugregException(name + ": weight must be positive, got " + Num.fmt(weight));
    }
  }

  static String stepOptions(double p, double weight) {
    return (p == 1 ? "" : " p=" + Num.fmt(p)) + (weight == 1 ? "" : " weight=" + Num.fmt(weight));
  }

  private final Group root;

  /** The number of leaves: at most that many steps are sampled for one image. */
  private final int leaves;

  Pipeline(Group root) {
    this.root = root;
    this.leaves = leaves(root);
  }

  private static int leaves(Node node) {
    if (node instanceof Leaf) {
      return 1;
    }
    int n = 0;
    for (Node c : ((Group) node).children()) {
      n += leaves(c);
    }
    return n;
  }

  /**
   * Parses a pipeline spec (grammar in the README, "Pipeline spec"): steps separated by {@code |},
   * each {@code name key=value ...}; ranges {@code lo..hi}; groups {@code seq(...)}, {@code
   * shuffle(...)} (random order) and {@code oneof(...)} (one step, by {@code weight}); every step
   * and group takes {@code p}. A spec starting with {@code @} is read from that file ({@code #}
   * starts a comment).
   *
   * @param spec the spec text or {@code @file}
   * @return the pipeline
   * @throws AugregException naming the bad token and listing the valid names or keys
   */
  public static Pipeline parse(String spec) {
    return new Pipeline(SpecParser.parse(spec));
  }

  /**
   * A builder for pipelines in code.
   *
   * @return an empty builder (a sequence)
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A sequence of transforms, each always applied.
   *
   * @param transforms the steps in order
   * @return the pipeline
   */
  public static Pipeline of(Transform<?>... transforms) {
    Builder b = builder();
    for (Transform<?> t : transforms) {
      b.add(t);
    }
    return b.build();
  }

  /**
   * Draws every decision and parameter record for one image without applying anything (e.g. to
   * label a preview).
   *
   * @param rng the image's generator
   * @param width image width
   * @param height image height
   * @param channels channel count
   * @return the steps in the order they would be applied
   */
  public List<AppliedStep> sample(SplittableRandom rng, int width, int height, int channels) {
    Plan plan = new Plan(leaves, width, height, channels);
    sample(root, rng, plan);
    return plan;
  }

  /**
   * Augments one image with the given generator.
   *
   * @param src the input (8-bit, 1/3/4 channels); never modified
   * @param dst receives the result (reallocated if needed); must not be {@code src}
   * @param rng the image's generator
   * @return what each step did, in order
   */
  public List<AppliedStep> apply(Mat src, Mat dst, SplittableRandom rng) {
    check(src, dst);
    Plan plan = new Plan(leaves, MatHeader.cols(src), MatHeader.rows(src), MatHeader.channels(src));
    sample(root, rng, plan);
    execute(src, dst, plan);
    return plan;
  }

  /**
   * Augments one image with the generator of (seed, epoch, index, copy).
   *
   * @param src the input; never modified
   * @param dst receives the result; must not be {@code src}
   * @param seed run seed
   * @param epoch epoch (0 for offline augmentation)
   * @param index sample index
   * @param copy copy index (0.. copies-1)
   * @return what each step did, in order
   */
  public List<AppliedStep> apply(Mat src, Mat dst, long seed, long epoch, long index, long copy) {
    return apply(src, dst, Seeds.generator(seed, epoch, index, copy));
  }

  /**
   * Re-applies recorded steps: the same input gives the same bytes as the run that recorded them.
   *
   * @param src the input; never modified
   * @param dst receives the result; must not be {@code src}
   * @param steps recorded steps (from {@link #apply} or {@link #replayFromMaps})
   */
  public void replay(Mat src, Mat dst, List<AppliedStep> steps) {
    check(src, dst);
    Plan plan = new Plan(steps.size(), 0, 0, 0);
    for (AppliedStep s : steps) {
      plan.add(s.applied() ? transformFor(s.name()) : null, s);
    }
    execute(src, dst, plan);
  }

  /**
   * Rebuilds applied steps from their {@link AppliedStep#toMap()} form (a manifest line read back
   * from JSON).
   *
   * @param steps maps with {@code name}, {@code applied} and (when applied) {@code params}
   * @return the steps, ready for {@link #replay}
   * @throws AugregException naming a malformed entry
   */
  public List<AppliedStep> replayFromMaps(List<Map<String, Object>> steps) {
    List<AppliedStep> out = new ArrayList<>(steps.size());
    for (Map<String, Object> m : steps) {
      Object name = m.get("name");
      Object applied = m.get("applied");
      if (!(name instanceof String n) || !(applied instanceof Boolean a)) {
        throw new AugregException(
            "applied step " + m + ": expected \"name\" (string) and \"applied\" (boolean)");
      }
      if (!a) {
        out.add(new AppliedStep(n, false, null));
        continue;
      }
      Object params = m.get("params");
      if (!(params instanceof Map<?, ?> pm)) {
        throw new AugregException("applied step " + n + ": missing \"params\" object");
      }
      Map<String, Object> typed = new java.util.LinkedHashMap<>();
      for (Map.Entry<?, ?> e : pm.entrySet()) {
        typed.put(String.valueOf(e.getKey()), e.getValue());
      }
      out.add(new AppliedStep(n, true, transformFor(n).paramsFromMap(typed)));
    }
    return Collections.unmodifiableList(out);
  }

  /**
   * Augments a {@code BufferedImage} with the generator of (seed, epoch 0, index, copy 0).
   *
   * @param src the input; never modified
   * @param seed run seed
   * @param index sample index
   * @return a new image: gray stays gray, images with alpha become {@code TYPE_4BYTE_ABGR}, others
   *     {@code TYPE_3BYTE_BGR}
   */
  public BufferedImage apply(BufferedImage src, long seed, long index) {
    try (Mat in = MatImages.toMat(src);
        Mat out = new Mat()) {
      apply(in, out, seed, 0, index, 0);
      return MatImages.toBufferedImage(out);
    }
  }

  /**
   * Augments a batch in parallel: {@code dst[i]} receives image {@code src[i]} augmented with the
   * generator of (seed, epoch, firstIndex + i, copy 0). The bytes do not depend on {@code threads}.
   *
   * @param src inputs; never modified
   * @param dst outputs, one per input, distinct from the inputs
   * @param seed run seed
   * @param epoch epoch
   * @param firstIndex sample index of {@code src[0]}
   * @param threads worker threads (1 runs in the calling thread)
   */
  public void applyBatch(
      List<Mat> src, List<Mat> dst, long seed, long epoch, long firstIndex, int threads) {
    if (src.size() != dst.size()) {
      throw new IllegalArgumentException(
          "applyBatch: " + src.size() + " inputs but " + dst.size() + " outputs");
    }
    if (threads < 1) {
      throw new AugregException("threads must be >= 1, got " + threads);
    }
    int n = src.size();
    int workers = Math.min(threads, n);
    if (workers <= 1) {
      for (int i = 0; i < n; i++) {
        apply(src.get(i), dst.get(i), seed, epoch, firstIndex + i, 0);
      }
      return;
    }
    AtomicInteger next = new AtomicInteger();
    Workers.run(
        workers,
        "augment",
        id -> {
          for (int i = next.getAndIncrement(); i < n; i = next.getAndIncrement()) {
            apply(src.get(i), dst.get(i), seed, epoch, firstIndex + i, 0);
          }
        },
        id -> next.set(n)); // the others stop taking work
  }

  /**
   * Frees the native temporaries this thread used for augmenting (they are recreated on next use).
   */
  public static void releaseThreadResources() {
    Scratch.release();
  }

  /**
   * The spec text; {@link #parse} of it gives an equal pipeline.
   *
   * @return e.g. {@code "hflip p=0.5 | rotate deg=-30..30 interp=linear border=reflect"}
   */
  public String toSpec() {
    if (root.kind() == Kind.SEQ && root.p() == 1 && root.weight() == 1) {
      List<String> parts = new ArrayList<>();
      for (Node c : root.children()) {
        parts.add(c.toSpec());
      }
      return String.join(" | ", parts);
    }
    return root.toSpec();
  }

  @Override
  public String toString() {
    return toSpec();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Pipeline other && root.equals(other.root);
  }

  @Override
  public int hashCode() {
    return root.hashCode();
  }

  // ---------------------------------------------------------------- internals

  private static void check(Mat src, Mat dst) {
    if (src == dst) {
      throw new IllegalArgumentException("dst must not be the same Mat as src");
    }
    Pixels.check(src);
  }

  /** Draws with probability p: no draw when p is 0 or 1. */
  private static boolean fires(double p, SplittableRandom rng) {
    return p >= 1 || (p > 0 && rng.nextDouble() < p);
  }

  /** Samples a node into {@code out}, whose current width and height it updates. */
  private static void sample(Node node, SplittableRandom rng, Plan out) {
    if (node instanceof Leaf leaf) {
      Transform<?> t = leaf.transform();
      if (!fires(leaf.p(), rng)) {
        out.add(t, new AppliedStep(t.name(), false, null));
        return;
      }
      Params params = t.sample(rng, out.width, out.height, out.channels);
      int w = params.outputWidth(out.width, out.height);
      int h = params.outputHeight(out.width, out.height);
      out.width = w;
      out.height = h;
      out.add(t, new AppliedStep(t.name(), true, params));
      return;
    }
    Group g = (Group) node;
    if (!fires(g.p(), rng)) {
      return;
    }
    List<Node> children = g.children();
    switch (g.kind()) {
      case SEQ -> {
        for (Node c : children) {
          sample(c, rng, out);
        }
      }
      case SHUFFLE -> {
        // Fisher–Yates: for i = n-1..1 swap order[i] with order[U{0..i}]
        int[] order = new int[children.size()];
        for (int i = 0; i < order.length; i++) {
          order[i] = i;
        }
        for (int i = order.length - 1; i > 0; i--) {
          int j = rng.nextInt(i + 1);
          int tmp = order[i];
          order[i] = order[j];
          order[j] = tmp;
        }
        for (int i : order) {
          sample(children.get(i), rng, out);
        }
      }
      case ONEOF -> {
        // pick child k with probability weight_k / Σ weight
        double total = 0;
        for (Node c : children) {
          total += c.weight();
        }
        double u = rng.nextDouble() * total;
        Node chosen = children.get(children.size() - 1);
        double acc = 0;
        for (Node c : children) {
          acc += c.weight();
          if (u < acc) {
            chosen = c;
            break;
          }
        }
        sample(chosen, rng, out);
      }
    }
  }

  /** Applies the planned steps, ping-ponging through per-thread scratch images. */
  private static void execute(Mat src, Mat dst, Plan plan) {
    int last = -1;
    for (int i = 0; i < plan.size(); i++) {
      if (plan.get(i).applied()) {
        last = i;
      }
    }
    if (last < 0) {
      src.copyTo(dst);
      return;
    }
    Scratch s = Scratch.get();
    Mat cur = src;
    int ping = 0;
    for (int i = 0; i <= last; i++) {
      AppliedStep step = plan.get(i);
      if (!step.applied()) {
        continue;
      }
      Mat out = i == last ? dst : s.ping[ping];
      ping ^= 1;
      plan.transform(i).applyParams(cur, out, step.params());
      cur = out;
    }
  }

  /** The transform that applies records named {@code name}: this pipeline's, else the registry's. */
  private Transform<?> transformFor(String name) {
    Transform<?> t = findLeaf(root, name);
    return t != null ? t : Transforms.prototype(name);
  }

  private static Transform<?> findLeaf(Node node, String name) {
    if (node instanceof Leaf leaf) {
      return leaf.transform().name().equals(name) ? leaf.transform() : null;
    }
    for (Node c : ((Group) node).children()) {
      Transform<?> t = findLeaf(c, name);
      if (t != null) {
        return t;
      }
    }
    return null;
  }

  /** Builds a pipeline in code. Not thread-safe; the built pipeline is. */
  public static final class Builder {
    private final List<Node> nodes = new ArrayList<>();
    private boolean randomOrder;

    private Builder() {}

    /**
     * Appends a transform that always runs.
     *
     * @param t the transform
     * @return this builder
     */
    public Builder add(Transform<?> t) {
      return add(t, 1);
    }

    /**
     * Appends a transform that runs with probability {@code p}.
     *
     * @param t the transform
     * @param p probability in [0, 1]
     * @return this builder
     */
    public Builder add(Transform<?> t, double p) {
      nodes.add(new Leaf(t, p, 1));
      return this;
    }

    /**
     * Appends a whole pipeline as one step that runs with probability {@code p}.
     *
     * @param sub the nested pipeline
     * @param p probability in [0, 1]
     * @return this builder
     */
    public Builder add(Pipeline sub, double p) {
      Group g = sub.root;
      nodes.add(new Group(g.kind(), g.children(), g.p() * p, 1));
      return this;
    }

    /**
     * Appends a one-of step: with probability {@code p}, exactly one of {@code choices} runs,
     * choice k with probability {@code weights[k] / Σ weights}.
     *
     * @param p probability that the step runs at all
     * @param choices the alternatives (each a pipeline; use {@link Pipeline#of} for one transform)
     * @param weights one positive weight per choice
     * @return this builder
     */
    public Builder oneOf(double p, List<Pipeline> choices, double... weights) {
      if (choices.size() != weights.length) {
        throw new AugregException(
            "oneof: " + choices.size() + " choices but " + weights.length + " weights");
      }
      List<Node> alternatives = new ArrayList<>();
      for (int k = 0; k < choices.size(); k++) {
        Group g = choices.get(k).root;
        Node alt =
            g.children().size() == 1 && g.kind() != Kind.ONEOF && g.p() == 1
                ? reweight(g.children().get(0), weights[k])
                : new Group(g.kind(), g.children(), g.p(), weights[k]);
        alternatives.add(alt);
      }
      nodes.add(new Group(Kind.ONEOF, alternatives, p, 1));
      return this;
    }

    private static Node reweight(Node n, double weight) {
      if (n instanceof Leaf l) {
        return new Leaf(l.transform(), l.p(), weight);
      }
      Group g = (Group) n;
      return new Group(g.kind(), g.children(), g.p(), weight);
    }

    /**
     * Whether the top-level steps run in a random order (drawn per image).
     *
     * @param on true for random order
     * @return this builder
     */
    public Builder randomOrder(boolean on) {
      this.randomOrder = on;
      return this;
    }

    /**
     * The pipeline.
     *
     * @return an immutable pipeline
     * @throws AugregException if no step was added
     */
    public Pipeline build() {
      return new Pipeline(new Group(randomOrder ? Kind.SHUFFLE : Kind.SEQ, nodes, 1, 1));
    }
  }
}
