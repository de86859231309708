package io.augreg.cli;

import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine;

/**
 * Writes {@code CliTable.java}, the table of the picocli annotation values of augreg's commands
 * that {@code picocli.PrebuiltModel} builds the command model from without reading annotations
 * (docs/startup.md, "Annotation proxies"). The build runs it after compiling (pom.xml,
 * {@code cli-table}) and compiles its output into the jar; {@code CliTableTest} fails when the
 * compiled table differs from what the annotations say now.
 *
 * <p>The table has one entry per class the model reaches from {@link Main}: the commands, their
 * {@code subcommands}, mixins and version providers, and picocli's help mixin. Each entry holds
 * the class's {@code @Command} and its annotated fields in {@link Class#getDeclaredFields()} order
 * (the order picocli's reflection adds them in) with every attribute of their annotations,
 * defaults included. What the prebuilt model does not mirror (annotated methods, method
 * subcommands, argument groups, {@code @Unmatched}, {@code @ParentCommand}, a superclass, a model
 * transformer) stops the build with a message.
 */
public final class CliTableWriter {
  /** The generated class's simple name (package io.augreg.cli). */
  static final String CLASS_NAME = "CliTable";

  /** picocli's annotations on fields; the last three have no prebuilt path. */
  private static final List<Class<? extends Annotation>> FIELD_ANNOTATIONS =
      List.of(
          CommandLine.Option.class,
          CommandLine.Parameters.class,
          CommandLine.Mixin.class,
          CommandLine.Spec.class,
          CommandLine.ArgGroup.class,
          CommandLine.Unmatched.class,
          CommandLine.ParentCommand.class);

  /** The annotation types whose values the table holds, each with its implementing class. */
  private static final List<Class<? extends Annotation>> TABLE_TYPES =
      List.of(
          CommandLine.Command.class,
          CommandLine.Option.class,
          CommandLine.Parameters.class,
          CommandLine.Mixin.class,
          CommandLine.Spec.class);

  /** Classes the source cannot name (not public), by binary name, numbered in order of use. */
  private final Map<String, Integer> hiddenClasses = new LinkedHashMap<>();

  private CliTableWriter() {}

  /**
   * Writes {@code io/augreg/cli/CliTable.java} under the folder given, unless it already holds
   * exactly that text.
   *
   * @param args the source folder
   * @throws IOException if it cannot be written
   */
  public static void main(String[] args) throws IOException {
    if (args.length != 1) {
      throw new IllegalArgumentException("usage: CliTableWriter SOURCE_FOLDER");
    }
    Path file = Path.of(args[0], "io", "augreg", "cli", CLASS_NAME + ".java");
    String text = source();
    if (Files.isRegularFile(file) && Files.readString(file).equals(text)) {
      return;
    }
    Files.createDirectories(file.getParent());
    Files.writeString(file, text, StandardCharsets.UTF_8);
  }

  /** The classes the model reaches from {@link Main}, in a stable order. */
  static List<Class<?>> classes() {
    Set<Class<?>> seen = new LinkedHashSet<>();
    Deque<Class<?>> queue = new ArrayDeque<>();
    queue.add(Main.class);
    for (Object[] sub : Main.SUBCOMMANDS) {
      queue.add((Class<?>) sub[0]);
    }
    try {
      queue.add(Class.forName("picocli.CommandLine$AutoHelpMixin"));
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException("picocli's help mixin not found", e);
    }
    while (!queue.isEmpty()) {
      Class<?> c = queue.removeFirst();
      if (!seen.add(c)) {
        continue;
      }
      CommandLine.Command cmd = c.getAnnotation(CommandLine.Command.class);
      if (cmd != null) {
        queue.addAll(Arrays.asList(cmd.subcommands()));
        if (Modifier.isPublic(cmd.versionProvider().getModifiers())) {
          queue.add(cmd.versionProvider()); // picocli's default is its private NoVersionProvider
        }
      }
      for (Field f : c.getDeclaredFields()) {
        if (f.isAnnotationPresent(CommandLine.Mixin.class)) {
          queue.add(f.getType());
        }
      }
    }
    return new ArrayList<>(seen);
  }

  /** The whole source of the table class. */
  static String source() {
    return new CliTableWriter().write();
  }

  private String write() {
    StringBuilder entries = new StringBuilder();
    StringBuilder cases = new StringBuilder();
    List<Class<?>> classes = classes();
    for (int i = 0; i < classes.size(); i++) {
      Class<?> c = classes.get(i);
      check(c);
      cases.append(String.format("      case %s:%n        return e%d();%n", str(c.getName()), i));
      entries.append(String.format("%n  /** {@code %s}. */%n", c.getName()));
      entries.append(String.format("  private static PrebuiltModel.Entry e%d() {%n", i));
      entries.append("    return new PrebuiltModel.Entry(\n");
      CommandLine.Command cmd = c.getAnnotation(CommandLine.Command.class);
      entries.append("        ").append(cmd == null ? "null" : annotation(cmd, 8)).append(",\n");
      entries.append("        new PrebuiltModel.Member[] {");
      for (Field f : c.getDeclaredFields()) {
        List<String> values = new ArrayList<>();
        for (Annotation a : f.getAnnotations()) {
          if (TABLE_TYPES.contains(a.annotationType())) {
            values.add(annotation(a, 12));
          }
        }
        if (!values.isEmpty()) {
          entries.append(String.format("%n          new PrebuiltModel.Member(%n            %s", str(f.getName())));
          for (String v : values) {
            entries.append(",\n            ").append(v);
          }
          entries.append("),");
        }
      }
      entries.append("\n        });\n  }\n");
    }
    StringBuilder out = new StringBuilder();
    out.append("package io.augreg.cli;\n\n");
    out.append("import java.lang.annotation.Annotation;\n");
    out.append("import picocli.CommandLine;\n");
    out.append("import picocli.PrebuiltModel;\n\n");
    out.append("/**\n");
    out.append(" * The picocli annotation values of augreg's commands, written by {@link CliTableWriter} from\n");
    out.append(" * the annotations at build time (do not edit): {@code picocli.PrebuiltModel} builds the model\n");
    out.append(" * from them without the JDK's annotation proxies.\n");
    out.append(" */\n");
    out.append("@SuppressWarnings({\"unchecked\", \"rawtypes\", \"deprecation\"})\n");
    out.append("public final class ").append(CLASS_NAME).append(" implements PrebuiltModel.Table {\n");
    for (Map.Entry<String, Integer> h : hiddenClasses.entrySet()) {
      out.append(String.format("  private static final Class<?> K%d = PrebuiltModel.type(%s);%n", h.getValue(), str(h.getKey())));
    }
    // Loaded with the table: the launcher records its CDS archive from a football run, which uses
    // no @Parameters, and every class of the table should be in the archive.
    out.append("\n  /** The classes of the values, loaded with the table (so all are in the CDS archive). */\n");
    out.append("  static final Class<?>[] VALUE_CLASSES = {");
    for (int i = 0; i < TABLE_TYPES.size(); i++) {
      out.append(i == 0 ? "" : ", ").append(TABLE_TYPES.get(i).getSimpleName()).append("Values.class");
    }
    out.append("};\n");
    out.append("\n  /** The table (made by name by {@code PrebuiltModel.load}). */\n");
    out.append("  public ").append(CLASS_NAME).append("() {}\n\n");
    out.append("  @Override\n");
    out.append("  public PrebuiltModel.Entry entry(Class<?> type) {\n");
    out.append("    switch (type.getName()) {\n");
    out.append(cases);
    out.append("      default:\n        return null;\n    }\n  }\n");
    out.append(entries);
    for (Class<? extends Annotation> type : TABLE_TYPES) {
      out.append(implementation(type));
    }
    out.append("}\n");
    return out.toString();
  }

  /** Refuses what picocli.PrebuiltModel does not mirror. */
  private static void check(Class<?> c) {
    if (c.getSuperclass() != Object.class) {
      throw new IllegalStateException(c.getName() + ": a picocli class with a superclass is not in the prebuilt model");
    }
    CommandLine.Command cmd = c.getAnnotation(CommandLine.Command.class);
    if (cmd != null && Modifier.isPublic(cmd.modelTransformer().getModifiers())) {
      // picocli's default is its private NoOpModelTransformer; PrebuiltModel would apply a
      // subcommand's transformer once more than picocli does
      throw new IllegalStateException(c.getName() + ": a model transformer is not in the prebuilt model");
    }
    for (Method m : c.getDeclaredMethods()) {
      if (m.isAnnotationPresent(CommandLine.Command.class)) {
        throw new IllegalStateException(m + ": method subcommands are not in the prebuilt model");
      }
      for (Class<? extends Annotation> a : FIELD_ANNOTATIONS) {
        if (m.isAnnotationPresent(a)) {
          throw new IllegalStateException(m + ": annotated methods are not in the prebuilt model");
        }
      }
    }
    for (Field f : c.getDeclaredFields()) {
      for (Class<? extends Annotation> a : FIELD_ANNOTATIONS.subList(4, FIELD_ANNOTATIONS.size())) {
        if (f.isAnnotationPresent(a)) {
          throw new IllegalStateException(f + ": @" + a.getSimpleName() + " is not in the prebuilt model");
        }
      }
    }
  }

  /** The attribute methods of an annotation type, by name. */
  private static Method[] attributes(Class<? extends Annotation> type) {
    Method[] methods = type.getDeclaredMethods();
    Arrays.sort(methods, Comparator.comparing(Method::getName));
    return methods;
  }

  /** {@code new XValues(v1, v2, ...)}: all attribute values, in attribute-name order. */
  private String annotation(Annotation a, int indent) {
    StringBuilder s = new StringBuilder("new ").append(a.annotationType().getSimpleName()).append("Values(");
    String sep = "\n" + " ".repeat(indent + 4);
    Method[] methods = attributes(a.annotationType());
    for (int i = 0; i < methods.length; i++) {
      try {
        s.append(sep).append(literal(methods[i].invoke(a))).append(i + 1 < methods.length ? "," : ")");
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException(methods[i].toString(), e);
      }
    }
    return s.toString();
  }

  /** The class implementing annotation {@code type} from an array of its values. */
  private static String implementation(Class<? extends Annotation> type) {
    String name = type.getSimpleName() + "Values";
    StringBuilder s = new StringBuilder();
    s.append(String.format("%n  /** The values of one {@code @%s}. */%n", type.getSimpleName()));
    s.append(String.format("  private static final class %s implements %s {%n", name, typeName(type)));
    s.append("    private final Object[] v;\n\n");
    s.append(String.format("    %s(Object... v) {%n      this.v = v;%n    }%n%n", name));
    s.append("    @Override\n    public Class<? extends Annotation> annotationType() {\n");
    s.append(String.format("      return %s.class;%n    }%n", typeName(type)));
    Method[] methods = attributes(type);
    for (int i = 0; i < methods.length; i++) {
      Method m = methods[i];
      String returnType = m.getGenericReturnType().getTypeName().replace('$', '.');
      s.append("\n");
      if (m.isAnnotationPresent(Deprecated.class)) {
        s.append("    @Deprecated\n");
      }
      s.append(String.format("    @Override%n    public %s %s() {%n", returnType, m.getName()));
      if (m.getReturnType().isArray()) {
        s.append(String.format("      return ((%s) v[%d]).clone();%n    }%n", returnType, i));
      } else {
        s.append(String.format("      return (%s) v[%d];%n    }%n", returnType, i));
      }
    }
    s.append("  }\n");
    return s.toString();
  }

  /** A Java expression for an annotation attribute's value. */
  private String literal(Object v) {
    if (v instanceof String str) {
      return str(str);
    }
    if (v instanceof Boolean || v instanceof Integer) {
      return v.toString();
    }
    if (v instanceof Character ch) {
      return "(char) " + (int) ch;
    }
    if (v instanceof Enum<?> e) {
      if (!visible(e.getDeclaringClass())) {
        throw new IllegalStateException("enum value of a class the table cannot name: " + e);
      }
      return typeName(e.getDeclaringClass()) + "." + e.name();
    }
    if (v instanceof Class<?> c) {
      if (visible(c)) {
        return typeName(c) + ".class";
      }
      return "K" + hiddenClasses.computeIfAbsent(c.getName(), k -> hiddenClasses.size());
    }
    if (v.getClass().isArray() && !v.getClass().getComponentType().isPrimitive()) {
      Class<?> component = v.getClass().getComponentType();
      StringBuilder s = new StringBuilder("new ");
      s.append(component == Class.class ? "Class<?>" : typeName(component)).append("[] {");
      for (int i = 0; i < Array.getLength(v); i++) {
        s.append(i == 0 ? "" : ", ").append(literal(Array.get(v, i)));
      }
      return s.append("}").toString();
    }
    throw new IllegalStateException("annotation value the table cannot write: " + v);
  }

  /** Whether the generated source can name {@code c}. */
  private static boolean visible(Class<?> c) {
    for (Class<?> k = c; k != null; k = k.getEnclosingClass()) {
      if (!k.isPrimitive() && !Modifier.isPublic(k.getModifiers())) {
        return false;
      }
    }
    return true;
  }

  private static String typeName(Class<?> c) {
    return c.getCanonicalName();
  }

  /** A Java string literal. */
  private static String str(String s) {
    StringBuilder b = new StringBuilder("\"");
    for (char ch : s.toCharArray()) {
      switch (ch) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        default -> {
          if (ch < 0x20 || ch > 0x7e) {
            b.append(String.format("\\u%04x", (int) ch));
          } else {
            b.append(ch);
          }
        }
      }
    }
    return b.append('"').toString();
  }
}
