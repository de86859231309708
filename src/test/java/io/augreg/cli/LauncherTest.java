package io.augreg.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code ./augreg} launcher's build decision, run on a copy of the script beside a fake
 * checkout whose {@code mvn} and {@code java} only record that they were called: a complete jar
 * that a plain {@code mvn verify} left is used as it is (also after the launcher's own build, with
 * its archive recorded again); a half-written jar, or sources newer than the jar or the last build
 * (to the millisecond, hidden files too), make it build; java gets the jar's absolute path however
 * the launcher is called.
 */
class LauncherTest {
  private static final long HOUR = 3_600_000L;

  @TempDir Path dir;

  @Test
  void aCompleteJarLeftByMavenIsUsedWithoutRebuilding() throws Exception {
    checkout(true, false);
    assertEquals(0, launch());
    assertFalse(Files.exists(dir.resolve("mvn.called")), "mvn ran although the jar was complete");
    assertTrue(Files.exists(dir.resolve("target/augreg.built")));
    assertTrue(Files.exists(dir.resolve("java.called")));
  }

  @Test
  void aHalfWrittenJarIsRebuilt() throws Exception {
    checkout(false, false);
    assertEquals(0, launch());
    assertTrue(Files.exists(dir.resolve("mvn.called")), "a jar without its central directory was used");
  }

  @Test
  void sourcesNewerThanTheJarAreRebuilt() throws Exception {
    checkout(true, true);
    assertEquals(0, launch());
    assertTrue(Files.exists(dir.resolve("mvn.called")), "a jar older than the sources was used");
  }

  @Test
  void aJarRebuiltByMavenAfterTheLaunchersBuildIsUsedAndItsArchiveRecordedAgain() throws Exception {
    checkout(true, false);
    Path built = dir.resolve("target/augreg.built");
    Path jsa = dir.resolve("target/augreg.jsa");
    Files.writeString(built, "");
    Files.writeString(jsa, "recorded from the jar before");
    FileTime old = FileTime.fromMillis(System.currentTimeMillis() - 90 * 60_000L);
    Files.setLastModifiedTime(built, old); // then `mvn package` wrote the jar (an hour ago)
    Files.setLastModifiedTime(jsa, old);
    assertEquals(0, launch());
    assertFalse(Files.exists(dir.resolve("mvn.called")), "mvn ran although the jar was complete");
    assertFalse(Files.exists(jsa), "the archive of the old jar was kept");
    assertTrue(javaArguments().contains("-XX:ArchiveClassesAtExit=" + jsa), "no archive recorded");
    assertTrue(Files.getLastModifiedTime(built).compareTo(
        Files.getLastModifiedTime(dir.resolve("target/augreg.jar"))) >= 0, "stamp not renewed");
  }

  @Test
  void aSourceChangedWithinTheSecondAfterTheBuildIsRebuilt() throws Exception {
    checkout(true, false);
    assertEquals(0, launch()); // stamps the jar
    Path built = dir.resolve("target/augreg.built");
    long stamp = Files.getLastModifiedTime(built).toMillis();
    Path deep = dir.resolve("src/main/java/A.java");
    Files.setLastModifiedTime(deep, FileTime.fromMillis(stamp + 1)); // same second, 1 ms later
    assertEquals(0, launch());
    assertTrue(Files.exists(dir.resolve("mvn.called")), "a source edited after the build was not built");
  }

  @Test
  void aFileAddedToASourceFolderIsRebuiltAndNothingUnchangedIs() throws Exception {
    checkout(true, false);
    assertEquals(0, launch());
    assertEquals(0, launch());
    assertFalse(Files.exists(dir.resolve("mvn.called")), "mvn ran for unchanged sources");
    Path added = dir.resolve("src/main/resources/.hidden/b.txt");
    Files.createDirectories(added.getParent());
    Files.writeString(added, "b\n");
    for (Path p = added; !p.equals(dir.resolve("src/main")); p = p.getParent()) {
      Files.setLastModifiedTime(p, FileTime.fromMillis(System.currentTimeMillis() - 2 * HOUR));
    }
    Files.setLastModifiedTime(added, FileTime.fromMillis(System.currentTimeMillis() + 1000));
    assertEquals(0, launch());
    assertTrue(Files.exists(dir.resolve("mvn.called")), "a new hidden source file was not built");
  }

  @Test
  void javaGetsTheSameAbsoluteJarPathHoweverTheLauncherIsCalled() throws Exception {
    checkout(true, false);
    Path dir = this.dir.toRealPath(); // as bash's pwd sees it
    Path sub = Files.createDirectories(dir.resolve("sub/deeper"));
    String jar = dir.resolve("target/augreg.jar").toString();
    String[][] calls = {
      {dir.toString(), "./augreg"}, {dir.toString(), "augreg"}, {sub.toString(), "../../augreg"},
      {sub.toString(), dir + "/augreg"}, {sub.toString(), dir + "/./sub/..//augreg"},
      {dir.toString(), "sub/../augreg"}, {"/", dir.toString().substring(1) + "/augreg"},
    };
    for (String[] call : calls) {
      Files.deleteIfExists(dir.resolve("java.args"));
      assertEquals(0, launch(Path.of(call[0]), call[1], "-Xlog:gc*"), String.join(" ", call));
      List<String> args = javaArguments();
      int at = args.lastIndexOf("-jar");
      assertEquals(jar, args.get(at + 1), String.join(" ", call));
      assertEquals(List.of("-Xlog:gc*", "-jar", jar, "--version"), args.subList(at - 1, args.size()),
          "AUGREG_JAVA_OPTS changed by the launcher's globbing: " + String.join(" ", call));
    }
    assertFalse(Files.exists(dir.resolve("mvn.called")));
  }

  @Test
  void aCollectorInAugregJavaOptsReplacesTheSerialCollector() throws Exception {
    checkout(true, false);
    // the JVM refuses two collectors ("Multiple garbage collectors selected")
    for (String gc : List.of("-XX:+UseParallelGC", "-XX:+UseG1GC", "-Xlog:gc -XX:+UseZGC")) {
      Files.deleteIfExists(dir.resolve("java.args"));
      assertEquals(0, launch(dir, dir.resolve("augreg").toString(), gc), gc);
      List<String> all = javaArguments();
      // the command's call (the archive's recording call before it keeps the launcher's options)
      List<String> args = all.subList(all.lastIndexOf("-Xshare:auto"), all.size());
      assertFalse(args.contains("-XX:+UseSerialGC"), gc + ": " + args);
      assertEquals(1, args.stream().filter(a -> a.matches("-XX:\\+Use\\w+GC")).count(), gc + ": " + args);
    }
    Files.deleteIfExists(dir.resolve("java.args"));
    assertEquals(0, launch(dir, dir.resolve("augreg").toString(), "-Xlog:gc"));
    assertTrue(javaArguments().contains("-XX:+UseSerialGC"), "no collector chosen: the serial one");
  }

  /** What the fake java was called with, one argument per element (all calls in order). */
  private List<String> javaArguments() throws IOException {
    return Files.readAllLines(dir.resolve("java.args"));
  }

  /** The launcher, src/main, pom.xml and target/augreg.jar, plus fake mvn and java in bin/. */
  private void checkout(boolean completeJar, boolean sourcesNewer) throws IOException {
    Files.copy(Path.of("augreg"), dir.resolve("augreg"));
    Path source = dir.resolve("src/main/java/A.java");
    Files.createDirectories(source.getParent());
    Files.writeString(source, "class A {}\n");
    Path pom = dir.resolve("pom.xml");
    Files.writeString(pom, "<project/>\n");
    Path jar = dir.resolve("target/augreg.jar");
    Files.createDirectories(jar.getParent());
    try (OutputStream out = Files.newOutputStream(jar);
        ZipOutputStream zip = new ZipOutputStream(out)) {
      zip.putNextEntry(new ZipEntry("META-INF/MANIFEST.MF"));
      zip.write("Manifest-Version: 1.0\n".getBytes(StandardCharsets.US_ASCII));
      zip.closeEntry();
    }
    if (!completeJar) {
      // cut before the end-of-central-directory record, as an interrupted write leaves it
      byte[] all = Files.readAllBytes(jar);
      Files.write(jar, java.util.Arrays.copyOf(all, all.length - 30));
    }
    long now = System.currentTimeMillis();
    FileTime older = FileTime.fromMillis(now - 2 * HOUR);
    FileTime newer = FileTime.fromMillis(now - HOUR);
    Files.setLastModifiedTime(source, sourcesNewer ? newer : older);
    for (Path d = source.getParent(); !d.equals(dir); d = d.getParent()) {
      Files.setLastModifiedTime(d, older); // a folder's time is that of its last added file
    }
    Files.setLastModifiedTime(pom, older);
    Files.setLastModifiedTime(jar, sourcesNewer ? older : newer);
    Path bin = Files.createDirectories(dir.resolve("bin"));
    fake(bin.resolve("mvn"), "touch \"" + dir.resolve("mvn.called") + "\"");
    fake(bin.resolve("java"), "touch \"" + dir.resolve("java.called") + "\"\nprintf '%s\\n' \"$@\" >> \""
        + dir.resolve("java.args") + "\"");
  }

  private static void fake(Path file, String body) throws IOException {
    Files.writeString(file, "#!/usr/bin/env bash\n" + body + "\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  private int launch() throws Exception {
    return launch(dir, dir.resolve("augreg").toString(), null);
  }

  /** Runs {@code bash SCRIPT --version} in {@code cwd}, with AUGREG_JAVA_OPTS when not null. */
  private int launch(Path cwd, String script, String javaOpts) throws Exception {
    ProcessBuilder pb = new ProcessBuilder(List.of("bash", script, "--version"));
    pb.directory(cwd.toFile());
    pb.environment().put("PATH", dir.resolve("bin") + ":" + System.getenv("PATH"));
    pb.environment().remove("AUGREG_JAVA_OPTS");
    pb.environment().remove("CDPATH");
    if (javaOpts != null) {
      pb.environment().put("AUGREG_JAVA_OPTS", javaOpts);
    }
    pb.redirectErrorStream(true);
    pb.redirectOutput(dir.resolve("launcher.out").toFile());
    Process p = pb.start();
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the launcher did not finish");
    return p.exitValue();
  }
}
