package io.augreg.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.augreg.plot.PngRowsMain;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * football's per-method JIT options ({@code -XX:CompileCommand}, {@link JvmOptions#of}): they name
 * methods that exist, the JVM takes them without a word on stdout ({@code --json} prints there),
 * and they do what their comments say: the PNG row loop is compiled by C1 alone, where without
 * them C2 compiles it.
 */
class FootballJitOptionsTest {
  private static final String ROWS = "io.augreg.plot.PngWriter::rgbRow";

  @Test
  void compileCommandsNameMethodsThatExist() throws Exception {
    List<String> commands = compileCommands();
    assertTrue(commands.stream().anyMatch(c -> c.contains(ROWS)), commands.toString());
    for (String c : commands) {
      String[] parts = c.split(",");
      if (parts.length < 2) {
        continue; // quiet
      }
      String[] target = parts[1].split("::");
      boolean found = false;
      for (Method m : Class.forName(target[0]).getDeclaredMethods()) {
        found |= m.getName().equals(target[1]);
      }
      assertTrue(found, c + ": no such method");
    }
  }

  @Test
  void theJvmTakesThemSilently() throws Exception {
    List<String> command = new ArrayList<>(List.of(java()));
    command.addAll(JvmOptions.of("football"));
    command.add("-version");
    Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    String out = new String(p.getInputStream().readAllBytes());
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    assertEquals(0, p.exitValue());
    assertEquals("", out);
  }

  @Test
  void thePngRowLoopIsCompiledByC1Alone() throws Exception {
    List<String> tuned = rowCompiles(JvmOptions.of("football"));
    assertTrue(tuned.stream().anyMatch(l -> tier(l) == 1), tuned.toString());
    assertEquals(List.of(), c2Compiled(tuned), tuned.toString());
    // the control: without the option C2 compiles the loop (so the pictures are large enough)
    List<String> plain = new ArrayList<>(JvmOptions.of("football"));
    plain.removeIf(o -> o.startsWith("-XX:CompileCommand"));
    List<String> c2 = rowCompiles(plain);
    assertFalse(c2Compiled(c2).isEmpty(), c2.toString());
    assertFalse(c2.stream().anyMatch(l -> tier(l) == 1), c2.toString());
  }

  /** The compile ids of the tier-4 (C2) compiles in {@code lines} that were not skipped. */
  private static List<String> c2Compiled(List<String> lines) {
    List<String> ids = new ArrayList<>();
    for (String l : lines) {
      String id = l.trim().split("\\s+")[1];
      if (tier(l) == 4 && !ids.contains(id)) {
        ids.add(id);
      }
    }
    for (String l : lines) {
      if (l.contains("COMPILE SKIPPED")) {
        ids.remove(l.trim().split("\\s+")[1]);
      }
    }
    return ids;
  }

  /** The -XX:CompileCommand values of football's options. */
  private static List<String> compileCommands() {
    List<String> commands = new ArrayList<>();
    for (String o : JvmOptions.of("football")) {
      if (o.startsWith("-XX:CompileCommand=")) {
        commands.add(o.substring("-XX:CompileCommand=".length()));
      }
    }
    return commands;
  }

  /** The -XX:+PrintCompilation lines of the row loop when PngRowsMain runs with {@code options}. */
  private static List<String> rowCompiles(List<String> options) throws Exception {
    List<String> command = new ArrayList<>(List.of(java()));
    command.addAll(options);
    command.addAll(List.of("-XX:+PrintCompilation", "-Djava.awt.headless=true", "-cp",
        System.getProperty("java.class.path"), PngRowsMain.class.getName()));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    List<String> lines = new String(p.getInputStream().readAllBytes()).lines()
        .filter(l -> l.contains(ROWS)).toList();
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    assertEquals(0, p.exitValue(), lines.toString());
    return lines;
  }

  /**
   * The tier of a PrintCompilation line ("  446   71 %     4       C::m @ 6 (61 bytes)"): the
   * first single-digit field after the time stamp and the compile id.
   */
  private static int tier(String line) {
    String[] f = line.trim().split("\\s+");
    for (int i = 2; i < f.length; i++) {
      if (f[i].length() == 1 && Character.isDigit(f[i].charAt(0))) {
        return f[i].charAt(0) - '0';
      }
    }
    return -1;
  }

  private static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }
}
