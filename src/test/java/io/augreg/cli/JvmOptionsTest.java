package io.augreg.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * One list of JVM options: what {@code AUGREG_PRINT_JVM_OPTS=1 ./augreg CMD} prints (the options
 * the launcher runs CMD with, nothing built or run) is {@link JvmOptions#of} for every command, so
 * that {@code java -jar augreg.jar CMD} relaunched by {@link Launch} runs as {@code ./augreg CMD}.
 */
class JvmOptionsTest {
  @Test
  void theLauncherPrintsTheJavaListForEveryCommand() throws Exception {
    List<String> commands = new ArrayList<>(List.of("", "--version", "spark"));
    for (Object[] sub : Main.SUBCOMMANDS) {
      commands.add((String) sub[1]);
    }
    for (String command : commands) {
      assertEquals(JvmOptions.of(command), printed(command), "./augreg " + command);
    }
    for (String sub : List.of("cnn", "augment", "--help")) {
      assertEquals(JvmOptions.of("bench", sub), printed("bench", sub), "./augreg bench " + sub);
    }
  }

  @Test
  void benchCnnAloneGetsTheWarmUpOptionsAndTheJvmTakesThem() throws Exception {
    List<String> cnn = JvmOptions.of("bench", "cnn");
    for (String o : List.of("-XX:Tier4MinInvocationThreshold=10", "-XX:InlineSmallCode=500")) {
      assertTrue(cnn.contains(o), cnn.toString());
      assertFalse(JvmOptions.of("bench", "augment").contains(o), o);
      assertFalse(JvmOptions.of("bench").contains(o), o);
      assertFalse(JvmOptions.of("train", "cnn").contains(o), o);
    }
    // bench cnn's back-edge threshold is the one in force (the JVM takes a flag's last value)
    List<String> backEdges = cnn.stream().filter(o -> o.startsWith("-XX:Tier4BackEdgeThreshold=")).toList();
    assertEquals("-XX:Tier4BackEdgeThreshold=1000000", backEdges.get(backEdges.size() - 1));
    assertEquals(cnn, Launch.childOptions(new String[] {"bench", "cnn", "--epochs", "4"}, List.of()));
    // this JVM accepts every option (a misspelt or removed flag would stop the child at start)
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(cnn);
    command.addAll(List.of("-XX:+PrintFlagsFinal", "-version"));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String flags = new String(p.getInputStream().readAllBytes());
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "java -version did not finish");
    assertEquals(0, p.exitValue(), flags);
    assertTrue(flags.lines().anyMatch(l -> l.matches("\\s*intx Tier4BackEdgeThreshold\\s+= 1000000\\s.*")),
        "the back-edge threshold in force");
    assertTrue(flags.lines().anyMatch(l -> l.matches("\\s*intx Tier4MinInvocationThreshold\\s+= 10\\s.*")),
        "the invocation threshold in force");
  }

  @Test
  void theLauncherAndTheJarGiveGlibcTheSameSettingsKeepingTheUsers() throws Exception {
    // unset; other settings (kept, hugetlb added); the user's own hugetlb (kept as it is)
    java.util.Map<String, String> cases = new java.util.LinkedHashMap<>();
    cases.put(null, "glibc.malloc.hugetlb=1");
    cases.put("", "glibc.malloc.hugetlb=1");
    cases.put("glibc.malloc.arena_max=2", "glibc.malloc.arena_max=2:glibc.malloc.hugetlb=1");
    cases.put("glibc.malloc.hugetlb=0", "glibc.malloc.hugetlb=0");
    cases.put("glibc.malloc.arena_max=2:glibc.malloc.hugetlb=2",
        "glibc.malloc.arena_max=2:glibc.malloc.hugetlb=2");
    cases.put("glibc.malloc.xglibc.malloc.hugetlb=0",
        "glibc.malloc.xglibc.malloc.hugetlb=0:glibc.malloc.hugetlb=1");
    for (java.util.Map.Entry<String, String> c : cases.entrySet()) {
      assertEquals(c.getValue(), JvmOptions.tunables(c.getKey()), String.valueOf(c.getKey()));
      List<String> env = printedWith("AUGREG_PRINT_JVM_ENV", c.getKey(), "bench", "cnn");
      assertEquals(List.of("GLIBC_TUNABLES=" + c.getValue()), env, String.valueOf(c.getKey()));
    }
  }

  /** What {@code AUGREG_PRINT_JVM_OPTS=1 ./augreg ARGS} prints, one option per element. */
  private static List<String> printed(String... args) throws Exception {
    return printedWith("AUGREG_PRINT_JVM_OPTS", System.getenv("GLIBC_TUNABLES"), args);
  }

  /**
   * What {@code VARIABLE=1 ./augreg ARGS} prints, one line per element, with {@code
   * GLIBC_TUNABLES} set to {@code tunables} (unset when null).
   */
  private static List<String> printedWith(String variable, String tunables, String... args)
      throws Exception {
    List<String> command = new ArrayList<>(List.of("bash", "augreg"));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.environment().put(variable, "1");
    if (tunables == null) {
      pb.environment().remove("GLIBC_TUNABLES");
    } else {
      pb.environment().put("GLIBC_TUNABLES", tunables);
    }
    pb.redirectErrorStream(true);
    Process p = pb.start();
    String printed = new String(p.getInputStream().readAllBytes());
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the launcher did not finish");
    assertEquals(0, p.exitValue(), printed);
    return printed.lines().toList();
  }

  @Test
  void longCommandsRelaunchAndHelpVersionAndShortOnesDoNot() {
    for (String c : List.of("football", "train", "tune", "evaluate", "augment", "bench")) {
      assertTrue(JvmOptions.relaunches(new String[] {c, "--data", "x"}), c);
      assertFalse(JvmOptions.relaunches(new String[] {c, "--help"}), c + " --help");
      assertFalse(JvmOptions.relaunches(new String[] {c, "-V"}), c + " -V");
    }
    for (String[] args : List.of(new String[0], new String[] {"--version"},
        new String[] {"preview", "in"}, new String[] {"predict", "m"}, new String[] {"footbal"})) {
      assertFalse(JvmOptions.relaunches(args), List.of(args).toString());
    }
  }
}
