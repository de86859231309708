package io.augreg.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;

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
        Set.of("football"),
        Main.commandLine(new String[] {"football", "--help"}).getSubcommands().keySet());
    assertEquals(
        Main.SUBCOMMANDS.length,
        Main.commandLine(new String[] {"--help"}).getSubcommands().size());
    assertEquals(Main.SUBCOMMANDS.length, Main.commandLine(new String[0]).getSubcommands().size());
    assertEquals(Set.of(), Main.commandLine(new String[] {"--version"}).getSubcommands().keySet());
    assertEquals(Set.of(), Main.commandLine(new String[] {"-V"}).getSubcommands().keySet());
  }

  /** The command objects the factory made, among the subcommands' classes. */
  private static List<String> commandsMade(String... args) {
    List<Object> classes = Arrays.stream(Main.SUBCOMMANDS).map(s -> s[0]).toList();
    List<String> made = new ArrayList<>();
    CommandLine.IFactory def = CommandLine.defaultFactory();
    Main.commandLine(
        args,
        new CommandLine.IFactory() {
          @Override
          public <K> K create(Class<K> cls) throws Exception {
            if (classes.contains(cls)) {
              made.add(cls.getSimpleName());
            }
            return def.create(cls);
          }
        });
    return made;
  }

  @Test
  void onlyTheInvokedSubcommandIsInstantiated() {
    assertEquals(List.of("FootballCommand"), commandsMade("football", "--iterations", "1"));
    assertEquals(List.of("TrainCommand"), commandsMade("train", "--help"));
    assertEquals(List.of(), commandsMade("--version"));
    assertEquals(List.of(), commandsMade("-V"));
    assertEquals(Main.SUBCOMMANDS.length, commandsMade("--help").size());
    assertEquals(Main.SUBCOMMANDS.length, commandsMade("footbal").size());
    assertEquals(Main.SUBCOMMANDS.length, commandsMade().size());
  }

  @Test
  void theTableNamesEachCommandAsItsAnnotationDoes() {
    List<String> listed = new ArrayList<>();
    for (Object[] sub : Main.SUBCOMMANDS) {
      Command c = ((Class<?>) sub[0]).getAnnotation(Command.class);
      List<String> names = new ArrayList<>(List.of(c.name()));
      names.addAll(List.of(c.aliases()));
      assertEquals(names, Arrays.stream(sub).skip(1).toList(), sub[0].toString());
      assertEquals(sub[0], Main.subcommand(c.name()));
      listed.add(c.name());
    }
    assertEquals(listed, new ArrayList<>(Main.commandLine().getSubcommands().keySet()));
    assertEquals(null, Main.subcommand("footbal"));
  }

  /**
   * What a user sees (exit code, stdout, stderr) is the same with the models built for the
   * arguments (from the generated annotation table) as with every command's model built by
   * picocli's reflection over the annotations.
   */
  @Test
  void theSmallerModelsAnswerAsTheFullOneDoes() {
    List<String[]> cases = new ArrayList<>();
    for (String a : List.of("--help", "-h", "--version", "-V", "footbal", "--nope", "help")) {
      cases.add(new String[] {a});
    }
    cases.add(new String[0]);
    cases.add(new String[] {"--version", "--help"});
    cases.add(new String[] {"-V", "football"});
    for (Object[] sub : Main.SUBCOMMANDS) {
      cases.add(new String[] {(String) sub[1], "--help"});
      cases.add(new String[] {(String) sub[1], "--no-such-option"});
    }
    cases.add(new String[] {"football", "--iterations", "many"});
    cases.add(new String[] {"football", "--help", "extra"});
    cases.add(new String[] {"bench", "augment", "--help"});
    cases.add(new String[] {"bench", "cnn", "--nope"});
    cases.add(new String[] {"train", "-V"});
    for (String[] args : cases) {
      CliHarness.Result small = CliHarness.run(args);
      CliHarness.Result full = CliHarness.run(Main.reflectedCommandLine(), args);
      String what = String.join(" ", args);
      assertEquals(full.exitCode(), small.exitCode(), what);
      assertEquals(full.out(), small.out(), what);
      assertEquals(full.err(), small.err(), what);
      assertTrue(!full.out().isEmpty() || !full.err().isEmpty(), what);
    }
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
