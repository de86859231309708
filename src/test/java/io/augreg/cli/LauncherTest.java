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
 * that a plain {@code mvn verify} left is used as it is; a half-written jar, or sources newer than
 * the jar, make it build.
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
    fake(bin.resolve("java"), "touch \"" + dir.resolve("java.called") + "\"");
  }

  private static void fake(Path file, String body) throws IOException {
    Files.writeString(file, "#!/usr/bin/env bash\n" + body + "\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  private int launch() throws Exception {
    ProcessBuilder pb = new ProcessBuilder(List.of("bash", dir.resolve("augreg").toString(),
        "--version"));
    pb.environment().put("PATH", dir.resolve("bin") + ":" + System.getenv("PATH"));
    pb.redirectErrorStream(true);
    pb.redirectOutput(dir.resolve("launcher.out").toFile());
    Process p = pb.start();
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the launcher did not finish");
    return p.exitValue();
  }
}
