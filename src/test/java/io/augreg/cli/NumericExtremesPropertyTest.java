package io.augreg.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.augreg.TestData;
import io.augreg.image.TestImages;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Property: every numeric option of every user command, given an extreme value (0, negative,
 * NaN, ±Infinity, ±1e308, 4.9e-324, the int and long limits and one past them), either runs
 * (exit 0 or 1) or is refused as a usage error (exit 2, one line, no stack trace) — never an
 * "internal error" (exit 3), a stack trace or a hang. The numeric options are found from the
 * picocli model, so an option added later is covered too; options whose value is a number list
 * in a string ({@code --split}, {@code --size}, ...) are listed here. Each command runs in-process
 * on a tiny input with a time limit per invocation.
 */
class NumericExtremesPropertyTest {
  @TempDir static Path tmp;
  static Path in;
  static Path model;
  private static final AtomicInteger RUN = new AtomicInteger();

  /** Seconds one invocation may take before it counts as a hang. */
  private static final int LIMIT_SECONDS = 60;

  private static final List<String> INTS =
      List.of("0", "-1", "2147483647", "-2147483648", "2147483648", "NaN", "1e308", "");
  private static final List<String> LONGS =
      List.of("0", "-1", "9223372036854775807", "-9223372036854775808", "9223372036854775808",
          "NaN", "1e308");
  private static final List<String> DOUBLES =
      List.of("0", "-0", "-1", "NaN", "Infinity", "-Infinity", "1e308", "-1e308", "4.9e-324",
          "2147483648", "9223372036854775807");

  /** Numbers inside string options. */
  private static final Map<String, List<String>> STRING_NUMBERS = Map.of(
      "--split", List.of("0/0/0", "1e308/1e308", "-1/2", "NaN/1", "Infinity/1", "1/99", "2147483648/1",
          "1/1/1/1", "4.9e-324/1"),
      "--size", List.of("0x0", "-1x8", "NaNx8", "2147483648x8", "8x99999999999999999999", "1e308x1"),
      "--keep-prob", List.of("0", "-1", "NaN", "Infinity", "1e308", "0.5,0.5,0.5", "4.9e-324", "1,"),
      "--batch", List.of("0", "-1", "NaN", "2147483648", "1e308", "Infinity"),
      // values that parse but ask for a huge network are the engine's memory guard (issue 19 §6)
      "--layers", List.of("0", "-1", "NaN", "1e308", "2147483648", "4,-4", "4,,4"));

  /**
   * Valid extremes that are long runs by design (2^31 − 1 epochs), not hangs: skipped.
   * Everything else must finish within {@link #LIMIT_SECONDS}.
   */
  private static final Set<String> LONG_BY_DESIGN =
      Set.of("train --epochs 2147483647", "football --iterations 2147483647");

  @BeforeAll
  static void makeInputsAndModel() {
    in = tmp.resolve("in");
    for (int i = 0; i < 4; i++) {
      TestImages.write(in.resolve("a/a" + i + ".png"), 12, 10, 3, i);
      TestImages.write(in.resolve("b/b" + i + ".png"), 12, 10, 3, 10 + i);
    }
    model = tmp.resolve("model");
    CliHarness.Result r = CliHarness.run("train", "--train", in.toString(), "--size", "8x8",
        "--layers", "4", "--epochs", "1", "--out", model.toString());
    assertEquals(0, r.exitCode(), r.err());
  }

  private static Path fresh(String what) {
    return tmp.resolve(what + RUN.incrementAndGet());
  }

  /** Arguments that make each command quick; the option under test overrides its own. */
  private static Map<String, List<String>> base() {
    Map<String, List<String>> b = new LinkedHashMap<>();
    b.put("augment", List.of(in.toString(), fresh("aug").toString(), "--copies", "1", "--threads", "1",
        "--pipeline", "hflip"));
    b.put("preview", List.of(in.toString(), "--out", fresh("p") + ".png", "--variants", "2",
        "--max-images", "2", "--tile", "32"));
    b.put("football", List.of("--data", TestData.path("football/data.mat").toString(), "--mode",
        "l2+dropout", "--iterations", "20", "--eval-every", "10", "--early-stopping", "--no-pictures",
        "--json", "--out", fresh("fb").toString()));
    b.put("train", List.of("--train", in.toString(), "--dev", in.toString(), "--size", "8x8",
        "--layers", "4", "--epochs", "2", "--batch", "4", "--threads", "1", "--out",
        fresh("train").toString()));
    b.put("evaluate", List.of("--model", model.toString(), "--data", in.toString(), "--threads", "1"));
    return b;
  }

  /** {@code args} with {@code option} set to {@code value} (replacing a base value). */
  private static String[] with(String command, List<String> args, String option, String value) {
    List<String> out = new ArrayList<>();
    out.add(command);
    for (int i = 0; i < args.size(); i++) {
      if (args.get(i).equals(option)) {
        i++; // the base value
      } else {
        out.add(args.get(i));
      }
    }
    out.add(option);
    out.add(value);
    return out.toArray(String[]::new);
  }

  private static List<String> extremes(OptionSpec o) {
    Class<?> t = o.type();
    if (t == int.class || t == Integer.class) {
      return INTS;
    }
    if (t == long.class || t == Long.class) {
      return LONGS;
    }
    if (t == double.class || t == Double.class || t == float.class || t == Float.class) {
      return DOUBLES;
    }
    return STRING_NUMBERS.getOrDefault(o.longestName(), List.of());
  }

  @Test
  @Timeout(600)
  void everyNumericOptionGivesARunOrAOneLineUsageError() throws Exception {
    CommandLine root = Main.commandLine();
    List<String> problems = new ArrayList<>();
    int runs = 0;
    ExecutorService pool = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "numeric-extremes");
      t.setDaemon(true);
      return t;
    });
    try {
      for (String command : base().keySet()) {
        for (OptionSpec o : root.getSubcommands().get(command).getCommandSpec().options()) {
          for (String v : extremes(o)) {
            String name = command + " " + o.longestName() + " " + v;
            if (LONG_BY_DESIGN.contains(name)) {
              continue;
            }
            String[] args = with(command, base().get(command), o.longestName(), v);
            Future<CliHarness.Result> f = pool.submit(() -> CliHarness.run(args));
            CliHarness.Result r;
            try {
              r = f.get(LIMIT_SECONDS, TimeUnit.SECONDS);
            } catch (TimeoutException e) {
              problems.add(name + ": still running after " + LIMIT_SECONDS + " s");
              f.cancel(true);
              return; // the worker is stuck: report what we have
            } finally {
              runs++;
            }
            String p = problem(r);
            if (p != null) {
              problems.add(name + ": " + p);
            }
          }
        }
      }
    } finally {
      pool.shutdownNow();
      assertTrue(problems.isEmpty(), problems.size() + " of " + runs + " runs:\n" + String.join("\n", problems));
    }
    assertTrue(runs > 150, "runs " + runs);
  }

  /** Null when {@code r} is a completed run or a one-line usage error. */
  private static String problem(CliHarness.Result r) {
    String both = r.out() + r.err();
    if (both.contains("\tat ") || both.contains("internal error")) {
      return "exit " + r.exitCode() + ", " + r.err().lines().findFirst().orElse("");
    }
    if (r.exitCode() == 2) {
      List<String> lines = r.err().strip().lines().toList();
      boolean ok = lines.size() == 1 || lines.size() == 2 && lines.get(1).startsWith("Run '");
      return ok ? null : "usage error in " + lines.size() + " lines: " + r.err();
    }
    return r.exitCode() == 0 || r.exitCode() == 1 ? null : "exit " + r.exitCode() + ": " + r.err();
  }
}
