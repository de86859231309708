package io.augreg.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.annotation.Annotation;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.PrebuiltModel;

/**
 * The command model built from the generated annotation table ({@code CliTable}, written by
 * {@link CliTableWriter} at build time) is the one picocli's reflection builds, and it makes no
 * annotation proxy classes.
 */
class CliTableTest {

  private static final PrebuiltModel.Table TABLE = PrebuiltModel.load("io.augreg.cli.CliTable");

  /**
   * The compiled table holds what the annotations say now: for every class the model reaches,
   * its {@code @Command} and its annotated fields in declaration order, every attribute equal.
   * Fails when a build compiled the commands without writing the table again.
   */
  @Test
  void theCompiledTableMatchesTheAnnotations() throws Exception {
    assertNotNull(TABLE, "CliTable not on the class path: run mvn process-classes");
    List<Class<?>> classes = CliTableWriter.classes();
    assertTrue(classes.size() >= Main.SUBCOMMANDS.length + 3, classes.toString());
    for (Class<?> c : classes) {
      PrebuiltModel.Entry entry = TABLE.entry(c);
      assertNotNull(entry, c.getName());
      assertSameValues(c.getAnnotation(CommandLine.Command.class), entry.command(), c.getName());
      List<String> annotated = new ArrayList<>();
      for (Field f : c.getDeclaredFields()) {
        if (picocliAnnotations(f).length > 0) {
          annotated.add(f.getName());
        }
      }
      List<String> listed = Arrays.stream(entry.members()).map(PrebuiltModel.Member::field).toList();
      assertEquals(annotated, listed, c.getName());
      for (PrebuiltModel.Member m : entry.members()) {
        Annotation[] real = picocliAnnotations(c.getDeclaredField(m.field()));
        assertEquals(real.length, m.annotations().length, c.getName() + "." + m.field());
        for (int i = 0; i < real.length; i++) {
          assertSameValues(real[i], m.annotations()[i], c.getName() + "." + m.field());
        }
      }
    }
  }

  /** The table writer writes the source the build compiled (same text). */
  @Test
  void theGeneratedSourceIsCurrent() throws Exception {
    Path file = Path.of("target", "generated-sources", "cli-table", "io", "augreg", "cli", "CliTable.java");
    assertTrue(Files.isRegularFile(file), file.toString());
    assertEquals(CliTableWriter.source(), Files.readString(file));
  }

  /**
   * Every command's model from the table equals picocli's reflection: the usage text, the
   * command's attributes and each option's and positional parameter's attributes.
   */
  @Test
  void theModelIsTheOneReflectionBuilds() throws Exception {
    // object identities (the help mixin's default text) aside
    String reflected = describe(Main.reflectedCommandLine()).replaceAll("@[0-9a-f]+", "@");
    assertEquals(reflected, describe(Main.commandLine()).replaceAll("@[0-9a-f]+", "@"));
  }

  /**
   * {@code --version}, {@code --help} and {@code football --help} in a fresh JVM load no
   * annotation proxy class ({@code -Xlog:class+load}), and do load the table.
   */
  @Test
  void theFastPathMakesNoAnnotationProxy(@TempDir Path tmp) throws Exception {
    for (List<String> args : List.of(List.of("--version"), List.of("--help"), List.of("football", "--help"))) {
      Path log = tmp.resolve("class-load.log");
      List<String> command = new ArrayList<>(List.of(
          Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "-Xshare:off", "-Xlog:class+load=info:file=" + log,
          "-cp", System.getProperty("java.class.path"), Main.class.getName()));
      command.addAll(args);
      Process p = new ProcessBuilder(command).redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      assertTrue(p.waitFor(60, TimeUnit.SECONDS), "timed out: " + args);
      assertEquals(0, p.exitValue(), args.toString());
      String loaded = Files.readString(log);
      assertTrue(loaded.contains(" io.augreg.cli.CliTable "), args + ": table not loaded");
      assertFalse(loaded.contains("__dynamic_proxy__"), args + ": " + proxies(loaded));
    }
  }

  private static String proxies(String log) {
    return log.lines().filter(l -> l.contains("__dynamic_proxy__")).toList().toString();
  }

  private static Annotation[] picocliAnnotations(Field f) {
    return Arrays.stream(f.getAnnotations())
        .filter(a -> a.annotationType().getEnclosingClass() == CommandLine.class)
        .toArray(Annotation[]::new);
  }

  private static void assertSameValues(Annotation real, Annotation table, String where)
      throws Exception {
    if (real == null || table == null) {
      assertEquals(real == null, table == null, where);
      return;
    }
    assertEquals(real.annotationType(), table.annotationType(), where);
    for (Method m : real.annotationType().getDeclaredMethods()) {
      Object a = m.invoke(real);
      Object b = m.invoke(table);
      assertTrue(java.util.Objects.deepEquals(a, b), where + " @" + real.annotationType().getSimpleName() + "." + m.getName());
    }
  }

  /** A text of everything a command line's model says, subcommands included. */
  private static String describe(CommandLine cl) throws Exception {
    StringBuilder s = new StringBuilder();
    CommandSpec spec = cl.getCommandSpec();
    s.append("== ").append(spec.qualifiedName()).append('\n');
    s.append(cl.getUsageMessage(CommandLine.Help.Ansi.OFF));
    s.append(Arrays.toString(spec.version())).append(spec.aliases().length).append(spec.mixinStandardHelpOptions())
        .append(spec.exitCodeOnInvalidInput()).append(spec.parser().separator())
        .append(spec.mixins().keySet()).append(spec.specElements().size())
        .append(spec.userObject().getClass().getName()).append('\n');
    for (Map.Entry<String, CommandSpec> m : spec.mixins().entrySet()) {
      s.append("mixin ").append(m.getKey()).append(' ').append(m.getValue()).append(' ')
          .append(m.getValue().options().size()).append(spec.mixinAnnotatedElements().get(m.getKey())).append('\n');
    }
    for (ArgSpec arg : spec.args()) {
      s.append(attributes(arg)).append('\n');
    }
    for (CommandLine sub : cl.getSubcommands().values()) {
      s.append(describe(sub));
    }
    return s.toString();
  }

  /** Public no-argument getters of an option or positional parameter, as text. */
  private static String attributes(ArgSpec arg) throws Exception {
    Set<String> identities = Set.of("getter", "setter", "scope", "command", "group", "messages", "argGroup");
    Map<String, String> values = new TreeMap<>();
    for (Method m : arg.getClass().getMethods()) {
      if (m.getParameterCount() != 0 || m.getReturnType() == void.class
          || Modifier.isStatic(m.getModifiers()) || identities.contains(m.getName())
          || m.getDeclaringClass() == Object.class || m.getName().equals("hashCode")) {
        continue;
      }
      Object v = m.invoke(arg);
      values.put(m.getName(), text(v));
    }
    return arg.getClass().getSimpleName() + values;
  }

  private static String text(Object v) {
    if (v == null || v instanceof String || v instanceof Number || v instanceof Boolean
        || v instanceof Enum<?> || v instanceof Class<?> || v instanceof CommandLine.Range
        || v instanceof Field || v instanceof Character) {
      return String.valueOf(v);
    }
    if (v instanceof Object[] a) {
      List<String> parts = new ArrayList<>();
      for (Object o : a) {
        parts.add(text(o));
      }
      return parts.toString();
    }
    if (v instanceof List<?> l) {
      return text(l.toArray());
    }
    if (v instanceof CommandLine.Model.ITypeInfo t) {
      return t.getClassName() + text(t.getAuxiliaryTypes()) + t.isMultiValue() + t.isBoolean()
          + t.getActualGenericTypeArguments() + t.isEnum() + t.getEnumConstantNames();
    }
    if (v instanceof Iterable<?> it && v.getClass().getName().startsWith("java.")) {
      List<String> parts = new ArrayList<>();
      it.forEach(o -> parts.add(text(o)));
      return parts.toString();
    }
    return v.getClass().getName(); // converters, consumers, providers: the same kind of object
  }
}
