package io.augreg.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
      ProcessBuilder pb = new ProcessBuilder("bash", "augreg", command);
      pb.environment().put("AUGREG_PRINT_JVM_OPTS", "1");
      pb.redirectErrorStream(true);
      Process p = pb.start();
      String printed = new String(p.getInputStream().readAllBytes());
      assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the launcher did not finish");
      assertEquals(0, p.exitValue(), printed);
      assertEquals(JvmOptions.of(command), printed.lines().toList(), "./augreg " + command);
    }
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
