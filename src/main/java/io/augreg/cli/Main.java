package io.augreg.cli;

import io.augreg.core.AugregException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.PrebuiltModel;

/**
 * Entry point of the {@code augreg} command. Subcommands are registered in {@link
 * #SUBCOMMANDS}; each one only translates options into the config records of the library.
 */
@Command(
    name = "augreg",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description =
        "Beat overfitting: augment images (offline and per mini-batch) and train neural networks"
            + " with L2, L1, inverted dropout and early stopping, then read the bias/variance"
            + " diagnosis.",
    footer = {
      "",
      "Exit codes: 0 success, 1 the work ran but some inputs failed, 2 bad usage or input.",
      "Run 'augreg COMMAND --help' for a command's options.",
      "'./augreg spark IN OUT [augment options] [--master local[N]]' runs augment as an Apache"
          + " Spark job (module spark/, docs/spark.md)."
    })
public final class Main implements Runnable {

  /**
   * The subcommands, in the order `--help` lists them: each one's class, then its name and aliases
   * exactly as in its {@code @Command} (MainTest checks that), so that {@link #commandLine(String[])}
   * finds the one to build without parsing every command's annotations.
   */
  static final Object[][] SUBCOMMANDS = {
    // SUBCOMMANDS: one line per command, keep sorted by workflow
    {AugmentCommand.class, "augment"},
    {PreviewCommand.class, "preview"},
    {FootballCommand.class, "football"},
    {TrainCommand.class, "train"},
    {TuneCommand.class, "tune"},
    {EvaluateCommand.class, "evaluate"},
    {PredictCommand.class, "predict"},
    {BenchCommand.class, "bench"},
  };

  /**
   * The annotation values of the commands, written at build time by {@link CliTableWriter}
   * (null in a build that did not run it): the model is built from them without the JDK's
   * annotation proxies (docs/startup.md).
   */
  private static final PrebuiltModel.Table TABLE = PrebuiltModel.load("io.augreg.cli.CliTable");

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** Builds the configured picocli command line (used by {@link #main} and by tests). */
  public static CommandLine commandLine() {
    return withAll(CommandLine.defaultFactory(), TABLE);
  }

  /** {@link #commandLine()} built by picocli's reflection over the annotations (for tests). */
  static CommandLine reflectedCommandLine() {
    return withAll(CommandLine.defaultFactory(), null);
  }

  private static CommandLine withAll(CommandLine.IFactory factory, PrebuiltModel.Table table) {
    CommandLine cl = PrebuiltModel.commandLine(table, new Main(), factory);
    for (Object[] sub : SUBCOMMANDS) {
      cl.addSubcommand(PrebuiltModel.commandLine(table, sub[0], factory));
    }
    return configure(cl);
  }

  /**
   * Gives a command line augreg's error handling: a user error is one line and its exit code
   * (2 for bad usage), never a stack trace. Also used by the Spark job's command.
   *
   * @param cl the command line
   * @return {@code cl}
   */
  public static CommandLine configure(CommandLine cl) {
    cl.setExecutionExceptionHandler(Main::handleExecutionException);
    cl.setParameterExceptionHandler(Main::handleParameterException);
    cl.setCaseInsensitiveEnumValuesAllowed(true);
    // `--pipeline @FILE` and `--augment @FILE` read the file themselves: picocli's own @-file
    // expansion would split it into arguments first. Set last, so that it reaches every
    // subcommand.
    cl.setExpandAtFiles(false);
    return cl;
  }

  /**
   * The command line for {@code args}, with only the picocli models they need. Picocli builds each
   * command's model by reflection over its annotations, and building all of them cost about a
   * third of the start of {@code augreg --version} (0.2 of 0.6 CPU-s). When the first argument
   * names a subcommand (or one of its aliases) only that one is registered; {@code --version}
   * alone needs none; anything else (no arguments, {@code --help}, a mistyped command that wants
   * suggestions, an unknown option) gets them all.
   */
  static CommandLine commandLine(String[] args) {
    return commandLine(args, CommandLine.defaultFactory());
  }

  /** {@link #commandLine(String[])} with the factory that makes the command objects. */
  static CommandLine commandLine(String[] args, CommandLine.IFactory factory) {
    if (args.length == 1 && (args[0].equals("--version") || args[0].equals("-V"))) {
      return configure(PrebuiltModel.commandLine(TABLE, new Main(), factory));
    }
    Object sub = args.length == 0 ? null : subcommand(args[0]);
    if (sub == null) {
      return withAll(factory, TABLE);
    }
    CommandLine cl = PrebuiltModel.commandLine(TABLE, new Main(), factory);
    cl.addSubcommand(PrebuiltModel.commandLine(TABLE, sub, factory));
    return configure(cl);
  }

  /** The class of the subcommand named (or aliased) {@code name}, or null. */
  static Object subcommand(String name) {
    for (Object[] sub : SUBCOMMANDS) {
      for (int i = 1; i < sub.length; i++) {
        if (sub[i].equals(name)) {
          return sub[0];
        }
      }
    }
    return null;
  }

  /** Runs {@code augreg} with {@code args} and returns the exit code instead of exiting. */
  public static int run(String... args) {
    return commandLine(args).execute(args);
  }

  /** Process entry point. */
  public static void main(String[] args) {
    System.exit(run(args));
  }

  private static int handleExecutionException(
      Exception ex, CommandLine cmd, CommandLine.ParseResult parseResult) {
    PrintWriter err = cmd.getErr();
    AugregException user = findUserError(ex);
    if (user != null) {
      err.println(cmd.getCommandSpec().qualifiedName() + ": " + user.getMessage());
      err.flush();
      return user.exitCode();
    }
    err.println(cmd.getCommandSpec().qualifiedName() + ": internal error (please report): " + ex);
    ex.printStackTrace(err);
    err.flush();
    return 3;
  }

  /**
   * A bad option or argument: one line naming it, a hint where to read more, exit code 2 — not
   * the whole usage text, which would bury the message.
   */
  private static int handleParameterException(
      CommandLine.ParameterException ex, String[] args) {
    CommandLine cmd = ex.getCommandLine();
    PrintWriter err = cmd.getErr();
    String name = cmd.getCommandSpec().qualifiedName();
    err.println(name + ": " + ex.getMessage());
    CommandLine.UnmatchedArgumentException.printSuggestions(ex, err);
    err.println("Run '" + name + " --help' for the options.");
    err.flush();
    return AugregException.USAGE;
  }

  private static AugregException findUserError(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof AugregException a) {
        return a;
      }
    }
    return null;
  }
}
