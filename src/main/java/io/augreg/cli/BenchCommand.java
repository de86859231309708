package io.augreg.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code augreg bench ...}: benchmarks users can run; each prints ratios or raw rates. */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    subcommands = {BenchAugmentCommand.class},
    header = "Benchmarks a user can run (bench augment).",
    description = {
      "Benchmarks a user can run on their own machine. See 'augreg bench augment --help'."
    })
public final class BenchCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
