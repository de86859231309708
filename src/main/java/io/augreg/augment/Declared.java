package io.augreg.augment;

import io.augreg.core.AugregException;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What a record declares about itself, read once per class from its components: for a transform
 * record (a {@link Step}) the spec parsing, {@code toSpec} and its parameter type; for a parameter
 * record (a {@link StepParams}) the manifest map in both directions. One {@link Codec} per component
 * type (range, number, integer, long, boolean, enum by spec name, WxH); keys, defaults and terse
 * components come from {@link Opt}. The spec name of a transform is its class name in lower case.
 */
final class Declared {
  private static final ClassValue<Declared> CACHE =
      new ClassValue<>() {
        @Override
        protected Declared computeValue(Class<?> type) {
          return new Declared(type);
        }
      };

  /** One record component. */
  private record Component(String key, Codec codec, Object def, boolean terse, Method accessor) {}

  private final Class<?> type;
  private final String name;
  private final List<Component> components = new ArrayList<>();
  private final Constructor<?> constructor;
  private final Method fromMap;
  /**
   * The {@code P} of {@code Step<P>} for a step record, else null; read once here, since every
   * applied step asks for it twice (reflection cloned two arrays on each call).
   */
  private final Class<?> paramsType;

  private Declared(Class<?> type) {
    if (!type.isRecord()) {
      throw new IllegalArgumentException(type + " is not a record");
    }
    this.type = type;
    Class<?> named = type.isMemberClass() && StepParams.class.isAssignableFrom(type)
        ? type.getDeclaringClass() : type;
    this.name = named.getSimpleName().toLowerCase(Locale.ROOT);
    Method m = null;
    try {
      m = type.getDeclaredMethod("fromMap", Map.class);
      if (!Modifier.isStatic(m.getModifiers())) {
        m = null;
      } else {
        m.setAccessible(true);
      }
    } catch (NoSuchMethodException e) {
      // the map is read component by component
    }
    fromMap = m;
    paramsType = stepParamsType(type);
    // a record with its own fromMap (and toMap) has components no codec reads
    RecordComponent[] rc = m != null ? new RecordComponent[0] : type.getRecordComponents();
    Class<?>[] types = new Class<?>[rc.length];
    for (int i = 0; i < rc.length; i++) {
      RecordComponent c = rc[i];
      types[i] = c.getType();
      Opt opt = c.getAnnotation(Opt.class);
      String key = opt == null || opt.key().isEmpty() ? snake(c.getName()) : opt.key();
      Codec codec = Codec.of(c.getType(), c.getGenericType());
      Object def = null;
      if (opt != null && !Opt.NONE.equals(opt.value())) {
        def = codec.parse(opt.value());
      }
      Method accessor = c.getAccessor();
      accessor.setAccessible(true);
      components.add(new Component(key, codec, def, opt != null && opt.terse(), accessor));
    }
    try {
      constructor = m != null ? null : type.getDeclaredConstructor(types);
      if (constructor != null) {
        constructor.setAccessible(true);
      }
    } catch (NoSuchMethodException e) {
      throw new IllegalStateException(type + ": no canonical constructor", e);
    }
  }

  /**
   * The declaration of a record class.
   *
   * @param type a record class
   * @return its cached declaration
   */
  static Declared of(Class<?> type) {
    return CACHE.get(type);
  }

  /** The spec name (the transform's class name in lower case). */
  String name() {
    return name;
  }

  /** The keys in declaration order. */
  List<String> keys() {
    return components.stream().map(Component::key).toList();
  }

  /**
   * Builds the record from spec options, rejecting unknown keys and bad values with one line
   * naming the transform, the key and what was expected.
   */
  Object parse(Map<String, String> options) {
    for (String key : options.keySet()) {
      if (!keys().contains(key)) {
        String valid = components.isEmpty() ? "none" : String.join(", ", keys());
        throw new AugregException(
            name + ": unknown key '" + key + "' (valid keys: " + valid
                + "; every step also takes p and weight)");
      }
    }
    Object[] args = new Object[components.size()];
    for (int i = 0; i < args.length; i++) {
      Component c = components.get(i);
      String text = options.get(c.key());
      if (text == null) {
        args[i] = c.def();
      } else {
        try {
          args[i] = c.codec().parse(text);
        } catch (IllegalArgumentException e) {
          String expected = e instanceof WxH.TooManyPixels ? e.getMessage() : c.codec().expected();
          throw new AugregException(
              name + ": bad value '" + c.key() + "=" + text + "' (expected " + expected + ")");
        }
      }
      if (args[i] == null && c.accessor().getReturnType().isPrimitive()) {
        throw new AugregException(name + ": missing key '" + c.key() + "'");
      }
    }
    return construct(args);
  }

  /** {@code name key=value ...}: every component, terse ones only when not at their default. */
  String toSpec(Object record) {
    StringBuilder sb = new StringBuilder(name);
    for (Component c : components) {
      Object v = get(c, record);
      if (v == null || (c.terse() && v.equals(c.def()))) {
        continue;
      }
      sb.append(' ').append(c.key()).append('=').append(c.codec().format(v));
    }
    return sb.toString();
  }

  /** The manifest map of a parameter record, in component order. */
  Map<String, Object> toMap(Object record) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (Component c : components) {
      Object v = get(c, record);
      if (v == null || (c.terse() && v.equals(c.def()))) {
        continue;
      }
      m.put(c.key(), c.codec().toJson(v));
    }
    return Collections.unmodifiableMap(m);
  }

  /** Rebuilds a parameter record from its manifest map (numbers of any boxed type). */
  Object fromMap(Map<String, Object> map) {
    if (fromMap != null) {
      try {
        return fromMap.invoke(null, map);
      } catch (InvocationTargetException e) {
        throw rethrow(e);
      } catch (IllegalAccessException e) {
        throw new IllegalStateException(e);
      }
    }
    String what = name + " parameters";
    Object[] args = new Object[components.size()];
    for (int i = 0; i < args.length; i++) {
      Component c = components.get(i);
      Object v = map == null ? null : map.get(c.key());
      if (v == null) {
        if (c.def() == null) {
          throw new AugregException(what + ": missing key '" + c.key() + "'");
        }
        args[i] = c.def();
      } else {
        args[i] = c.codec().fromJson(v, what, c.key());
      }
    }
    return construct(args);
  }

  /** The parameter record class of a {@link Step} record: the {@code P} of {@code Step<P>}. */
  Class<?> paramsType() {
    if (paramsType == null) {
      throw new IllegalStateException(type + " does not implement Step<P>");
    }
    return paramsType;
  }

  private static Class<?> stepParamsType(Class<?> type) {
    for (Type t : type.getGenericInterfaces()) {
      if (t instanceof ParameterizedType pt
          && pt.getRawType() == Step.class
          && pt.getActualTypeArguments()[0] instanceof Class<?> c) {
        return c;
      }
    }
    return null;
  }

  private Object construct(Object[] args) {
    try {
      return constructor.newInstance(args);
    } catch (InvocationTargetException e) {
      throw rethrow(e);
    } catch (InstantiationException | IllegalAccessException e) {
      throw new IllegalStateException(e);
    }
  }

  private RuntimeException rethrow(InvocationTargetException e) {
    Throwable t = e.getCause();
    if (t instanceof AugregException a) {
      return a;
    }
    if (t instanceof IllegalArgumentException i) {
      return new AugregException(name + ": " + i.getMessage(), i);
    }
    if (t instanceof RuntimeException r) {
      return r;
    }
    return new IllegalStateException(t);
  }

  private static Object get(Component c, Object record) {
    try {
      return c.accessor().invoke(record);
    } catch (IllegalAccessException | InvocationTargetException e) {
      throw new IllegalStateException(e);
    }
  }

  /** {@code outWidth -> out_width}. */
  static String snake(String camel) {
    StringBuilder sb = new StringBuilder();
    for (char ch : camel.toCharArray()) {
      if (Character.isUpperCase(ch)) {
        sb.append('_').append(Character.toLowerCase(ch));
      } else {
        sb.append(ch);
      }
    }
    return sb.toString();
  }

  /** Reads and writes one component type in specs and maps. */
  interface Codec {
    /** Parses spec text; throws IllegalArgumentException when malformed. */
    Object parse(String text);

    /** Spec text of a value. */
    String format(Object v);

    /** The JSON-friendly value. */
    Object toJson(Object v);

    /** The value from a map read back from JSON. */
    Object fromJson(Object v, String what, String key);

    /** What a good value looks like, for error messages. */
    String expected();

    static Codec of(Class<?> c, Type generic) {
      if (c == Range.class) {
        return simple("a number or a range lo..hi", Range::parse, v -> ((Range) v).toSpec());
      }
      if (c == double.class || c == Double.class) {
        return scalar("a number", t -> {
          double d = Double.parseDouble(t);
          if (!Double.isFinite(d)) {
            throw new IllegalArgumentException(t);
          }
          return d;
        }, v -> Num.fmt((Double) v), ParamMaps::num);
      }
      if (c == int.class || c == Integer.class) {
        return scalar("an integer", Integer::parseInt, Object::toString, ParamMaps::integer);
      }
      if (c == long.class || c == Long.class) {
        return scalar("an integer", Long::parseLong, Object::toString, ParamMaps::longValue);
      }
      if (c == boolean.class || c == Boolean.class) {
        return scalar("true or false", t -> switch (t.toLowerCase(Locale.ROOT)) {
          case "true", "yes", "1" -> true;
          case "false", "no", "0" -> false;
          default -> throw new IllegalArgumentException(t);
        }, Object::toString, ParamMaps::bool);
      }
      if (c == String.class) {
        return simple("a word", t -> t, Object::toString);
      }
      if (c == WxH.class) {
        return simple("WIDTHxHEIGHT, e.g. 224x224, each 1..65535", WxH::parse, Object::toString);
      }
      if (c.isEnum() && SpecName.class.isAssignableFrom(c)) {
        Object[] values = c.getEnumConstants();
        String names = Arrays.stream(values).map(v -> ((SpecName) v).specName())
            .collect(Collectors.joining(", "));
        return new Codec() {
          @Override public Object parse(String t) {
            for (Object v : values) {
              if (((SpecName) v).specName().equals(t)) {
                return v;
              }
            }
            throw new IllegalArgumentException(t);
          }
          @Override public String format(Object v) {
            return ((SpecName) v).specName();
          }
          @Override public Object toJson(Object v) {
            return format(v);
          }
          @Override public Object fromJson(Object v, String what, String key) {
            String s = v.toString();
            for (Object e : values) {
              if (((SpecName) e).specName().equals(s)) {
                return e;
              }
            }
            throw new AugregException(
                what + ": unknown " + key + " '" + s + "' (valid: " + names + ")");
          }
          @Override public String expected() {
            return "one of " + names;
          }
        };
      }
      throw new IllegalStateException("no codec for record components of type " + generic);
    }

    /** Reads a number or boolean from a map as {@link ParamMaps} does (naming the bad key). */
    interface MapReader {
      Object read(Map<String, Object> map, String transform, String key);
    }

    /** A number or boolean: JSON keeps the value itself. */
    private static Codec scalar(
        String expected,
        java.util.function.Function<String, Object> parse,
        java.util.function.Function<Object, String> format,
        MapReader reader) {
      return new Codec() {
        @Override public Object parse(String t) {
          return parse.apply(t);
        }
        @Override public String format(Object v) {
          return format.apply(v);
        }
        @Override public Object toJson(Object v) {
          return v;
        }
        @Override public Object fromJson(Object v, String what, String key) {
          return reader.read(Map.of(key, v), what.replace(" parameters", ""), key);
        }
        @Override public String expected() {
          return expected;
        }
      };
    }

    private static Codec simple(
        String expected,
        java.util.function.Function<String, Object> parse,
        java.util.function.Function<Object, String> format) {
      return new Codec() {
        @Override public Object parse(String t) {
          try {
            return parse.apply(t);
          } catch (AugregException e) {
            throw new IllegalArgumentException(t, e);
          }
        }
        @Override public String format(Object v) {
          return format.apply(v);
        }
        @Override public Object toJson(Object v) {
          return format(v);
        }
        @Override public Object fromJson(Object v, String what, String key) {
          try {
            return parse.apply(v.toString());
          } catch (IllegalArgumentException | AugregException e) {
            throw new AugregException(
                what + ": '" + key + "' must be " + expected + ", got " + v);
          }
        }
        @Override public String expected() {
          return expected;
        }
      };
    }
  }
}
