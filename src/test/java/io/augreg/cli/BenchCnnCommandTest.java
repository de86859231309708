package io.augreg.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.augreg.TestData;
import io.augreg.augment.AppliedStep;
import io.augreg.augment.Pipeline;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BenchCnnCommandTest {

  @Test
  void printsOneLineInThePeersFormat() {
    Path root = TestData.path("catvnoncat");
    CliHarness.Result r = CliHarness.run("bench", "cnn", "--data", root.toString(), "--epochs", "1",
        "--augment", "1", "--threads", "2", "--seed", "0");
    assertEquals(0, r.exitCode(), r.err());
    assertTrue(r.out().matches("(?s)augreg cnn augment=True epochs=1 samples_per_s=\\d+ train_acc=0\\.\\d{3} test_acc=0\\.\\d{3}\\s*"),
        r.out());
  }

  @Test
  void aWarmUpRunLeavesTheMeasuredRunUnchanged() {
    String root = TestData.path("catvnoncat").toString();
    CliHarness.Result plain = CliHarness.run("bench", "cnn", "--data", root, "--epochs", "1",
        "--augment", "0", "--seed", "3");
    CliHarness.Result warm = CliHarness.run("bench", "cnn", "--data", root, "--epochs", "1",
        "--augment", "0", "--seed", "3", "--warmup-epochs", "1");
    assertEquals(0, warm.exitCode(), warm.err());
    // the same accuracies (the throwaway run shares nothing with the measured one but the JIT)
    assertEquals(plain.out().replaceAll("samples_per_s=\\d+", ""),
        warm.out().replaceAll("samples_per_s=\\d+", ""));
    CliHarness.Result bad = CliHarness.run("bench", "cnn", "--data", root, "--warmup-epochs", "-1");
    assertEquals(2, bad.exitCode(), bad.err());
    assertTrue(bad.err().contains("--warmup-epochs"), bad.err());
  }

  @Test
  void printsTheRecipeForScripts() {
    CliHarness.Result r = CliHarness.run("bench", "cnn", "--print-recipe");
    assertEquals(0, r.exitCode(), r.err());
    assertEquals("arch: conv filters=16 k=3 stride=1 pad=1 act=relu | pool k=2 stride=2 | conv filters=32"
        + " k=3 stride=1 pad=1 act=relu | pool k=2 stride=2 | conv filters=64 k=3 stride=1 pad=1 act=relu"
        + " | pool k=2 stride=2 | dropout keep=0.5 spatial=false | dense units=64 act=relu"
        + " | dropout keep=0.5 spatial=false\naugment: " + BenchCnnCommand.PEER_AUGMENT + "\n",
        r.out().replace(System.lineSeparator(), "\n"));
    assertTrue(BenchCnnCommand.PEER_AUGMENT.contains("contrast factor=0.8..1.2 mean=pil"));
  }

  @Test
  void aBadArchIsAUsageError() {
    Path root = TestData.path("catvnoncat");
    CliHarness.Result r = CliHarness.run("bench", "cnn", "--data", root.toString(), "--epochs", "1",
        "--arch", "conv filters=4 bn=perhaps");
    assertEquals(2, r.exitCode(), r.err());
    assertTrue(r.err().contains("'perhaps'"), r.err());
  }

  /**
   * The peer's transforms (torchvision 0.14 defaults): flip with p 0.5; rotation, crop, contrast and
   * noise on every image, in that order; rotation nearest-neighbour with a black fill, angle in
   * ±15°; crop area 0.7..1 of 64×64 with aspect 3/4..4/3, resized back bilinearly; contrast gain
   * 0.8..1.2; σ = 0.03·255 gray levels.
   */
  @Test
  void peerAugmentationDrawsTorchvisionsTransforms() {
    Pipeline peer = Pipeline.parse(BenchCnnCommand.PEER_AUGMENT);
    SplittableRandom rng = new SplittableRandom(7);
    int flips = 0;
    int n = 2000;
    double minAngle = 0;
    double maxAngle = 0;
    double minArea = 1;
    for (int i = 0; i < n; i++) {
      List<AppliedStep> steps = peer.sample(rng, 64, 64, 3);
      assertEquals(List.of("hflip", "rotate", "crop", "contrast", "noise"),
          steps.stream().map(AppliedStep::name).toList());
      flips += steps.get(0).applied() ? 1 : 0;
      for (int k = 1; k < 5; k++) {
        assertTrue(steps.get(k).applied(), steps.get(k).name() + " must run on every image");
      }
      Map<String, Object> rot = steps.get(1).params().toMap();
      assertEquals("nearest", param(rot, "interp"));
      assertEquals("constant", param(rot, "border"));
      double angle = ((Number) param(rot, "angle")).doubleValue();
      minAngle = Math.min(minAngle, angle);
      maxAngle = Math.max(maxAngle, angle);
      Map<String, Object> crop = steps.get(2).params().toMap();
      double w = ((Number) param(crop, "w")).doubleValue();
      double h = ((Number) param(crop, "h")).doubleValue();
      assertEquals("linear", param(crop, "interp"));
      assertEquals(64, ((Number) param(crop, "out_w")).intValue());
      // rounding w and h moves the area by at most about (w + h)/2 + 1/4 pixels
      assertTrue(w * h >= 0.7 * 4096 - 70 && w * h <= 4096, "crop area " + w * h);
      assertTrue(w / h >= 0.70 && w / h <= 1.43, "crop ratio " + w / h);
      minArea = Math.min(minArea, w * h / 4096);
      double gain = ((Number) param(steps.get(3).params().toMap(), "factor")).doubleValue();
      assertTrue(gain >= 0.8 && gain <= 1.2, "contrast " + gain);
      assertEquals(7.65, ((Number) param(steps.get(4).params().toMap(), "sigma")).doubleValue(), 1e-12);
    }
    // p = 0.5: 1000 ± 4.5 standard deviations of 22
    assertTrue(Math.abs(flips - n / 2) < 100, "flips " + flips);
    assertTrue(minAngle < -14.5 && maxAngle > 14.5 && minAngle >= -15 && maxAngle <= 15,
        minAngle + ".." + maxAngle);
    assertTrue(minArea < 0.72, "smallest crop area " + minArea);
  }

  private static Object param(Map<String, Object> params, String key) {
    assertTrue(params.containsKey(key), key + " in " + params);
    return params.get(key);
  }
}
