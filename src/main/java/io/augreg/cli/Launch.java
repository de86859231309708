package io.augreg.cli;

import java.io.File;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The jar's entry point ({@code Main-Class}). {@code java -jar augreg.jar CMD ...} started without
 * the {@code ./augreg} launcher gets the JVM's defaults: no tuned options and no class-data
 * sharing archive of augreg's classes. For the long-running commands ({@link
 * JvmOptions#relaunches}) this class starts a second JVM with the launcher's options ({@link
 * JvmOptions#of}), then the options this JVM was given (so that the user's {@code -Xmx} and the
 * like win), the archive {@code augreg.jsa} beside the jar, and the same class path and
 * arguments, and glibc's malloc set to hand out transparent huge pages ({@link
 * JvmOptions#tunables}); it passes stdin, stdout and stderr through and ends with the child's exit
 * code.
 * Everything else ({@code --version}, {@code --help}, short commands) runs here, in-process.
 *
 * <p>No relaunch when the JVM is already tuned (system property {@code augreg.tuned}, which
 * {@code ./augreg} and the child get), when {@code AUGREG_NO_RELAUNCH} is set to anything but
 * {@code 0} or empty, or when the child cannot be started (one warning line, then in-process).
 *
 * <p>When the jar has no archive beside it (or one older than the jar) and its folder is
 * writable, the child records one at its exit ({@code -XX:ArchiveClassesAtExit}) into {@code
 * augreg.jsa.PID.tmp}, which is renamed into place only after the command succeeded; two
 * processes doing so at once each rename a complete archive. A temporary archive left by a
 * process that was killed is removed by the next recording.
 *
 * <p>Stopping: a signal that ends this JVM (SIGTERM, SIGINT) stops the child from a shutdown hook
 * and waits for it; on a terminal the child got the same Ctrl-C, so it is given {@value
 * #GRACE_S} s to finish on its own first (a {@code train} run writes its checkpoint). If this JVM
 * is killed outright, the child notices within a quarter second and exits.
 *
 * <p>Loads no picocli class and nothing of augreg's but {@link JvmOptions} before deciding, and
 * uses loops rather than streams and lambdas, each of which costs the JVM classes to spin.
 */
public final class Launch {
  /** The class that runs the command line. */
  static final String MAIN = "io.augreg.cli.Main";

  /** The archive's name beside the jar (the launcher's {@code target/augreg.jsa}). */
  static final String ARCHIVE = "augreg.jsa";

  /** Seconds a child started from a terminal gets to end on its own after Ctrl-C. */
  static final int GRACE_S = 10;

  /** The environment variables whose options the JVM reads itself (and prints a note about). */
  private static final List<String> OPTION_VARIABLES =
      List.of("JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS", "_JAVA_OPTIONS");

  private Launch() {}

  /**
   * Runs {@code augreg} with {@code args}, in a tuned child JVM when that pays.
   *
   * @param args the command line
   */
  public static void main(String[] args) {
    String parent = System.getProperty("augreg.parent");
    if (parent != null) {
      exitWithParent(parent);
    } else if (System.getProperty("augreg.tuned") == null && !optedOut()
        && JvmOptions.relaunches(args)) {
      Integer code = relaunch(args);
      if (code != null) {
        System.exit(code);
      }
    }
    Main.main(args);
  }

  private static boolean optedOut() {
    String v = System.getenv("AUGREG_NO_RELAUNCH");
    return v != null && !v.isEmpty() && !v.equals("0");
  }

  /**
   * Runs the child; its exit code, or null when this JVM should run the command (it records a
   * class-data sharing archive, or the child could not start: one warning line).
   */
  private static Integer relaunch(String[] args) {
    List<String> own = new ArrayList<>();
    boolean fromEnvironment = ownOptions(args, own);
    if (has(own, "-XX:ArchiveClassesAtExit", "-XX:DumpLoadedClassList", "-Xshare:dump")) {
      return null; // this JVM records a class list or archive: run in it
    }
    File jar = singleJar();
    File dir = jar == null ? null : jar.getAbsoluteFile().getParentFile();
    List<String> command = new ArrayList<>();
    command.add(System.getProperty("java.home") + File.separator + "bin" + File.separator + "java");
    command.addAll(childOptions(args, own));
    File temp = null;
    if (dir != null && !has(own, "-Xshare", "-XX:SharedArchiveFile", "-XX:ArchiveClassesAtExit",
        "-XX:+UseSharedSpaces", "-XX:-UseSharedSpaces")) {
      File archive = new File(dir, ARCHIVE);
      command.addAll(List.of("-Xshare:auto", "-Xlog:cds=off", "-Xlog:cds+dynamic=off"));
      if (archive.isFile() && archive.lastModified() >= jar.lastModified()) {
        command.add("-XX:SharedArchiveFile=" + archive);
      } else if (dir.canWrite()) {
        removeOrphans(dir);
        temp = new File(dir, ARCHIVE + "." + ProcessHandle.current().pid() + ".tmp");
        command.add("-XX:ArchiveClassesAtExit=" + temp);
      }
    }
    command.add("-Daugreg.parent=" + ProcessHandle.current().pid());
    command.addAll(own);
    command.add("-cp");
    command.add(jar != null ? jar.getAbsolutePath() : System.getProperty("java.class.path"));
    command.add(Launch.class.getName());
    command.addAll(Arrays.asList(args));
    ProcessBuilder pb = new ProcessBuilder(command).inheritIO();
    // glibc reads its settings when the process starts: the child's malloc hands out huge pages
    pb.environment().put(JvmOptions.TUNABLES,
        JvmOptions.tunables(System.getenv(JvmOptions.TUNABLES)));
    if (fromEnvironment) {
      // their options are in `own` already; the child would read them again and repeat the note
      pb.environment().keySet().removeAll(OPTION_VARIABLES);
    }
    Process child;
    try {
      child = pb.start();
    } catch (IOException | RuntimeException | Error e) {
      // Error: the JDK's process support could not start (e.g. an unknown
      // -Djdk.lang.Process.launchMechanism); the command itself may still run here
      System.err.println("augreg: could not start a tuned JVM (" + e + "), running in this one");
      return null;
    }
    File recording = temp;
    Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(child, recording), "augreg-stop"));
    int code = waitFor(child);
    if (recording != null) {
      if (code == 0 && recording.length() > 0) {
        recording.renameTo(new File(dir, ARCHIVE));
      }
      recording.delete();
    }
    return code;
  }

  /**
   * The launcher's options for the command line {@code args} (its first two arguments), less its
   * collector when the user chose one (two collectors stop the JVM).
   */
  static List<String> childOptions(String[] args, List<String> own) {
    List<String> tuned = JvmOptions.of(args[0], args.length > 1 ? args[1] : "");
    for (String o : own) {
      if (isCollector(o)) {
        tuned.removeIf(Launch::isCollector);
        break;
      }
    }
    return tuned;
  }

  /** Whether one of {@code options} starts with one of {@code prefixes} . */
  private static boolean has(List<String> options, String... prefixes) {
    for (String o : options) {
      for (String p : prefixes) {
        if (o.startsWith(p)) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean isCollector(String o) {
    return o.startsWith("-XX:+Use") && o.endsWith("GC");
  }

  /**
   * This JVM's own options into {@code own}, in the order the JVM applied them: from {@code
   * /proc/self/cmdline} (cheap) when no option variable is set, else (and off Linux) from the
   * management bean (about 40 ms more), which includes those variables' options.
   *
   * @return true when {@code own} holds the option variables' options too
   */
  private static boolean ownOptions(String[] args, List<String> own) {
    boolean variables = false;
    for (String v : OPTION_VARIABLES) {
      variables |= System.getenv(v) != null;
    }
    List<String> line = variables ? null : commandLine();
    int end = line == null ? -1 : line.size() - args.length;
    if (end >= 2 && line.subList(end, line.size()).equals(Arrays.asList(args))) {
      int stop = end - 1; // the main class, or the jar after -jar
      if (stop >= 2 && line.get(stop - 1).equals("-jar")) {
        stop--;
      }
      own.addAll(withoutClassPath(line.subList(1, stop)));
      return false;
    }
    own.addAll(withoutClassPath(
        java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments()));
    return variables;
  }

  /** {@code /proc/self/cmdline} split at its NULs, or null. */
  private static List<String> commandLine() {
    byte[] bytes;
    try (InputStream in = new FileInputStream("/proc/self/cmdline")) {
      bytes = in.readAllBytes();
    } catch (IOException e) {
      return null;
    }
    Charset cs = Charset.defaultCharset();
    try {
      cs = Charset.forName(System.getProperty("sun.jnu.encoding", cs.name()));
    } catch (IllegalArgumentException e) {
      // keep the default
    }
    List<String> parts = new ArrayList<>();
    int from = 0;
    for (int i = 0; i < bytes.length; i++) {
      if (bytes[i] == 0) {
        parts.add(new String(bytes, from, i - from, cs));
        from = i + 1;
      }
    }
    return parts;
  }

  /** {@code options} less class-path options (the child gets the class path explicitly). */
  static List<String> withoutClassPath(List<String> options) {
    List<String> kept = new ArrayList<>();
    for (int i = 0; i < options.size(); i++) {
      String o = options.get(i);
      if (o.equals("-cp") || o.equals("-classpath") || o.equals("--class-path")) {
        i++;
      } else if (!o.startsWith("--class-path=") && !o.startsWith("-Djava.class.path=")) {
        kept.add(o);
      }
    }
    return kept;
  }

  /** The class path when it is one jar file, else null. */
  private static File singleJar() {
    String cp = System.getProperty("java.class.path", "");
    File f = new File(cp);
    return !cp.contains(File.pathSeparator) && cp.endsWith(".jar") && f.isFile() ? f : null;
  }

  /** Deletes temporary archives of processes that no longer run. */
  private static void removeOrphans(File dir) {
    String[] names = dir.list();
    for (String n : names == null ? new String[0] : names) {
      if (!n.startsWith(ARCHIVE + ".") || !n.endsWith(".tmp")) {
        continue;
      }
      String pid = n.substring(ARCHIVE.length() + 1, n.length() - ".tmp".length());
      try {
        if (ProcessHandle.of(Long.parseLong(pid)).isEmpty()) {
          new File(dir, n).delete();
        }
      } catch (NumberFormatException e) {
        // not one of ours
      }
    }
  }

  private static int waitFor(Process child) {
    while (true) {
      try {
        return child.waitFor();
      } catch (InterruptedException e) {
        // only a signal ends the wait early, and then the shutdown hook takes over
      }
    }
  }

  /**
   * The shutdown hook: stops a child that still runs (this JVM was signalled), then ends this
   * process with the child's exit code.
   */
  private static void stop(Process child, File recording) {
    if (!child.isAlive()) {
      return;
    }
    try {
      if (System.console() != null) {
        child.waitFor(GRACE_S, java.util.concurrent.TimeUnit.SECONDS);
      }
      child.destroy();
      int code = child.waitFor();
      if (recording != null) {
        recording.delete();
      }
      Runtime.getRuntime().halt(code);
    } catch (InterruptedException e) {
      child.destroyForcibly();
    }
  }

  /**
   * In a child: ends this JVM (orderly, so that outputs are finished or removed) when the parent
   * JVM {@code pid} is gone, checked every quarter second.
   */
  private static void exitWithParent(String pid) {
    Optional<ProcessHandle> parent;
    try {
      parent = ProcessHandle.of(Long.parseLong(pid));
    } catch (NumberFormatException e) {
      return;
    }
    Thread watch = new Thread(() -> {
      while (parent.isPresent() && parent.get().isAlive()) {
        try {
          Thread.sleep(250);
        } catch (InterruptedException e) {
          return;
        }
      }
      System.exit(143);
    }, "augreg-parent-watch");
    watch.setDaemon(true);
    watch.start();
  }
}
