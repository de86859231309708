package io.augreg.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The JVM options the {@code ./augreg} launcher passes, seen by a fake {@code java} that records
 * its arguments (beside a built jar and its archive, so nothing is built or recorded): {@code
 * football} gets C2's smaller inlining limit for compiled code and transparent huge pages, other
 * commands the defaults.
 */
class LauncherJvmOptionsTest {
  @TempDir Path dir;

  @Test
  void footballGetsTheSmallerInliningLimitAndOtherCommandsDoNot() throws Exception {
    List<String> football = javaArguments("football", "--reference");
    assertTrue(football.contains("-XX:InlineSmallCode=500"), football.toString());
    assertTrue(football.contains("-XX:+UseTransparentHugePages"), football.toString());
    assertEquals(List.of("football", "--reference"), football.subList(football.size() - 2, football.size()));
    List<String> version = javaArguments("--version");
    assertFalse(version.stream().anyMatch(a -> a.startsWith("-XX:InlineSmallCode")), version.toString());
    assertFalse(version.contains("-XX:+UseTransparentHugePages"), version.toString());
    assertTrue(version.contains("-XX:+UseSerialGC"), version.toString());
  }

  @Test
  void printedOptionsAreThoseTheCommandRunsWithAndNothingIsBuilt() throws Exception {
    for (String command : List.of("football", "bench")) {
      List<String> given = javaArguments(command);
      Path empty = Files.createDirectories(dir.resolve("empty-" + command));
      Files.copy(Path.of("augreg"), empty.resolve("augreg"));
      ProcessBuilder pb = new ProcessBuilder("bash", empty.resolve("augreg").toString(), command);
      pb.environment().put("AUGREG_PRINT_JVM_OPTS", "1");
      pb.redirectErrorStream(true);
      Process p = pb.start();
      List<String> printed = List.of(new String(p.getInputStream().readAllBytes()).split("\n"));
      assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the launcher did not finish");
      assertEquals(0, p.exitValue(), printed.toString());
      int at = given.indexOf(printed.get(0));
      assertTrue(at >= 0, given + " vs " + printed);
      assertEquals(printed, given.subList(at, at + printed.size()));
      assertFalse(Files.exists(empty.resolve("target")), "the launcher built something");
    }
  }

  /** The arguments that {@code ./augreg ARGS} gives java, one per line of the fake's record. */
  private List<String> javaArguments(String... args) throws Exception {
    Files.copy(Path.of("augreg"), dir.resolve("augreg"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    Path target = Files.createDirectories(dir.resolve("target"));
    for (String f : List.of("augreg.jar", "augreg.jsa", "augreg.built")) {
      Files.writeString(target.resolve(f), "");
    }
    Path bin = Files.createDirectories(dir.resolve("bin"));
    Path record = dir.resolve("java.args");
    Files.deleteIfExists(record);
    Path java = bin.resolve("java");
    Files.writeString(java, "#!/usr/bin/env bash\nprintf '%s\\n' \"$@\" > \"" + record + "\"\n");
    Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
    List<String> command = new java.util.ArrayList<>(List.of("bash", dir.resolve("augreg").toString()));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.environment().put("PATH", bin + ":" + System.getenv("PATH"));
    pb.environment().remove("AUGREG_JAVA_OPTS");
    pb.redirectErrorStream(true);
    pb.redirectOutput(dir.resolve("launcher.out").toFile());
    Process p = pb.start();
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the launcher did not finish");
    assertEquals(0, p.exitValue(), () -> read(dir.resolve("launcher.out")));
    return Files.readAllLines(record);
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      return e.toString();
    }
  }
}
