package io.augreg.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.augreg.train.EpochRecord;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBarConsumer;
import org.junit.jupiter.api.Test;

class TrainProgressTest {
  private static final Pattern BAR = Pattern.compile("\\[([^\\]]*)\\]");
  private static final String MESSAGE = "loss 0.656 acc 0.66 dev 0.715/0.70";

  @Test
  void messageIsCompactWithAndWithoutADevSet() {
    assertEquals(MESSAGE, TrainProgress.message(new EpochRecord(1, 0.65558, 0.71499, 0.6555, 0.6991)));
    assertEquals("loss 0.656 acc 0.66",
        TrainProgress.message(new EpochRecord(1, 0.65558, Double.NaN, 0.6555, Double.NaN)));
  }

  @Test
  void rendersCountBarTimesAndMessage() {
    // 33 of 100 epochs in 12 s: 24.4 s left; a 20-character bar is 6 '=' then the '>' head
    assertEquals("train 33/100 [======>             ] 0:12<0:24 " + MESSAGE,
        TrainProgress.render(33, 100, Duration.ofMillis(12_000), MESSAGE, 14 + 20 + 12 + MESSAGE.length()));
    assertEquals("train 0/40 [>         ] 0:00<? loss", TrainProgress.render(0, 40, Duration.ZERO, "loss", 35));
    assertEquals("train 40/40 [==========] 1:01:05<0:00",
        TrainProgress.render(40, 40, Duration.ofSeconds(3665), "", 37));
    // too narrow: no bar, then the message is cut
    assertEquals("train 1/2 [] 0:01<0:01 loss 0.6", TrainProgress.render(1, 2, Duration.ofSeconds(1),
        "loss 0.656", 31));
    assertEquals("9:59", TrainProgress.clock(599_999));
  }

  /**
   * In an 80-column terminal (79 usable: the library keeps one column free), with 4-digit epoch
   * counts and a dev set, the line keeps the whole message and a bar of at least 15 characters;
   * nothing is drawn before start() nor after close().
   */
  @Test
  void fitsEightyColumnsWithAUsableBar() {
    List<String> lines = new CopyOnWriteArrayList<>();
    TrainProgress p = new TrainProgress(2500, () -> new DelegatingProgressBarConsumer(lines::add, 79));
    p.onEpoch(new EpochRecord(1, 1, 1, 1, 1));
    assertTrue(lines.isEmpty(), lines.toString());
    p.start();
    p.onEpoch(new EpochRecord(1234, 0.65558, 0.71499, 0.6555, 0.6991));
    p.close();
    int drawn = lines.size();
    assertTrue(drawn > 0);
    p.onEpoch(new EpochRecord(1235, 0.6, 0.7, 0.6, 0.7));
    p.close();
    assertEquals(drawn, lines.size());
    String last = lines.get(lines.size() - 1).replace("\r", "").stripTrailing();
    assertTrue(last.length() <= 79, last.length() + ": " + last);
    assertTrue(last.startsWith("train 1234/2500 [") && last.endsWith(MESSAGE), last);
    Matcher m = BAR.matcher(last);
    assertTrue(m.find(), last);
    assertTrue(m.group(1).length() >= 15, "bar width " + m.group(1).length() + ": " + last);
    for (String l : lines) {
      assertTrue(l.replace("\r", "").stripTrailing().length() <= 79, l);
    }
  }

  /** The bar's line ends once: lines after the first close() and further closes are dropped. */
  @Test
  void closingOnceDropsEverythingAfterTheFirstClose() {
    List<String> events = new ArrayList<>();
    ProgressBarConsumer inner = new ProgressBarConsumer() {
      @Override
      public int getMaxRenderedLength() {
        return 79;
      }

      @Override
      public void accept(String line) {
        events.add(line);
      }

      @Override
      public void close() {
        events.add("CLOSE");
      }
    };
    TrainProgress.ClosingOnce once = new TrainProgress.ClosingOnce(inner);
    assertEquals(79, once.getMaxRenderedLength());
    once.accept("a");
    once.close();
    once.accept("b");
    once.close();
    assertEquals(List.of("a", "CLOSE"), events);
  }
}
