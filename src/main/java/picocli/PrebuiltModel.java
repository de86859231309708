package picocli;

import java.lang.annotation.Annotation;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import picocli.CommandLine.Command;
import picocli.CommandLine.IFactory;
import picocli.CommandLine.InitializationException;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.CommandUserObject;
import picocli.CommandLine.Model.FieldBinding;
import picocli.CommandLine.Model.IAnnotatedElement;
import picocli.CommandLine.Model.IExtensible;
import picocli.CommandLine.Model.IGetter;
import picocli.CommandLine.Model.IScope;
import picocli.CommandLine.Model.ISetter;
import picocli.CommandLine.Model.ITypeInfo;
import picocli.CommandLine.Model.InitialValueState;
import picocli.CommandLine.Model.ObjectScope;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.Model.RuntimeTypeInfo;
import picocli.CommandLine.Model.TypedMember;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Range;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * picocli's command model built from a table of annotation values instead of the annotations.
 *
 * <p>Reading an annotation makes the JDK generate a proxy class for its type on first use, and
 * Java 17's class-data sharing archive cannot keep those classes: picocli's model of a command
 * cost every start about 50 ms of proxies and annotation parsing (docs/startup.md). augreg's build
 * writes the annotation values of its commands into a table class (io.augreg.cli.CliTable,
 * generated from the annotations by io.augreg.cli.CliTableWriter); this class feeds those values
 * to picocli's own builders, {@link OptionSpec#builder(IAnnotatedElement, IFactory)}, {@link
 * PositionalParamSpec#builder(IAnnotatedElement, IFactory)} and {@link
 * CommandSpec#updateCommandAttributes(Command, IFactory)}, in the order and with the steps of
 * picocli's own reflection (CommandLine.Model.CommandReflection.extractCommandSpec, for annotated
 * fields), so that arity, labels, defaults, negatable options and the help layout are picocli's.
 * It lives in picocli's package (the build compiles picocli from source into the same jar) to use
 * picocli's package-private pieces: its type information, field bindings and validation.
 *
 * <p>A class the table does not know, and anything beyond annotated fields (annotated methods,
 * argument groups, {@code @Unmatched}, {@code @ParentCommand}: the table writer refuses them), is
 * built by picocli's reflection as before.
 */
public final class PrebuiltModel {

  /** The annotation values of the classes a build knew. */
  public interface Table {
    /**
     * The annotation values of {@code type}.
     *
     * @param type a command, mixin or version provider class
     * @return its entry, or null when the table does not know the class
     */
    Entry entry(Class<?> type);
  }

  /**
   * One class of a table.
   *
   * @param command its {@code @Command}, or null if it has none
   * @param members its annotated fields, in the order of {@link Class#getDeclaredFields()}
   */
  public record Entry(Command command, Member[] members) {}

  /**
   * One annotated field of a class.
   *
   * @param field the field's name
   * @param annotations its picocli annotations
   */
  public record Member(String field, Annotation... annotations) {}

  /** Thrown inside a build when the table lacks a class: the whole command is then reflected. */
  private static final class Unknown extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Unknown() {
      super(null, null, false, false);
    }
  }

  private PrebuiltModel() {}

  /**
   * The table class named {@code className}, or null when it is not on the class path (a build
   * that did not run the table writer).
   *
   * @param className the generated class's binary name
   * @return a table, or null
   */
  public static Table load(String className) {
    try {
      return (Table) Class.forName(className).getDeclaredConstructor().newInstance();
    } catch (ReflectiveOperationException | LinkageError e) {
      return null;
    }
  }

  /**
   * A class named in a table by name because the table's source cannot name it (picocli's private
   * default classes, such as the "no version provider" marker).
   *
   * @param binaryName the class's binary name
   * @return the class
   */
  public static Class<?> type(String binaryName) {
    try {
      return Class.forName(binaryName, false, PrebuiltModel.class.getClassLoader());
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException("class of the picocli table not found: " + binaryName, e);
    }
  }

  /**
   * The command line of {@code command}, as {@code new CommandLine(command, factory)} builds it.
   *
   * @param table the annotation values, or null to reflect as picocli does
   * @param command a command object or class
   * @param factory makes the command objects, mixins, converters and providers
   * @return the command line
   */
  public static CommandLine commandLine(Table table, Object command, IFactory factory) {
    if (table != null) {
      try {
        return new CommandLine(spec(table, command, factory), factory);
      } catch (Unknown e) {
        // a class the table lacks: the whole command by reflection, below
      }
    }
    return new CommandLine(command, factory);
  }

  /** CommandReflection.extractCommandSpec for a class whose only superclass is Object. */
  private static CommandSpec spec(Table table, Object command, IFactory factory) {
    Class<?> type = command instanceof Class<?> c ? c : command.getClass();
    Entry entry = table.entry(type);
    if (entry == null || type.getSuperclass() != Object.class) {
      throw new Unknown();
    }
    CommandUserObject userObject = CommandUserObject.create(command, factory);
    CommandSpec result = CommandSpec.wrapWithoutInspection(userObject, factory);
    Command cmd = entry.command();
    boolean mixinStandardHelpOptions = false;
    if (cmd != null) {
      result.updateCommandAttributes(cmd, factory);
      injectSpecIntoVersionProvider(table, result, cmd, factory);
      mixinStandardHelpOptions = cmd.mixinStandardHelpOptions();
      for (Class<?> sub : cmd.subcommands()) {
        Entry subEntry = table.entry(sub);
        if (subEntry == null || subEntry.command() == null) {
          throw new Unknown();
        }
        CommandLine subcommandLine = new CommandLine(spec(table, sub, factory), factory);
        result.addSubcommand(subEntry.command().name(), subcommandLine);
        subcommandLine.getCommandSpec().injectParentCommand(userObject);
        for (CommandSpec mixin : subcommandLine.getCommandSpec().mixins().values()) {
          mixin.injectParentCommand(userObject);
        }
      }
    }
    Field[] fields = type.getDeclaredFields();
    for (Member member : entry.members()) {
      addMember(table, new TableMember(field(fields, member.field()), userObject, member), result, factory);
    }
    if (mixinStandardHelpOptions) {
      mixinStandardHelpOptions(table, result);
    }
    result.validate();
    return result;
  }

  private static Field field(Field[] fields, String name) {
    for (Field f : fields) {
      if (f.getName().equals(name)) {
        return f;
      }
    }
    throw new Unknown();
  }

  /** CommandReflection.injectSpecIntoVersionProvider: the provider's {@code @Spec} fields. */
  private static void injectSpecIntoVersionProvider(
      Table table, CommandSpec result, Command cmd, IFactory factory) {
    if (result.versionProvider() == null) {
      return;
    }
    Entry entry = table.entry(cmd.versionProvider());
    if (entry == null || cmd.versionProvider().getSuperclass() != Object.class) {
      throw new Unknown();
    }
    IScope scope = new ObjectScope(result.versionProvider());
    Field[] fields = cmd.versionProvider().getDeclaredFields();
    for (Member member : entry.members()) {
      TableMember m = new TableMember(field(fields, member.field()), scope, member);
      if (m.isSpec()
          && !(m.isMixin() || m.isOption() || m.isParameter() || m.isParentCommand())) {
        addMember(table, m, result, factory);
      }
    }
  }

  /** CommandReflection.initFromAnnotatedTypedMembers for a field outside an argument group. */
  private static void addMember(
      Table table, TableMember member, CommandSpec commandSpec, IFactory factory) {
    if (member.isMixin()) {
      CommandSpec mixin = mixin(table, member, factory);
      commandSpec.addMixin(member.getMixinName(), mixin, member);
      for (IAnnotatedElement specElement : mixin.specElements()) {
        if (specElement.getAnnotation(Spec.class).value() == Spec.Target.MIXEE) {
          try {
            specElement.setter().set(commandSpec);
          } catch (Exception ex) {
            throw new InitializationException("Could not inject MIXEE spec", ex);
          }
        }
      }
    }
    if (member.isArgSpec()) {
      if (Modifier.isFinal(member.field.getModifiers())
          && (member.field.getType().isPrimitive()
              || String.class.isAssignableFrom(member.field.getType()))) {
        throw new Unknown(); // picocli's reflection reports it
      }
      if (member.isOption()) {
        commandSpec.add(OptionSpec.builder(member, factory).build());
      } else {
        commandSpec.add(PositionalParamSpec.builder(member, factory).build());
      }
    }
    if (member.isSpec()) {
      commandSpec.addSpecElement(member);
      if (member.getAnnotation(Spec.class).value() == Spec.Target.SELF) {
        try {
          member.setter().set(commandSpec);
        } catch (Exception ex) {
          throw new InitializationException("Could not inject spec", ex);
        }
      }
    }
  }

  /** CommandReflection.buildMixinForMember. */
  private static CommandSpec mixin(Table table, TableMember member, IFactory factory) {
    try {
      Object userObject = member.getter().get();
      if (userObject == null) {
        userObject = factory.create(member.getTypeInfo().getType());
        member.setter().set(userObject);
      }
      return spec(table, userObject, factory).withToString(member.getToString());
    } catch (InitializationException | Unknown ex) {
      throw ex;
    } catch (Exception ex) {
      throw new InitializationException(
          "Could not access or modify mixin member " + member + ": " + ex, ex);
    }
  }

  /** CommandSpec.mixinStandardHelpOptions(true), with the help mixin's options from the table. */
  private static void mixinStandardHelpOptions(Table table, CommandSpec spec) {
    if (spec.inherited() || spec.scopeType() == ScopeType.INHERIT) {
      throw new Unknown();
    }
    CommandSpec mixin = spec(table, new CommandLine.AutoHelpMixin(), CommandLine.defaultFactory());
    for (String key : mixin.optionsMap().keySet()) {
      if (spec.optionsMap().containsKey(key)) {
        return;
      }
    }
    spec.addMixin("mixinStandardHelpOptions", mixin);
  }

  /**
   * CommandLine.Model.TypedMember for a field, with its annotations from the table: picocli's
   * builders read everything else (type, generic type, binding) from here as from its own.
   */
  static final class TableMember implements IAnnotatedElement, IExtensible {
    final Field field;
    private final Annotation[] annotations;
    private final ITypeInfo typeInfo;
    private final IScope scope;
    private final FieldBinding binding;

    TableMember(Field field, IScope scope, Member member) {
      this.field = field;
      this.annotations = member.annotations();
      field.setAccessible(true);
      typeInfo = createTypeInfo(field.getType(), field.getGenericType());
      if (ObjectScope.isProxyClass(scope)) {
        throw new InitializationException("Invalid picocli annotation on interface field");
      }
      binding = new FieldBinding(scope, field);
      this.scope = scope;
    }

    /** TypedMember.createTypeInfo. */
    private ITypeInfo createTypeInfo(Class<?> type, Type genericType) {
      Range arity = null;
      if (isOption()) {
        arity = Range.valueOf(getAnnotation(Option.class).arity());
      }
      if (isParameter()) {
        arity = Range.valueOf(getAnnotation(Parameters.class).arity());
      }
      if (arity == null || arity.isUnspecified()) {
        if (isOption()) {
          arity =
              (type == null || type == Boolean.class || type == Boolean.TYPE) ? Range.valueOf("0") : Range.valueOf("1");
        } else {
          arity = Range.valueOf("1");
        }
        arity = arity.unspecified(true);
      }
      Class<?>[] annotationTypes =
          isOption()
              ? getAnnotation(Option.class).type()
              : isParameter() ? getAnnotation(Parameters.class).type() : new Class<?>[0];
      return RuntimeTypeInfo.create(
          type,
          annotationTypes,
          genericType,
          arity,
          (isOption() ? boolean.class : String.class),
          isInteractive());
    }

    @Override
    public Object userObject() {
      return field;
    }

    @Override
    public boolean isAnnotationPresent(Class<? extends Annotation> annotationClass) {
      return getAnnotation(annotationClass) != null;
    }

    @Override
    public <T extends Annotation> T getAnnotation(Class<T> annotationClass) {
      for (Annotation a : annotations) {
        if (a.annotationType() == annotationClass) {
          return annotationClass.cast(a);
        }
      }
      return null;
    }

    @Override
    public String getName() {
      return field.getName();
    }

    @Override
    public String getMixinName() {
      String annotationName = getAnnotation(Mixin.class).name();
      return annotationName == null || annotationName.trim().isEmpty() ? getName() : annotationName;
    }

    @Override
    public boolean isArgSpec() {
      return isOption() || isParameter();
    }

    @Override
    public boolean isOption() {
      return isAnnotationPresent(Option.class);
    }

    @Override
    public boolean isParameter() {
      return isAnnotationPresent(Parameters.class);
    }

    @Override
    public boolean isArgGroup() {
      return isAnnotationPresent(CommandLine.ArgGroup.class);
    }

    @Override
    public boolean isMixin() {
      return isAnnotationPresent(Mixin.class);
    }

    @Override
    public boolean isUnmatched() {
      return isAnnotationPresent(CommandLine.Unmatched.class);
    }

    @Override
    public boolean isSpec() {
      return isAnnotationPresent(Spec.class);
    }

    @Override
    public boolean isParentCommand() {
      return isAnnotationPresent(CommandLine.ParentCommand.class);
    }

    @Override
    public boolean isMultiValue() {
      Class<?> cls = typeInfo.getType(); // CommandLine.isMultiValue
      return (cls.isArray() && cls != char[].class)
          || java.util.Collection.class.isAssignableFrom(cls)
          || java.util.Map.class.isAssignableFrom(cls);
    }

    @Override
    public boolean isInteractive() {
      return (isOption() && getAnnotation(Option.class).interactive())
          || (isParameter() && getAnnotation(Parameters.class).interactive());
    }

    @Override
    public boolean hasInitialValue() {
      return true; // TypedMember of a field: POSTPONED
    }

    @Override
    public boolean isMethodParameter() {
      return false;
    }

    @Override
    public int getMethodParamPosition() {
      return -1;
    }

    @Override
    public IScope scope() {
      return scope;
    }

    @Override
    public IGetter getter() {
      return binding;
    }

    @Override
    public ISetter setter() {
      return binding;
    }

    @Override
    public ITypeInfo getTypeInfo() {
      return typeInfo;
    }

    @Override
    public String getToString() {
      if (isMixin()) {
        return TypedMember.abbreviate("mixin from member " + field.toGenericString());
      }
      return "field " + TypedMember.abbreviate(field.toGenericString());
    }

    @Override
    public <T> T getExtension(Class<T> cls) {
      return cls == InitialValueState.class ? cls.cast(InitialValueState.POSTPONED) : null;
    }

    @Override
    public String toString() {
      return field.toString();
    }
  }
}
