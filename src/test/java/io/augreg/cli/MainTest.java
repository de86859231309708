package io.augreg.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MainTest {
  @Test
  void helpListsUsageAndExitsZero() {
    CliHarness.Result r = CliHarness.run("--help");
    assertEquals(0, r.exitCode());
    assertTrue(r.out().contains("Usage: augreg"), r.out());
    assertTrue(r.out().contains("Exit codes"), r.out());
  }

  @Test
  void versionNamesTheTool() {
    CliHarness.Result r = CliHarness.run("--version");
    assertEquals(0, r.exitCode());
    assertTrue(r.out().startsWith("augreg "), r.out());
  }

  @Test
  void aNamedSubcommandIsTheOnlyOneBuilt() {
    assertEquals(
        java.util.Set.of("football"),
        Main.commandLine(new String[] {"football", "--help"}).getSubcommands().keySet());
    assertEquals(
        Main.SUBCOMMANDS.length,
        Main.commandLine(new String[] {"--help"}).getSubcommands().size());
    assertEquals(Main.SUBCOMMANDS.length, Main.commandLine(new String[0]).getSubcommands().size());
  }

  @Test
  void aMistypedSubcommandStillGetsSuggestions() {
    CliHarness.Result r = CliHarness.run("footbal");
    assertEquals(2, r.exitCode());
    assertTrue(r.err().contains("football"), r.err());
  }

  @Test
  void unknownOptionIsUsageErrorWithExitTwo() {
    CliHarness.Result r = CliHarness.run("--no-such-option");
    assertEquals(2, r.exitCode());
    assertTrue(r.err().contains("--no-such-option"), r.err());
  }
}
