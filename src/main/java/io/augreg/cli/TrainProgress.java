package io.augreg.cli;

import io.augreg.train.EpochRecord;
import io.augreg.train.TrainingListener;
import java.time.Duration;
import java.util.Locale;
import java.util.function.Supplier;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarConsumer;

/**
 * The progress bar of {@code augreg train}, one line such as
 * {@code train 33/100 [=====>           ] 0:12<0:24 loss 0.656 acc 0.66 dev 0.715/0.70}: recorded
 * epochs against the maximum, the bar, elapsed time and time left (as tqdm), and the latest
 * metrics in a compact message (train loss and accuracy, dev loss/accuracy). The layout is this
 * class's own (not the library's default, whose percentage and "(elapsed / ETA)" left a 1-character
 * bar in 80 columns): in 80 columns (79 usable, the library keeps a margin) the bar keeps at least 15 characters up to 4-digit epoch
 * counts; in narrower terminals the bar shrinks first, then the message is cut. The bar appears at
 * {@link #start()} (after the opening lines) and is closed by {@link #end()}, before the final
 * lines are printed; without a terminal nothing is drawn.
 */
final class TrainProgress implements TrainingListener, AutoCloseable {
  private final int epochs;
  private final Supplier<ProgressBarConsumer> consumer;
  private volatile ProgressBar bar;

  /**
   * A progress display.
   *
   * @param epochs the maximum number of epochs (the bar's length)
   * @param consumer where the bar is drawn, or null for no bar
   */
  TrainProgress(int epochs, Supplier<ProgressBarConsumer> consumer) {
    this.epochs = epochs;
    this.consumer = consumer;
  }

  /** A bar on stderr when attached to a terminal ({@code System.console() != null}), else none. */
  static TrainProgress onTerminal(int epochs) {
    return new TrainProgress(epochs,
        System.console() == null ? null : () -> new ConsoleProgressBarConsumer(System.err));
  }

  /** Starts drawing (once; nothing without a consumer). */
  void start() {
    if (consumer != null && bar == null) {
      bar = new ProgressBarBuilder().setTaskName("train").setInitialMax(epochs)
          .setRenderer((state, width) -> render(state.getCurrent(), state.getMax(),
              state.getTotalElapsed(), state.getExtraMessage(), width))
          .setConsumer(new ClosingOnce(consumer.get()))
          .setUpdateIntervalMillis(200).build();
    }
  }

  @Override
  public void onEpoch(EpochRecord r) {
    ProgressBar b = bar;
    if (b != null) {
      b.stepTo(r.epoch());
      b.setExtraMessage(message(r));
    }
  }

  /** Ends the bar (as {@link #end()}), when training ended early by an exception too. */
  @Override
  public void close() {
    end();
  }

  /**
   * Draws the last state and ends the bar's line, so that later output starts on a new line;
   * later epochs and calls are ignored.
   */
  void end() {
    ProgressBar b = bar;
    bar = null;
    if (b != null) {
      b.close();
    }
  }

  /**
   * The bar's message for one epoch: {@code "loss L acc A"}, with a dev set {@code " dev L/A"}
   * appended; losses with 3 decimals, accuracies with 2.
   */
  static String message(EpochRecord r) {
    String train = String.format(Locale.ROOT, "loss %.3f acc %.2f", r.trainCost(), r.trainAccuracy());
    return Double.isFinite(r.devCost()) || Double.isFinite(r.devAccuracy())
        ? train + String.format(Locale.ROOT, " dev %.3f/%.2f", r.devCost(), r.devAccuracy())
        : train;
  }

  /**
   * One line of the bar: {@code "train CUR/MAX [bar] ELAPSED<LEFT MESSAGE"}, at most {@code width}
   * characters; the bar takes what the rest leaves (at most 40, at least 0), then the message is
   * cut if it still does not fit.
   *
   * @param current epochs done
   * @param max maximum epochs
   * @param elapsed time since the start
   * @param message the metrics, may be empty
   * @param width the terminal's width
   * @return the line
   */
  static String render(long current, long max, Duration elapsed, String message, int width) {
    String left = "?";
    if (current > 0 && current <= max) {
      // time left = elapsed · (max − current) / current
      left = clock(elapsed.toMillis() * (max - current) / current);
    }
    String head = "train " + current + "/" + max + " [";
    String tail = "] " + clock(elapsed.toMillis()) + "<" + left
        + (message == null || message.isEmpty() ? "" : " " + message);
    int bar = Math.max(0, Math.min(40, width - head.length() - tail.length()));
    // filled = ⌊bar · current / max⌋, then a '>' head while unfinished
    int filled = max <= 0 ? 0 : (int) Math.min(bar, bar * Math.max(0, current) / max);
    StringBuilder line = new StringBuilder(head);
    for (int i = 0; i < bar; i++) {
      line.append(i < filled ? '=' : i == filled ? '>' : ' ');
    }
    line.append(tail);
    return line.length() <= width ? line.toString() : line.substring(0, Math.max(0, width));
  }

  /**
   * Passes lines on until the first {@code close()} and nothing after it. The library's periodic
   * refresh can race with {@code ProgressBar.close()}: both then draw the final state and end the
   * line, which showed the last bar twice; with this wrapper the bar's line ends exactly once.
   */
  static final class ClosingOnce implements ProgressBarConsumer {
    private final ProgressBarConsumer inner;
    private boolean closed;

    ClosingOnce(ProgressBarConsumer inner) {
      this.inner = inner;
    }

    @Override
    public synchronized int getMaxRenderedLength() {
      return inner.getMaxRenderedLength();
    }

    @Override
    public synchronized void accept(String line) {
      if (!closed) {
        inner.accept(line);
      }
    }

    @Override
    public synchronized void clear() {
      if (!closed) {
        inner.clear();
      }
    }

    @Override
    public synchronized void close() {
      if (!closed) {
        closed = true;
        inner.close();
      }
    }
  }

  /** {@code m:ss}, or {@code h:mm:ss} from one hour on. */
  static String clock(long millis) {
    long s = Math.max(0, millis) / 1000;
    return s >= 3600
        ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
        : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
  }
}
