package io.augreg.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.augreg.image.ImageWriter;
import io.augreg.image.TestImages;
import io.augreg.offline.AugmentConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AugmentCommandTest {
  @TempDir Path dir;
  Path in;

  @BeforeEach
  void makeInput() {
    in = dir.resolve("in");
    TestImages.write(in.resolve("circles/a.png"), 40, 30, 3, 1);
    TestImages.write(in.resolve("circles/b.png"), 32, 32, 1, 2);
    TestImages.write(in.resolve("squares/c.jpg"), 48, 36, 3, 3);
    TestImages.write(in.resolve("squares/deep/d.png"), 24, 20, 4, 4);
  }

  private static CliHarness.Result augment(Object... args) {
    return CliHarness.run(
        Stream.concat(Stream.of("augment"), Arrays.stream(args).map(String::valueOf))
            .toArray(String[]::new));
  }

  /** Relative path → SHA-256 of every file under {@code root} (hidden files included). */
  static Map<String, String> hashes(Path root) throws IOException {
    Map<String, String> h = new TreeMap<>();
    try (Stream<Path> s = Files.walk(root)) {
      // report.html describes the run (its time, its --threads), it is not an output to compare
      for (Path p : s.filter(Files::isRegularFile)
          .filter(p -> !p.equals(root.resolve(io.augreg.offline.AugmentJob.REPORT))).toList()) {
        h.put(root.relativize(p).toString().replace('\\', '/'), sha(Files.readAllBytes(p)));
      }
    }
    return h;
  }

  static String sha(byte[] b) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void outputsAreByteIdenticalWithOneAndTwoThreadsAndInputsUnchanged() throws Exception {
    Map<String, String> before = hashes(in);
    CliHarness.Result one =
        augment(
            in,
            dir.resolve("t1"),
            "--copies",
            3,
            "--keep-original",
            "--threads",
            1,
            "--seed",
            7,
            "--pipeline",
            AugmentConfig.DEFAULT_PIPELINE);
    CliHarness.Result two =
        augment(
            in,
            dir.resolve("t2"),
            "--copies",
            3,
            "--keep-original",
            "--threads",
            2,
            "--seed",
            7,
            "--pipeline",
            AugmentConfig.DEFAULT_PIPELINE);
    assertEquals(0, one.exitCode(), one.err());
    assertEquals(0, two.exitCode(), two.err());
    Map<String, String> h1 = hashes(dir.resolve("t1"));
    assertEquals(h1, hashes(dir.resolve("t2")));
    assertEquals(4 * 4 + 1, h1.size(), h1.keySet().toString());
    assertTrue(h1.containsKey("squares/deep/d_aug2.png"));
    assertTrue(h1.containsKey("squares/c.jpg"));
    assertTrue(h1.containsKey("manifest.jsonl"));
    List<String> lines = Files.readAllLines(dir.resolve("t1/manifest.jsonl"));
    assertEquals(16, lines.size());
    assertTrue(
        lines.get(0).startsWith("{\"source\":\"circles/a.png\",\"output\":\"circles/a.png\""),
        lines.get(0));
    assertTrue(
        lines.get(1).startsWith("{\"source\":\"circles/a.png\",\"output\":\"circles/a_aug0.png\""));
    // the kept original with the same format is a byte copy
    assertArrayEquals(
        Files.readAllBytes(in.resolve("squares/c.jpg")),
        Files.readAllBytes(dir.resolve("t1/squares/c.jpg")));
    assertEquals(before, hashes(in), "inputs unchanged");
    assertTrue(one.out().contains("16 written, 0 skipped, 0 failed (4 input files)"), one.out());
  }

  @Test
  void differentSeedsGiveDifferentOutputs() throws Exception {
    assertEquals(
        0, augment(in, dir.resolve("s1"), "--copies", 2, "--seed", 1, "--threads", 1).exitCode());
    assertEquals(
        0, augment(in, dir.resolve("s2"), "--copies", 2, "--seed", 2, "--threads", 1).exitCode());
    Map<String, String> a = hashes(dir.resolve("s1"));
    Map<String, String> b = hashes(dir.resolve("s2"));
    assertEquals(a.keySet(), b.keySet());
    assertFalse(a.equals(b));
  }

  @Test
  void resumeSkipsCompletedOutputsAndRedoesMissingOnes() throws Exception {
    Path out = dir.resolve("out");
    assertEquals(0, augment(in, out, "--copies", 2, "--threads", 2).exitCode());
    Map<String, String> full = hashes(out);
    // an interrupted run: one output missing, a half-written temporary left, manifest only partial
    Files.delete(out.resolve("circles/b_aug1.png"));
    Files.writeString(out.resolve("circles/.b_aug1.png.part"), "half");
    List<String> lines = Files.readAllLines(out.resolve("manifest.jsonl"));
    Files.write(out.resolve(".manifest.jsonl.part"), lines.subList(0, 6));
    Files.delete(out.resolve("manifest.jsonl"));
    CliHarness.Result r = augment(in, out, "--copies", 2, "--threads", 2, "--resume");
    assertEquals(0, r.exitCode(), r.err());
    // 6 recorded outputs kept, except the deleted one; 2 unrecorded ones redone
    assertTrue(r.out().contains("3 written, 5 skipped"), r.out());
    assertEquals(full, hashes(out));

    CliHarness.Result again = augment(in, out, "--copies", 2, "--resume");
    assertTrue(again.out().contains("0 written, 8 skipped"), again.out());
    CliHarness.Result otherSeed = augment(in, out, "--copies", 2, "--resume", "--seed", 9);
    assertEquals(2, otherSeed.exitCode());
    assertTrue(otherSeed.err().contains("--seed differs"), otherSeed.err());
    assertEquals(full, hashes(out));
  }

  @Test
  void aResumeWithOtherOptionsIsRefusedNamingTheOption() throws Exception {
    Path out = dir.resolve("out");
    assertEquals(0, augment(in, out, "--copies", 4, "--threads", 1).exitCode());
    // interrupted part-way: the manifest holds the first three sources only (c.jpg among them)
    List<String> lines = Files.readAllLines(out.resolve("manifest.jsonl"));
    Files.write(out.resolve(".manifest.jsonl.part"), lines.subList(0, 12));
    Files.delete(out.resolve("manifest.jsonl"));
    Map<String, String> before = hashes(out);
    Object[][] changes = {
      {"--copies", 3},
      {"--copies", 5},
      {"--seed", 7},
      {"--pipeline", "vflip"},
      {"--format", "png"},
      {"--size", "16x16"},
      {"--quality", 80},
      {"--keep-original", null},
    };
    for (Object[] change : changes) {
      List<Object> args = new java.util.ArrayList<>(List.of(in, out, "--resume"));
      if (!change[0].equals("--copies")) {
        args.addAll(List.of("--copies", 4));
      }
      args.add(change[0]);
      if (change[1] != null) {
        args.add(change[1]);
      }
      CliHarness.Result r = augment(args.toArray());
      assertEquals(2, r.exitCode(), change[0] + ": " + r.out() + r.err());
      assertTrue(r.err().contains(change[0] + " differs"), r.err());
      assertTrue(r.err().contains("--overwrite"), r.err());
      assertEquals(before, hashes(out), change[0] + " changed OUTPUT");
    }
    CliHarness.Result same = augment(in, out, "--copies", 4, "--resume");
    assertEquals(0, same.exitCode(), same.err());
    assertTrue(same.out().contains("4 written, 12 skipped"), same.out());
  }

  @Test
  void nonEmptyOutputNeedsResumeOrOverwrite() throws Exception {
    Path out = Files.createDirectories(dir.resolve("busy"));
    Files.writeString(out.resolve("keep.txt"), "mine");
    CliHarness.Result r = augment(in, out);
    assertEquals(2, r.exitCode());
    assertTrue(r.err().contains("is not empty"), r.err());
    assertEquals(0, augment(in, out, "--overwrite", "--copies", 1).exitCode());
    assertEquals("mine", Files.readString(out.resolve("keep.txt")));
  }

  @Test
  void outputInsideInputIsRefusedAndNothingWritten() throws Exception {
    Map<String, String> before = hashes(in);
    CliHarness.Result r = augment(in, in.resolve("circles/out"));
    assertEquals(2, r.exitCode());
    assertTrue(r.err().contains("is inside INPUT"), r.err());
    assertFalse(Files.exists(in.resolve("circles/out")));
    CliHarness.Result same = augment(in, in);
    assertEquals(2, same.exitCode());
    CliHarness.Result around = augment(in.resolve("circles"), in);
    assertEquals(2, around.exitCode());
    assertTrue(
        around.err().contains("INPUT " + in.resolve("circles") + " is inside OUTPUT"),
        around.err());
    assertEquals(before, hashes(in));
  }

  @Test
  void badFilesAreReportedWhileGoodFilesAreProcessed() throws Exception {
    Path bad = in.resolve("bad");
    Files.createDirectories(bad);
    Files.write(bad.resolve("garbage.png"), new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12});
    byte[] png = Files.readAllBytes(in.resolve("circles/a.png"));
    Files.write(bad.resolve("truncated.png"), Arrays.copyOf(png, png.length / 2));
    Files.createFile(bad.resolve("empty.png"));
    Files.writeString(bad.resolve("notes.txt"), "a note");
    TestImages.write(bad.resolve("huge.png"), 60, 50, 3, 9); // 3000 pixels > --max-pixels 2000
    try (org.bytedeco.opencv.opencv_core.Mat deep =
        new org.bytedeco.opencv.opencv_core.Mat(
            8, 8, org.bytedeco.opencv.global.opencv_core.CV_16UC3)) {
      org.bytedeco.opencv.global.opencv_imgcodecs.imwrite(bad.resolve("deep.png").toString(), deep);
    }
    Map<String, String> before = hashes(in);
    Path out = dir.resolve("out");
    CliHarness.Result r = augment(in, out, "--copies", 2, "--max-pixels", 2000);
    assertEquals(1, r.exitCode(), r.err());
    assertTrue(r.out().contains("8 written, 0 skipped, 6 failed (10 input files)"), r.out());
    assertTrue(r.err().contains(bad.resolve("garbage.png") + ": not an image"), r.err());
    assertTrue(r.err().contains(bad.resolve("truncated.png") + ": truncated PNG"), r.err());
    assertTrue(r.err().contains(bad.resolve("empty.png") + ": empty file"), r.err());
    assertTrue(r.err().contains(bad.resolve("notes.txt") + ": not an image"), r.err());
    assertTrue(r.err().contains(bad.resolve("huge.png") + ": too many pixels: 60x50"), r.err());
    assertTrue(r.err().contains(bad.resolve("deep.png") + ": unsupported depth 16-bit"), r.err());
    assertTrue(Files.exists(out.resolve("squares/deep/d_aug1.png")));
    assertFalse(Files.exists(out.resolve("bad")), "nothing written for bad files");
    assertEquals(8, Files.readAllLines(out.resolve("manifest.jsonl")).size());
    assertEquals(before, hashes(in));
  }

  @Test
  void formatSizeAndNaming() throws Exception {
    Path out = dir.resolve("out");
    TestImages.write(in.resolve("circles/a.jpg"), 40, 30, 3, 5); // a.png and a.jpg → both PNG
    CliHarness.Result r =
        augment(
            in,
            out,
            "--copies",
            1,
            "--keep-original",
            "--format",
            "png",
            "--size",
            "16x12",
            "--threads",
            1);
    assertEquals(0, r.exitCode(), r.err());
    Map<String, String> h = hashes(out);
    assertTrue(
        h.containsKey("circles/a.png") && h.containsKey("circles/a_2.png"), h.keySet().toString());
    assertTrue(h.containsKey("circles/a_aug0.png") && h.containsKey("circles/a_aug0_2.png"));
    assertTrue(h.containsKey("squares/c_aug0.png"));
    try (var m = new io.augreg.image.ImageReader().read(out.resolve("squares/c_aug0.png"))) {
      assertEquals(16, m.cols());
      assertEquals(12, m.rows());
    }
  }

  @Test
  void badOptionsExitTwo() {
    assertEquals(2, augment(in, dir.resolve("o"), "--copies", -1).exitCode());
    assertEquals(2, augment(in, dir.resolve("o"), "--quality", 0).exitCode());
    assertEquals(2, augment(in, dir.resolve("o"), "--size", "12").exitCode());
    assertEquals(2, augment(in, dir.resolve("o"), "--format", "gif").exitCode());
    assertEquals(2, augment(in, dir.resolve("o"), "--pipeline", "wobble amount=3").exitCode());
    assertEquals(
        2,
        augment(in, dir.resolve("o"), "--pipeline", "@" + dir.resolve("missing.txt")).exitCode());
    assertEquals(2, augment(dir.resolve("nothing"), dir.resolve("o")).exitCode());
    assertFalse(Files.exists(dir.resolve("o")));
    assertTrue(augment("--help").out().contains("--max-pixels"));
    assertTrue(ImageWriter.EXTENSIONS.contains("png"));
  }

  @Test
  void theShippedSamplesWorkOutOfTheBox() throws Exception {
    Path out = dir.resolve("samples-out");
    CliHarness.Result r = augment(Path.of("samples/shapes"), out, "--copies", 1);
    assertEquals(0, r.exitCode(), r.err());
    Map<String, String> h = hashes(out);
    assertEquals(9, h.size(), h.keySet().toString());
    assertTrue(
        h.containsKey("circles/circle0_aug0.png") && h.containsKey("squares/square3_aug0.png"));
  }
}
