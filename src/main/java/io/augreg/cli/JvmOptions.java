package io.augreg.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * The JVM options augreg's commands run with, and which commands are worth a tuned JVM of their
 * own when the jar was started plainly ({@code java -jar augreg.jar}, see {@link Launch}). The
 * {@code ./augreg} launcher's {@code jvm_options} passes the same list ({@code
 * AUGREG_PRINT_JVM_OPTS=1 ./augreg CMD [SUB]} prints it; {@code JvmOptionsTest} checks that the two
 * agree); the reasons and measurements for each option are the comments there.
 *
 * <p>This class is loaded before the command line is parsed, so it uses nothing but {@code
 * java.lang} and {@code java.util}.
 */
final class JvmOptions {
  /**
   * The commands that a relaunch pays for: each runs for seconds to hours, against about 0.1 CPU-s
   * for the extra JVM. {@code preview} and {@code predict} typically run well under a second and
   * stay in the JVM that was started (docs/startup.md, "Plain java -jar").
   */
  private static final List<String> RELAUNCHED =
      List.of("football", "train", "tune", "evaluate", "augment", "bench");

  /** The system property that marks a JVM started with these options ({@link Launch}). */
  static final String TUNED = "-Daugreg.tuned=1";

  /** The environment variable through which glibc's run-time settings reach the child JVM. */
  static final String TUNABLES = "GLIBC_TUNABLES";

  /**
   * glibc's malloc marks its large allocations for transparent huge pages ({@code
   * madvise(MADV_HUGEPAGE)}; glibc 2.35 and later, ignored by older ones): the native blocks that
   * the OpenBLAS products run on (nn/linalg/NativeBuffer, which starts them on 2 MB boundaries)
   * then take one page fault per 2 MB instead of one per 4 KB on a kernel whose transparent huge
   * pages are in {@code madvise} mode. The small CNN's first training step writes 56 MB of fresh
   * blocks (the kept im2col matrices and dY): 160-170 ms of page faults on the 2-core EPYC VM, 5-20
   * ms with huge pages (docs/benchmarks.md, "The CNN's cold first epoch"). It changes no value.
   */
  static final String HUGE_MALLOC = "glibc.malloc.hugetlb=1";

  private JvmOptions() {}

  /**
   * The options of {@code command} (the first argument; any string), in the launcher's order.
   *
   * @param command the subcommand's name, or anything else (then the options every call gets)
   * @return a new modifiable list, ending with {@link #TUNED}
   */
  static List<String> of(String command) {
    return of(command, "");
  }

  /**
   * The options of {@code command} followed by {@code sub} (the first two arguments; any strings,
   * {@code sub} picks {@code bench cnn} out of {@code bench}), in the launcher's order.
   *
   * @param command the subcommand's name, or anything else (then the options every call gets)
   * @param sub the next argument, or "" when there is none
   * @return a new modifiable list, ending with {@link #TUNED}
   */
  static List<String> of(String command, String sub) {
    boolean benchCnn = "bench".equals(command) && "cnn".equals(sub);
    // the OSR back-edge threshold: bench cnn's own (./augreg has the reasons), else 200 000
    String backEdges = benchCnn ? "1000000" : "200000";
    List<String> jvm = new ArrayList<>(List.of(
        "-XX:+UseSerialGC", "-XX:Tier4BackEdgeThreshold=" + backEdges,
        "-XX:+UnlockDiagnosticVMOptions", "-XX:ArchiveRelocationMode=0"));
    if ("football".equals(command)) {
      jvm.add("-XX:InlineSmallCode=500");
      jvm.add("-XX:+UseTransparentHugePages");
      // the PNG row loop compiled by C1 alone: C2 gives up on a method whose node limit is 10
      // at once (./augreg has the reasons); "quiet" first, so the JVM prints nothing on stdout
      jvm.add("-XX:CompileCommand=quiet");
      jvm.add("-XX:CompileCommand=MaxNodeLimit,io.augreg.plot.PngWriter::rgbRow,10");
      // C2 only for methods called 100 000 times or running loops (./augreg has the reasons)
      jvm.add("-XX:Tier4InvocationThreshold=100000");
      jvm.add("-XX:Tier4CompileThreshold=100000");
    }
    if (benchCnn) {
      jvm.add("-XX:Tier4MinInvocationThreshold=10");
      jvm.add("-XX:InlineSmallCode=500");
    }
    // marks the JVM as tuned: Launch runs the command in it instead of relaunching
    jvm.add(TUNED);
    return jvm;
  }

  /**
   * The value of {@link #TUNABLES} that augreg's JVM runs with (every command): the user's
   * settings with {@link #HUGE_MALLOC} added, unless they set {@code glibc.malloc.hugetlb}
   * themselves. The {@code ./augreg} launcher computes the same ({@code glibc_tunables};
   * {@code AUGREG_PRINT_JVM_ENV=1 ./augreg} prints it).
   *
   * @param user the variable's value in the caller's environment, or null when it is unset
   * @return the value for the JVM
   */
  static String tunables(String user) {
    if (user == null || user.isEmpty()) {
      return HUGE_MALLOC;
    }
    for (String setting : user.split(":")) {
      if (setting.startsWith("glibc.malloc.hugetlb=")) {
        return user;
      }
    }
    return user + ":" + HUGE_MALLOC;
  }

  /**
   * Whether {@code augreg ARGS} is worth relaunching in a tuned JVM: its first argument names a
   * long-running command, and no argument asks for help or the version (those print and end).
   *
   * @param args the command's arguments
   * @return true to relaunch
   */
  static boolean relaunches(String[] args) {
    if (args.length == 0 || !RELAUNCHED.contains(args[0])) {
      return false;
    }
    for (String a : args) {
      if (a.equals("-h") || a.equals("--help") || a.equals("-V") || a.equals("--version")) {
        return false;
      }
    }
    return true;
  }
}
