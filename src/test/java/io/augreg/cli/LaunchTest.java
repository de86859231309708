package io.augreg.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.augreg.TestData;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link Launch}, the jar's entry, in real processes: a relaunched command prints and exits as an
 * in-process one; short commands and an opted-out call run in-process; the user's JVM options
 * reach the child; stopping or killing the parent stops the child; a recorded archive appears
 * whole or not at all. The mechanics are checked on a small jar whose {@code Main} is a probe
 * that reports what its JVM got (compiled here; a real command would take seconds).
 */
class LaunchTest {
  @TempDir Path tmp;

  private static final String JAVA =
      Path.of(System.getProperty("java.home"), "bin", "java").toString();

  /** One finished process: exit code, stdout, stderr, and how many JVMs it took. */
  private record Run(int code, String out, String err, int jvms) {}

  @Test
  void aRelaunchedFootballPrintsWhatAnInProcessOnePrints() throws Exception {
    List<String> args = List.of("football", "--data", TestData.path("football/data.mat").toString(),
        "--iterations", "50", "--json", "--no-pictures", "--no-report");
    Run relaunched = run(classPath(), Map.of(), List.of(), with(args, "--out", "a"));
    Run inProcess = run(classPath(), Map.of("AUGREG_NO_RELAUNCH", "1"), List.of(),
        with(args, "--out", "b"));
    assertEquals(2, relaunched.jvms(), "no child JVM was started");
    assertEquals(1, inProcess.jvms(), "AUGREG_NO_RELAUNCH=1 still relaunched");
    assertEquals(0, relaunched.code(), relaunched.err());
    assertEquals(inProcess.code(), relaunched.code());
    assertTrue(relaunched.out().contains("\"train_accuracy\":0.8293838862559242"), relaunched.out());
    assertEquals(withoutTimes(inProcess.out()), withoutTimes(relaunched.out()));
    assertEquals(inProcess.err(), relaunched.err());
  }

  @Test
  void aUserErrorExitsWith2AndTheSameLineRelaunched() throws Exception {
    List<String> args = List.of("football", "--data", tmp.resolve("missing.mat").toString());
    Run relaunched = run(classPath(), Map.of(), List.of(), args);
    Run inProcess = run(classPath(), Map.of("AUGREG_NO_RELAUNCH", "1"), List.of(), args);
    assertEquals(2, relaunched.jvms());
    assertEquals(2, relaunched.code(), relaunched.err());
    assertEquals(2, inProcess.code());
    assertTrue(relaunched.err().contains("missing.mat"), relaunched.err());
    assertEquals(inProcess.err(), relaunched.err());
    assertEquals(inProcess.out(), relaunched.out());
  }

  @Test
  void versionAndHelpRunInProcess() throws Exception {
    List<List<String>> calls = List.of(List.of("--version"), List.of("football", "--help"),
        List.of());
    for (List<String> args : calls) {
      Run r = run(classPath(), Map.of(), List.of(), args);
      assertEquals(1, r.jvms(), args + " relaunched");
      assertEquals(0, r.code(), r.err());
      assertFalse(r.out().isEmpty(), args + " printed nothing");
    }
  }

  @Test
  void theUsersOptionsReachTheChildAndWin() throws Exception {
    Path jar = probeJar(tmp.resolve("app"));
    Run r = run(jar, Map.of(), List.of("-Dprobe.x=y z", "-Xmx300m", "-XX:+UseParallelGC"),
        List.of("train", "ok"));
    assertEquals(0, r.code(), r.err());
    assertEquals(2, r.jvms());
    assertTrue(r.out().contains("child=true"), r.out());
    assertTrue(r.out().contains("x=y z"), r.out());
    assertTrue(r.out().contains("-XX:Tier4BackEdgeThreshold=200000"), r.out());
    // the user's collector replaces the launcher's (two would stop the JVM)
    assertTrue(r.out().contains("gc=PS Scavenge"), r.out());
    assertFalse(r.out().contains("-XX:+UseSerialGC"), r.out());
    long max = Long.parseLong(line(r.out(), "max="));
    assertTrue(max <= 300L << 20, "-Xmx300m lost: " + max);

    Run serial = run(jar, Map.of(), List.of(), List.of("bench", "ok"));
    assertTrue(serial.out().contains("gc=Copy"), serial.out());
    Run viaEnvironment = run(jar, Map.of("JDK_JAVA_OPTIONS", "-Dprobe.x=env"), List.of(),
        List.of("bench", "ok"));
    assertTrue(viaEnvironment.out().contains("x=env"), viaEnvironment.out());
    // the JVM's note about the variable is printed once, by the parent
    assertEquals(1, viaEnvironment.err().split("Picked up JDK_JAVA_OPTIONS", -1).length - 1,
        viaEnvironment.err());
  }

  @Test
  void theChildsMallocHandsOutHugePagesKeepingTheUsersGlibcSettings() throws Exception {
    Path jar = probeJar(tmp.resolve("app"));
    Run plain = run(jar, Map.of(), List.of(), List.of("bench", "ok"));
    assertEquals(2, plain.jvms());
    assertEquals("glibc.malloc.hugetlb=1", line(plain.out(), "glibc="));
    Run user = run(jar, Map.of("GLIBC_TUNABLES", "glibc.malloc.arena_max=4"), List.of(),
        List.of("train", "ok"));
    assertEquals("glibc.malloc.arena_max=4:glibc.malloc.hugetlb=1", line(user.out(), "glibc="));
    Run own = run(jar, Map.of("GLIBC_TUNABLES", "glibc.malloc.hugetlb=0"), List.of(),
        List.of("train", "ok"));
    assertEquals("glibc.malloc.hugetlb=0", line(own.out(), "glibc="));
    // in process, the JVM runs with the environment it was given
    Run optedOut = run(jar, Map.of("AUGREG_NO_RELAUNCH", "1"), List.of(), List.of("train", "ok"));
    assertEquals("null", line(optedOut.out(), "glibc="));
  }

  @Test
  void optingOutOrATunedJvmRunsInProcess() throws Exception {
    Path jar = probeJar(tmp.resolve("app"));
    Run optedOut = run(jar, Map.of("AUGREG_NO_RELAUNCH", "1"), List.of(), List.of("train", "ok"));
    assertEquals(1, optedOut.jvms());
    assertTrue(optedOut.out().contains("child=false"), optedOut.out());
    Run tuned = run(jar, Map.of(), List.of("-Daugreg.tuned=1"), List.of("train", "ok"));
    assertEquals(1, tuned.jvms());
    Run shortCommand = run(jar, Map.of(), List.of(), List.of("predict", "ok"));
    assertEquals(1, shortCommand.jvms());
  }

  @Test
  void aChildThatCannotStartMeansOneWarningAndAnInProcessRun() throws Exception {
    Path jar = probeJar(tmp.resolve("app"));
    Run r = run(jar, Map.of(), List.of("-Djdk.lang.Process.launchMechanism=none"),
        List.of("train", "ok"));
    assertEquals(0, r.code(), r.err());
    assertEquals(1, r.jvms());
    assertTrue(r.out().contains("child=false"), r.out());
    assertEquals(1, r.err().lines().count(), r.err());
    assertTrue(r.err().startsWith("augreg: could not start a tuned JVM ("), r.err());
  }

  @Test
  void stoppingOrKillingTheParentStopsTheChild() throws Exception {
    Path jar = probeJar(tmp.resolve("app"));
    for (boolean kill : new boolean[] {false, true}) {
      Path out = tmp.resolve("sleep-" + kill + ".out");
      Process parent = new ProcessBuilder(command(jar, List.of(), List.of("train", "sleep")))
          .redirectOutput(out.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (!Files.readString(out).contains("sleeping") && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      ProcessHandle child = ProcessHandle.of(Long.parseLong(line(Files.readString(out), "pid=")))
          .orElseThrow();
      if (kill) {
        parent.destroyForcibly();
      } else {
        parent.destroy();
      }
      assertTrue(parent.waitFor(30, TimeUnit.SECONDS));
      if (!kill) {
        assertEquals(143, parent.exitValue(), "SIGTERM's status");
      }
      child.onExit().get(10, TimeUnit.SECONDS);
      assertFalse(child.isAlive(), "the child outlived its parent (killed: " + kill + ")");
    }
  }

  @Test
  void anArchiveIsRecordedWholeOnlyAfterASuccessAndThenUsed() throws Exception {
    Path dir = tmp.resolve("app");
    Path jar = probeJar(dir);
    Path orphan = Files.writeString(dir.resolve("augreg.jsa.2147483647.tmp"), "half");
    Run failed = run(jar, Map.of(), List.of(), List.of("train", "fail"));
    assertEquals(2, failed.code(), failed.err());
    assertEquals(List.of("app.jar"), names(dir), "a failed run left an archive or a temporary");
    assertFalse(Files.exists(orphan), "a dead process's temporary archive was not removed");

    // two at once: each renames its own complete archive
    Process a = new ProcessBuilder(command(jar, List.of(), List.of("train", "ok")))
        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    Run b = run(jar, Map.of(), List.of(), List.of("train", "ok"));
    assertTrue(a.waitFor(60, TimeUnit.SECONDS));
    assertEquals(0, a.exitValue());
    assertEquals(0, b.code(), b.err());
    assertEquals(List.of("app.jar", "augreg.jsa"), names(dir));
    assertTrue(b.out().contains("-XX:ArchiveClassesAtExit="), b.out());

    Run used = run(jar, Map.of(), List.of("-Xlog:class+load=info"), List.of("train", "ok"));
    assertTrue(used.out().contains("-XX:SharedArchiveFile=" + dir.resolve("augreg.jsa")),
        used.out());
    assertTrue(used.out().contains("io.augreg.cli.Main source: shared objects file (top)"),
        "the child did not map the recorded archive");
    assertEquals(List.of("app.jar", "augreg.jsa"), names(dir));
  }

  private static List<String> names(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  private List<String> with(List<String> args, String option, String out) {
    List<String> all = new ArrayList<>(args);
    all.add(option);
    all.add(tmp.resolve(out).toString());
    return all;
  }

  /** {@code --json} reports each run's seconds, which differ between any two runs. */
  private static String withoutTimes(String json) {
    return json.replaceAll("\"seconds\":[0-9.eE-]+", "\"seconds\":_");
  }

  private static String line(String text, String prefix) {
    return text.lines().filter(l -> l.startsWith(prefix)).findFirst()
        .map(l -> l.substring(prefix.length())).orElseThrow(() -> new AssertionError(text));
  }

  private static Path classPath() {
    return Path.of(System.getProperty("java.class.path"));
  }

  /** {@code java OPTIONS -cp CP Launch ARGS} (or {@code -jar JAR}), each JVM logging to a file. */
  private List<String> command(Path classPath, List<String> options, List<String> args) {
    List<String> c = new ArrayList<>(List.of(JAVA));
    c.addAll(options);
    c.add("-Xlog:gc+init=info:file=" + tmp.resolve("jvm-%p.log"));
    if (classPath.toString().endsWith(".jar")) {
      c.addAll(List.of("-jar", classPath.toString()));
    } else {
      c.addAll(List.of("-cp", classPath.toString(), Launch.class.getName()));
    }
    c.addAll(args);
    return c;
  }

  private Run run(Path classPath, Map<String, String> env, List<String> options,
      List<String> args) throws Exception {
    try (Stream<Path> old = Files.list(tmp)) {
      for (Path p : old.filter(p -> p.getFileName().toString().startsWith("jvm-")).toList()) {
        Files.delete(p);
      }
    }
    Path out = tmp.resolve("stdout.txt");
    Path err = tmp.resolve("stderr.txt");
    ProcessBuilder pb = new ProcessBuilder(command(classPath, options, args))
        .redirectOutput(out.toFile()).redirectError(err.toFile());
    for (String v : List.of("AUGREG_NO_RELAUNCH", "JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS",
        "_JAVA_OPTIONS", "GLIBC_TUNABLES")) {
      pb.environment().remove(v);
    }
    pb.environment().putAll(env);
    Process p = pb.start();
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), "augreg did not end");
    int jvms;
    try (Stream<Path> s = Files.list(tmp)) {
      jvms = (int) s.filter(f -> f.getFileName().toString().startsWith("jvm-")).count();
    }
    return new Run(p.exitValue(), Files.readString(out), Files.readString(err), jvms);
  }

  /**
   * {@code DIR/app.jar}: Launch and JvmOptions, and a probe {@code io.augreg.cli.Main} that
   * prints whether it runs in a child, its JVM's options, collector and heap limit, and then
   * exits 0 ({@code ok}), 2 ({@code fail}), or sleeps ({@code sleep}).
   */
  private Path probeJar(Path dir) throws IOException {
    Path src = tmp.resolve("probe/io/augreg/cli/Main.java");
    Files.createDirectories(src.getParent());
    Files.writeString(src, String.join("\n",
        "package io.augreg.cli;",
        "public final class Main {",
        "  public static void main(String[] a) throws Exception {",
        "    var rt = java.lang.management.ManagementFactory.getRuntimeMXBean();",
        "    System.out.println(\"child=\" + (System.getProperty(\"augreg.parent\") != null));",
        "    System.out.println(\"x=\" + System.getProperty(\"probe.x\"));",
        "    System.out.println(\"options=\" + rt.getInputArguments());",
        "    for (var gc : java.lang.management.ManagementFactory.getGarbageCollectorMXBeans()) {",
        "      System.out.println(\"gc=\" + gc.getName());",
        "    }",
        "    System.out.println(\"max=\" + Runtime.getRuntime().maxMemory());",
        "    System.out.println(\"glibc=\" + System.getenv(\"GLIBC_TUNABLES\"));",
        "    System.out.println(\"pid=\" + ProcessHandle.current().pid());",
        "    switch (a[1]) {",
        "      case \"fail\": System.exit(2);",
        "      case \"sleep\": System.out.println(\"sleeping\"); Thread.sleep(120_000);",
        "      default: System.exit(0);",
        "    }",
        "  }",
        "}", ""));
    Path classes = Files.createDirectories(tmp.resolve("probe-classes"));
    int rc = ToolProvider.getSystemJavaCompiler().run(null, null, null, "-d", classes.toString(),
        src.toString());
    assertEquals(0, rc, "the probe did not compile");
    Path jar = Files.createDirectories(dir).resolve("app.jar");
    Manifest m = new Manifest();
    m.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    m.getMainAttributes().put(Attributes.Name.MAIN_CLASS, Launch.class.getName());
    Path ours = Path.of(Launch.class.getProtectionDomain().getCodeSource().getLocation().getPath());
    try (OutputStream o = Files.newOutputStream(jar); JarOutputStream j = new JarOutputStream(o, m)) {
      add(j, classes, classes.resolve("io/augreg/cli/Main.class"));
      try (Stream<Path> s = Files.list(ours.resolve("io/augreg/cli"))) {
        for (Path c : s.filter(p -> p.getFileName().toString().matches(
            "(Launch|JvmOptions)(\\$.*)?\\.class")).toList()) {
          add(j, ours, c);
        }
      }
    }
    return jar;
  }

  private static void add(JarOutputStream j, Path root, Path file) throws IOException {
    j.putNextEntry(new JarEntry(root.relativize(file).toString().replace('\\', '/')));
    j.write(Files.readAllBytes(file));
    j.closeEntry();
  }
}
