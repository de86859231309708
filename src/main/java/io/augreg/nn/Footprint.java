package io.augreg.nn;

import io.augreg.core.AugregException;
import io.augreg.nn.conv.Conv2d;
import io.augreg.nn.conv.MaxPool2d;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The sizes of a convolutional network, computed in {@code long} from the architecture and the
 * input shape before anything is allocated: every parameter array, the parameter count, and the
 * activations of one example. {@link #of} rejects a network with an array or an activation that a
 * Java array cannot hold; {@link #checkModel} and {@link #checkTraining} reject one whose estimated
 * memory exceeds the Java heap, each with an {@link AugregException} naming the largest layer, the
 * parameter count and the heap, worded by the {@link ArchSource}.
 *
 * <p>The estimates count what the code allocates on the heap: building a network holds its values
 * and two gradient-sized arrays ({@link #MODEL_COPIES}); training holds {@code 7 + threads}
 * parameter-sized arrays ({@link #trainingCopies}) and, per example of the largest pass, each
 * layer's input gradient and its output twice (output, and the gradient that comes back to it).
 * The im2col pieces of the native path are small and not counted.
 */
public final class Footprint {
  /** The longest Java array (a few header words below {@code Integer.MAX_VALUE}). */
  public static final long MAX_ARRAY = Integer.MAX_VALUE - 8;
  /** Parameter-sized arrays while building a network: values and two gradient sets. */
  public static final int MODEL_COPIES = 3;
  /** Examples of an evaluation pass ({@link Network}'s and the trainer's dev batches). */
  public static final int EVAL_EXAMPLES = 64;
  /**
   * One layer's sizes.
   *
   * @param label short name, e.g. {@code "dense units=1024"}
   * @param in input shape
   * @param out output shape
   * @param arrays lengths of its parameter arrays (kernel/weights first)
   */
  private record Item(String label, Shape in, Shape out, long[] arrays) {
    long parameters() {
      long n = 0;
      for (long a : arrays) {
        n += a;
      }
      return n;
    }
  }

  private final String spec;
  private final Shape input;
  private final ArchSource source;
  private final List<Item> items;
  private final long parameters;
  private final long activations;

  private Footprint(String spec, Shape input, ArchSource source, List<Item> items) {
    this.spec = spec;
    this.input = input;
    this.source = source;
    this.items = List.copyOf(items);
    long p = 0;
    long a = values(input);
    for (Item i : items) {
      p += i.parameters();
      // the output and the gradient coming back to it, and the gradient of the input
      a += 2 * values(i.out()) + values(i.in());
    }
    this.parameters = p;
    this.activations = a;
  }

  /**
   * The sizes of {@code arch} on {@code input} with {@code outputs} output units, named as the
   * {@code --arch} option's.
   *
   * @param arch the hidden steps
   * @param input one example's shape
   * @param outputs output units
   * @return the footprint
   * @throws AugregException if a layer does not fit its input, or an array or one example's
   *     activation of a layer is longer than a Java array can be
   */
  public static Footprint of(Architecture arch, Shape input, int outputs) {
    return of(arch, input, outputs, ArchSource.OPTION);
  }

  /**
   * The sizes of {@code arch} on {@code input}, errors worded by {@code source}.
   *
   * @param arch the hidden steps
   * @param input one example's shape
   * @param outputs output units
   * @param source where the architecture came from
   * @return the footprint
   * @throws AugregException if a layer does not fit its input, or an array or one example's
   *     activation of a layer is longer than a Java array can be
   */
  public static Footprint of(Architecture arch, Shape input, int outputs, ArchSource source) {
    String spec = arch.toSpec();
    List<Item> items = new ArrayList<>();
    Shape s = input;
    try {
      for (Architecture.Step step : arch.steps()) {
        if (step instanceof Architecture.Conv c) {
          Shape out = Conv2d.outShape(s, c.filters(), c.k(), c.stride(), c.pad());
          String label = "conv filters=" + c.filters() + " k=" + c.k();
          checkValues(spec, source, label, s, out);
          items.add(new Item(label, s, out,
              new long[] {(long) c.k() * c.k() * s.channels() * c.filters(), c.filters()}));
          s = out;
        } else if (step instanceof Architecture.Pool p) {
          Shape out = MaxPool2d.outShape(s, p.k(), p.stride());
          items.add(new Item("pool k=" + p.k(), s, out, new long[0]));
          s = out;
        } else if (step instanceof Architecture.DropoutStep) {
          items.add(new Item("dropout", s, s, new long[0]));
        } else if (step instanceof Architecture.BatchNormStep) {
          long c = s.channels();
          items.add(new Item("bn", s, s, new long[] {c, c, c, c}));
        } else if (step instanceof Architecture.DenseStep d) {
          s = dense(spec, source, items, "dense units=" + d.units(), s, d.units());
        } else {
          s = Shape.flat(s.size());
        }
      }
      dense(spec, source, items, "the output layer (" + outputs + (outputs == 1 ? " unit)" : " units)"),
          s, outputs);
    } catch (IllegalArgumentException e) {
      throw new AugregException(source.misfit(spec, input, e.getMessage()), e);
    }
    return new Footprint(spec, input, source, items);
  }

  /** Adds a dense layer of {@code units} on {@code s} (flattened) and returns its output shape. */
  private static Shape dense(String spec, ArchSource source, List<Item> items, String label,
      Shape s, int units) {
    long weights = values(s) * units;
    if (weights > MAX_ARRAY) {
      throw new AugregException(source.invalid(spec, String.format(Locale.ROOT,
          "%s after a %s input needs %,d weights, more than a Java array holds (%,d): %s", label, s,
          weights, MAX_ARRAY, source.advice())));
    }
    Shape out = Shape.flat(units);
    items.add(new Item(label, s, out, new long[] {weights, units}));
    return out;
  }

  /** Rejects an output shape whose values per example exceed a Java array. */
  private static void checkValues(String spec, ArchSource source, String label, Shape in, Shape out) {
    long v = values(out);
    if (v > MAX_ARRAY) {
      throw new AugregException(source.invalid(spec, String.format(Locale.ROOT,
          "%s on a %s input outputs %s = %,d values per image, more than a Java array holds (%,d):"
              + " %s", label, in, out, v, MAX_ARRAY, source.advice())));
    }
  }

  /** Values of one example of shape s, without int overflow. */
  private static long values(Shape s) {
    return (long) s.height() * s.width() * s.channels();
  }

  /**
   * The number of parameter values.
   *
   * @return the total length of all parameter arrays (batch-normalization statistics included)
   */
  public long parameters() {
    return parameters;
  }

  /**
   * The number of parameter arrays.
   *
   * @return as {@link Network#parameters()} holds
   */
  public int arrays() {
    int n = 0;
    for (Item i : items) {
      n += i.arrays().length;
    }
    return n;
  }

  /**
   * The activation values the layers keep per example.
   *
   * @return the input plus, per layer, its input gradient, its output and the gradient of it
   */
  public long activationsPerExample() {
    return activations;
  }

  /**
   * Parameter-sized arrays a training run holds.
   *
   * @param threads compute threads
   * @return {@code 7 + threads}: the initial and the live values, a gradient set per thread,
   *     Adam's two moments, the best epoch's copy, the trained model and a transient gradient set
   */
  public static int trainingCopies(int threads) {
    return 7 + threads;
  }

  /**
   * Estimated heap bytes to build the network.
   *
   * @return {@link #MODEL_COPIES} · parameters · 8
   */
  public long modelBytes() {
    return MODEL_COPIES * parameters * Double.BYTES;
  }

  /**
   * Estimated heap bytes to train the network.
   *
   * @param batch examples per mini-batch
   * @param threads compute threads
   * @return parameter-sized arrays plus the activations of the largest pass (a batch, or an
   *     evaluation pass of {@value #EVAL_EXAMPLES}), 8 bytes per value
   */
  public long trainingBytes(int batch, int threads) {
    long examples = Math.max(batch, EVAL_EXAMPLES);
    return (trainingCopies(threads) * parameters + examples * activations) * Double.BYTES;
  }

  /**
   * Rejects a network that cannot be built in {@code heap} bytes.
   *
   * @param heap the heap's limit, e.g. {@code Runtime.getRuntime().maxMemory()}
   * @throws AugregException naming the largest layer, the parameter count and the heap
   */
  public void checkModel(long heap) {
    long need = modelBytes();
    if (need > heap) {
      throw tooLarge(need, heap, "to build (the weights and two gradient-sized arrays)", false);
    }
  }

  /**
   * Rejects a training run that cannot fit in {@code heap} bytes, or whose per-thread batch
   * buffers are longer than a Java array can be.
   *
   * @param batch examples per mini-batch
   * @param threads compute threads
   * @param heap the heap's limit, e.g. {@code Runtime.getRuntime().maxMemory()}
   * @throws AugregException naming the largest layer, the parameter count and the heap
   */
  public void checkTraining(int batch, int threads, long heap) {
    long examples = Math.max(batch, EVAL_EXAMPLES);
    long perThread = (examples + threads - 1) / threads;
    Item widest = widest();
    if (widest != null && perThread * values(widest.out()) > MAX_ARRAY) {
      throw new AugregException(source.invalid(spec, String.format(Locale.ROOT,
          "%s outputs %,d values per image, %,d for the %d images of a thread's batch: more than a"
              + " Java array holds (%,d): %s, or use a smaller --batch", widest.label(),
          values(widest.out()), perThread * values(widest.out()), perThread, MAX_ARRAY, source.advice())));
    }
    long need = trainingBytes(batch, threads);
    if (need > heap) {
      int copies = trainingCopies(threads);
      throw tooLarge(need, heap, String.format(Locale.ROOT, "to train with %d thread%s (the"
          + " parameters %d times over: weights, a gradient set per thread, Adam's two moments,"
          + " best and final copies; plus %s of activations for %d images)", threads,
          threads == 1 ? "" : "s", copies, gb(examples * activations * Double.BYTES), examples),
          examples * activations > copies * parameters);
    }
  }

  /** The layer with the most output values per example, or null. */
  private Item widest() {
    Item best = null;
    for (Item i : items) {
      if (best == null || values(i.out()) > values(best.out())) {
        best = i;
      }
    }
    return best;
  }

  /** The layer with the longest parameter array. */
  private Item largest() {
    Item best = items.get(items.size() - 1);
    for (Item i : items) {
      if (i.arrays().length > 0 && i.arrays()[0] > best.arrays()[0]) {
        best = i;
      }
    }
    return best;
  }

  private AugregException tooLarge(long need, long heap, String what, boolean activationsRule) {
    String layer;
    String advice = source.advice();
    if (activationsRule) {
      Item w = widest();
      layer = String.format(Locale.ROOT, "%s on a %s input outputs %,d values per image",
          w.label(), w.in(), values(w.out()));
      advice += ", or a smaller --batch";
    } else {
      Item l = largest();
      layer = String.format(Locale.ROOT, "%s after a %s input needs %,d %s", l.label(), l.in(),
          l.arrays()[0], l.label().startsWith("conv") ? "kernel values" : "weights");
    }
    String message = String.format(Locale.ROOT,
        "%s; that network (%.1f M parameters, %s in doubles) needs about %s %s, more than the %s"
            + " Java heap: %s", layer, parameters / 1e6, gb(parameters * Double.BYTES), gb(need),
        what, gb(heap), advice);
    // a larger heap helps only if the machine has the memory
    long suggested = (long) Math.ceil(need * 1.2 / 1e9);
    if (suggested * 1_000_000_000L < physicalMemory()) {
      message += String.format(Locale.ROOT, " (or give Java a larger heap, e.g."
          + " AUGREG_JAVA_OPTS=-Xmx%dg)", suggested);
    }
    return new AugregException(source.invalid(spec, message));
  }

  /** The machine's physical memory in bytes, or 0 when the JVM does not say. */
  private static long physicalMemory() {
    return ManagementFactory.getOperatingSystemMXBean()
        instanceof com.sun.management.OperatingSystemMXBean os ? os.getTotalMemorySize() : 0;
  }

  /** Bytes in decimal gigabytes, e.g. {@code "2.1 GB"} (megabytes below 0.1 GB). */
  static String gb(long bytes) {
    return bytes < 100_000_000L ? String.format(Locale.ROOT, "%.0f MB", bytes / 1e6)
        : String.format(Locale.ROOT, "%.1f GB", bytes / 1e9);
  }
}
