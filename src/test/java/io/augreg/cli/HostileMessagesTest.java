package io.augreg.cli;

import io.augreg.image.TestImages;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Messages for hostile values name the option the user typed and what was expected. */
class HostileMessagesTest {
  @TempDir Path dir;
  Path in;

  @BeforeEach
  void makeInput() {
    in = dir.resolve("in");
    for (int i = 0; i < 3; i++) {
      TestImages.write(in.resolve("a/a" + i + ".png"), 12, 10, 3, i);
      TestImages.write(in.resolve("b/b" + i + ".png"), 12, 10, 3, 10 + i);
    }
  }

  private CliHarness.Result train(String... more) {
    String[] base = {"train", "--train", in.toString(), "--size", "8x8", "--epochs", "1", "--out",
        dir.resolve("m").toString()};
    String[] args = new String[base.length + more.length];
    System.arraycopy(base, 0, args, 0, base.length);
    System.arraycopy(more, 0, args, base.length, more.length);
    return CliHarness.run(args);
  }

  @Test
  void negativeL2NamesL2NotFootballsLambda() {
    CliHarness.assertUsageError(train("--l2", "-1"), "--l2 must be a finite number >= 0, got -1.0");
    CliHarness.assertUsageError(train("--l2", "Infinity"), "--l2 must be a finite number >= 0");
  }

  @Test
  void layerSizesBeyondIntAreAUsageErrorNotAnInternalError() {
    CliHarness.assertUsageError(train("--layers", "2147483648"),
        "--layers must be positive integers up to 2147483647, got '2147483648'");
    CliHarness.assertUsageError(train("--layers", "1e308"), "--layers must be positive integers");
  }

  @Test
  void keepProbCountIsCheckedBeforeTheDataAreRead() throws Exception {
    // only unreadable images: reading them would fail first if the check came after loading
    Path broken = dir.resolve("broken");
    Files.createDirectories(broken.resolve("a"));
    Files.createDirectories(broken.resolve("b"));
    Files.writeString(broken.resolve("a/x.png"), "not a png");
    Files.writeString(broken.resolve("b/y.png"), "not a png");
    CliHarness.assertUsageError(
        CliHarness.run("train", "--train", broken.toString(), "--layers", "4,3", "--keep-prob",
            "0.5,0.5,0.5", "--out", dir.resolve("m").toString()),
        "--keep-prob needs one value or one per hidden layer (2 in --layers 4,3), got 3");
  }

  @Test
  void previewRefusesANameThatIsNotPng() {
    Path jpg = dir.resolve("sheet.jpg");
    CliHarness.assertUsageError(
        CliHarness.run("preview", in.toString(), "--out", jpg.toString()),
        "--out " + jpg + ": the contact sheet is a PNG; give a name ending in .png");
    org.junit.jupiter.api.Assertions.assertFalse(Files.exists(jpg));
  }

  @Test
  void aSplitThatLeavesAClassWithoutTrainingImagesSaysSo() {
    CliHarness.assertUsageError(train("--split", "1/99"),
        "--split 1/0/99 sends all 3 image(s) of class 'a' to the dev/test sets, none to training");
  }

  @Test
  void hugeSplitPartsAreProportionsLikeAnyOthers() {
    CliHarness.Result r = train("--split", "1e308/1e308", "--layers", "4");
    org.junit.jupiter.api.Assertions.assertEquals(0, r.exitCode(), r.err());
    org.junit.jupiter.api.Assertions.assertTrue(r.out().contains("images: train 3, dev 0, test 3"), r.out());
  }

  @Test
  void aFlatFolderGetsNoHintAboutAnUnrelatedParent() throws Exception {
    Path parent = dir.resolve("unrelated");
    TestImages.write(parent.resolve("flat/x.png"), 12, 10, 3, 1);
    Files.createDirectories(parent.resolve("logs"));
    Files.createDirectories(parent.resolve("notes"));
    CliHarness.Result r = CliHarness.run("train", "--train", parent.resolve("flat").toString(),
        "--out", dir.resolve("m").toString());
    CliHarness.assertUsageError(r, "1 image directly in the folder, no class sub-folders");
    org.junit.jupiter.api.Assertions.assertFalse(r.err().contains("did you mean"), r.err());
  }

  @Test
  void batchNormWithBatchesOfOneIsRefused() {
    CliHarness.assertUsageError(
        train("--arch", "conv filters=2 k=3 bn=true | flatten", "--batch", "1"),
        "--batch 1 with batch normalization (bn in --arch)");
    CliHarness.assertUsageError(
        train("--arch", "flatten | dense units=4 | bn", "--batch", "1"), "--batch 1 with batch normalization");
  }

  @Test
  void unreadableFilesAreReportedAndLeftOutOfTheSplit() throws Exception {
    for (int i = 3; i < 5; i++) {
      TestImages.write(in.resolve("a/a" + i + ".png"), 12, 10, 3, i);
      TestImages.write(in.resolve("b/b" + i + ".png"), 12, 10, 3, 10 + i);
    }
    String good = train("--split", "60/20/20", "--layers", "4", "--seed", "0").out();
    org.junit.jupiter.api.Assertions.assertTrue(good.contains("images: train 6, dev 2, test 2"), good);
    for (String bad : new String[] {"a/a0x.png", "a/a2x.png", "b/b1x.png"}) {
      Files.writeString(in.resolve(bad), "not a png");
    }
    CliHarness.Result r = train("--split", "60/20/20", "--layers", "4", "--seed", "0", "--overwrite");
    org.junit.jupiter.api.Assertions.assertEquals(1, r.exitCode(), r.err());
    org.junit.jupiter.api.Assertions.assertTrue(r.out().contains("images: train 6, dev 2, test 2"), r.out());
    org.junit.jupiter.api.Assertions.assertTrue(r.err().contains("a0x.png") && r.err().contains("b1x.png"), r.err());
  }
}
