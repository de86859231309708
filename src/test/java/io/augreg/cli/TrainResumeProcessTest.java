package io.augreg.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.augreg.TestData;
import io.augreg.train.TrainingState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code train} as a real child process (java on the built classes): a CNN with augmentation on 2
 * threads killed with SIGKILL at random instants, one of them in the middle of a checkpoint
 * write, and resumed each time, ends with the files of an uninterrupted run; Ctrl-C (SIGINT)
 * stops the MLP ({@code --layers}, no augmentation, 1 thread) with exit 130, a checkpoint and a
 * report saying {@code interrupted}, and the resumed run equals the uninterrupted one; the
 * options of {@code --resume} are checked.
 */
class TrainResumeProcessTest {
  private static final String ARCH = "conv filters=4 | pool | dropout keep=0.8 | dense units=8";

  @TempDir Path tmp;

  /** A CNN with augmentation, or (augment false) the --layers MLP without. */
  private static List<String> args(Path out, boolean augment, int threads, String every) {
    List<String> a = new ArrayList<>(List.of("train", "--train",
        TestData.path("catvnoncat/train").toString(), "--size", "12x12",
        augment ? "--arch" : "--layers", augment ? ARCH : "8,4",
        "--batch", "16", "--epochs", "30", "--threads", String.valueOf(threads),
        "--checkpoint-every", every, "--no-report", "--no-progress", "--out", out.toString()));
    if (augment) {
      a.addAll(List.of("--augment", "hflip p=0.5 | rotate deg=-10..10"));
    }
    return a;
  }

  /** A running child and its console. */
  private record Child(Process process, Path out) {
    String console() throws IOException {
      return Files.exists(out) ? Files.readString(out) : "";
    }

    /** Waits until the network line is printed (training starts right after it). */
    void awaitTraining() throws Exception {
      long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (!console().contains("network:")) {
        assertTrue(process.isAlive() || console().contains("network:"),
            "the child ended before training: " + console());
        assertTrue(System.nanoTime() < end, "no network line in 60 s");
        Thread.sleep(10);
      }
    }

    int waitExit() throws Exception {
      assertTrue(process.waitFor(120, TimeUnit.SECONDS), "the child did not end");
      return process.exitValue();
    }
  }

  private Child start(List<String> command, String... jvm) throws IOException {
    List<String> c = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-XX:+UseSerialGC",
        // C1 only: half the CPU of a short run (the numbers are the same in every tier)
        "-XX:TieredStopAtLevel=1"));
    c.addAll(Arrays.asList(jvm));
    c.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName()));
    c.addAll(command);
    Path log = Files.createTempFile(tmp, "console", ".txt");
    Process p = new ProcessBuilder(c).redirectErrorStream(true).redirectOutput(log.toFile())
        .start();
    return new Child(p, log);
  }

  private static void assertSameRun(Path expected, Path actual) throws IOException {
    assertEquals(Files.readString(expected.resolve("history.csv")),
        Files.readString(actual.resolve("history.csv")));
    byte[] a = Files.readAllBytes(expected.resolve("model.mat"));
    byte[] b = Files.readAllBytes(actual.resolve("model.mat"));
    // the MAT header (128 bytes) holds the creation time
    assertArrayEquals(Arrays.copyOfRange(a, 128, a.length), Arrays.copyOfRange(b, 128, b.length),
        "model.mat after its header");
    assertFalse(Files.exists(actual.resolve("checkpoint.ckpt")), "checkpoint removed at the end");
  }

  @Test
  @Timeout(value = 400, unit = TimeUnit.SECONDS) // seven child JVMs, on a loaded machine
  void killedAtRandomInstantsAndResumedEndsWithTheUninterruptedFiles() throws Exception {
    Path whole = tmp.resolve("whole");
    CliHarness.Result ref = CliHarness.run(args(whole, true, 2, "1").toArray(String[]::new));
    assertEquals(0, ref.exitCode(), ref.err());

    long seed = System.nanoTime();
    SplittableRandom random = new SplittableRandom(seed);
    Path out = tmp.resolve("killed");
    Path ckpt = out.resolve("checkpoint.ckpt");
    List<String> kills = new ArrayList<>();
    for (int k = 0; k < 6; k++) {
      boolean duringWrite = k == 3;
      List<String> cmd = k == 0 ? args(out, true, 2, "1")
          : List.of("train", "--resume", "--out", out.toString());
      // every checkpoint write held 150 ms (3 s for the kill during a write): the 30 epochs (0.2 s
      // on an idle machine) are still running when the kill comes
      Child c = start(cmd, "-Daugreg.checkpoint.stallMs=" + (duringWrite ? 3000 : 150));
      c.awaitTraining();
      if (k == 0) {
        // the first kill after the first checkpoint, so that there is something to resume
        while (!Files.exists(ckpt)) {
          Thread.sleep(5);
        }
      }
      TrainingState before = k == 0 ? null : TrainingState.load(ckpt);
      if (duringWrite) {
        // the write announces its pause half-way through
        while (!c.console().contains("checkpoint write paused")) {
          assertTrue(c.process().isAlive(), c.console());
          Thread.sleep(5);
        }
      } else {
        Thread.sleep(random.nextLong(20, 500));
      }
      assertTrue(c.process().isAlive(), "killed " + kills + ", seed " + seed + ": "
          + c.console());
      c.process().destroyForcibly(); // SIGKILL
      c.waitExit();
      TrainingState now = TrainingState.load(ckpt);
      kills.add(now.epoch() + "." + now.batch());
      if (duringWrite) {
        // the half-written file is left under a temporary name; the last checkpoint stands
        assertEquals(before.epoch(), now.epoch(), "seed " + seed);
        assertEquals(before.step(), now.step(), "seed " + seed);
      }
    }
    Child last = start(List.of("train", "--resume", "--out", out.toString()));
    assertEquals(0, last.waitExit(), last.console());
    assertSameRun(whole, out);
  }

  /** Sends SIGINT to the child. */
  private static void interrupt(Child c) throws Exception {
    Process kill = new ProcessBuilder("kill", "-INT", String.valueOf(c.process().pid())).start();
    assertEquals(0, kill.waitFor());
  }

  @Test
  @Timeout(value = 400, unit = TimeUnit.SECONDS) // a child JVM, on a loaded machine
  void ctrlCBeforeTheFirstRecordedEpochSaysSoAndHowToContinue() throws Exception {
    Path out = tmp.resolve("early");
    // a wide first layer on 64×64 inputs in batches of 4: the first epoch's 53 steps take over
    // a second, so the Ctrl-C sent as training starts comes before epoch 1 is recorded
    Child c = start(List.of("train", "--train", TestData.path("catvnoncat/train").toString(),
        "--size", "64x64", "--layers", "256", "--batch", "4", "--optimizer", "sgd", "--epochs",
        "3", "--threads", "1", "--no-report", "--no-progress", "--out", out.toString()));
    c.awaitTraining();
    interrupt(c);
    assertEquals(130, c.waitExit(), c.console());
    String console = c.console();
    assertTrue(console.contains("wrote " + out.resolve("model.json") + ", model.mat, history.csv,"
        + " report.json (no learning curves: interrupted before the first epoch was recorded;"
        + " continue the run with augreg train --resume --out " + out + ")"), console);
    assertTrue(console.strip().endsWith("; continue with: augreg train --resume --out " + out),
        console);
    TrainingState s = TrainingState.load(out.resolve("checkpoint.ckpt"));
    assertEquals(1, s.epoch(), console);
    assertEquals(0, s.history().epochs().size());
  }

  @Test
  @Timeout(value = 400, unit = TimeUnit.SECONDS) // child JVMs, on a loaded machine
  void aSecondCtrlCQuitsAtOnceAndTheLastCheckpointStands() throws Exception {
    Path out = tmp.resolve("twice");
    Path ckpt = out.resolve("checkpoint.ckpt");
    // every checkpoint write pauses half-way for 2 s: the second Ctrl-C comes during the
    // checkpoint the first one asked for
    Child c = start(args(out, true, 1, "1"), "-Daugreg.checkpoint.stallMs=2000");
    c.awaitTraining();
    while (!Files.exists(ckpt)) {
      assertTrue(c.process().isAlive(), c.console());
      Thread.sleep(5);
    }
    TrainingState first = TrainingState.load(ckpt);
    interrupt(c);
    Thread.sleep(300);
    interrupt(c);
    assertEquals(130, c.waitExit(), c.console());
    assertFalse(Files.exists(out.resolve("report.json")), "no outputs after the second Ctrl-C");
    TrainingState now = TrainingState.load(ckpt);
    assertTrue(now.step() >= first.step() && now.epoch() <= 30, c.console());
  }

  @Test
  @Timeout(value = 400, unit = TimeUnit.SECONDS) // child JVMs, on a loaded machine
  void ctrlCStopsWithACheckpointAndResumeRefusesOtherOptionsThenFinishesTheRun()
      throws Exception {
    Path whole = tmp.resolve("whole");
    CliHarness.Result ref = CliHarness.run(args(whole, false, 1, "1").toArray(String[]::new));
    assertEquals(0, ref.exitCode(), ref.err());

    Path out = tmp.resolve("stopped");
    // a checkpoint every epoch, each write held 500 ms: the 30 epochs (0.2 s on an idle machine)
    // last long enough for the Ctrl-C below to arrive while the run trains
    Child c = start(args(out, false, 1, "1"), "-Daugreg.checkpoint.stallMs=500");
    c.awaitTraining();
    Thread.sleep(300);
    interrupt(c);
    assertEquals(130, c.waitExit(), c.console());
    String console = c.console();
    assertTrue(console.contains("augreg train: Ctrl-C: stopping at the end of this mini-batch"),
        console);
    String lastLine = console.strip().lines().reduce((a, b) -> b).orElse("");
    assertTrue(lastLine.contains("the model so far is in " + out.resolve("model.json")
        + "; continue with: augreg train --resume --out " + out), lastLine);
    assertTrue(Files.readString(out.resolve("report.json"))
        .contains("\"stop_reason\" : \"interrupted\""));
    TrainingState s = TrainingState.load(out.resolve("checkpoint.ckpt"));
    assertTrue(s.epoch() < 30 && s.step() > 0, s.epoch() + "." + s.batch());

    // refusals: another option value, --overwrite with --resume, a new run into the folder
    CliHarness.assertUsageError(CliHarness.run("train", "--resume", "--out", out.toString(),
        "--lr", "0.01"), "--resume: --lr 0.01 differs from the checkpoint's --lr 0.001");
    CliHarness.assertUsageError(CliHarness.run("train", "--resume", "--out", out.toString(),
        "--threads", "2"), "--resume: --threads 2 differs from the checkpoint's --threads 1");
    CliHarness.assertUsageError(CliHarness.run("train", "--resume", "--overwrite", "--out",
        out.toString()), "--resume and --overwrite are alternatives");
    CliHarness.assertUsageError(CliHarness.run(args(out, false, 1, "1").toArray(String[]::new)),
        "holds an earlier run (model.json, model.mat, history.csv, report.json, checkpoint.ckpt);"
            + " pass --overwrite to replace its files, --resume to continue it from its"
            + " checkpoint, or choose another --out");
    CliHarness.assertUsageError(CliHarness.run("train", "--resume", "--out",
        tmp.resolve("nothing").toString()), "holds no checkpoint (checkpoint.ckpt)");

    // the same options given again are fine; the free ones may differ
    CliHarness.Result rest = CliHarness.run("train", "--resume", "--out", out.toString(),
        "--epochs", "30", "--prefetch", "2");
    assertEquals(0, rest.exitCode(), rest.err());
    assertSameRun(whole, out);
    assertTrue(Files.readString(out.resolve("report.json"))
        .contains("\"stop_reason\" : \"max_epochs\""));
  }
}
