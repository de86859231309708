package io.augreg.core;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.Collection;
import java.util.Map;

/**
 * Small JSON documents written with jackson-core's streaming {@link JsonGenerator}, byte for byte
 * what jackson-databind's {@code ObjectMapper} writes (with {@code INDENT_OUTPUT} for {@link
 * #pretty}), without its first-use cost (introspection, date and locale set-up: about 0.1 CPU-s).
 *
 * <p>{@link #value} writes strings, numbers, booleans, enums (by name), maps with string keys,
 * collections, arrays and public records (components in declaration order) itself, as {@code
 * ObjectMapper} does; any other value is converted to a tree by an {@code ObjectMapper}, created on
 * first need, and the tree written.
 */
public final class JsonText {
  private static final JsonFactory FACTORY = new JsonFactory();

  private JsonText() {}

  /** Writes a document's body into a generator. */
  @FunctionalInterface
  public interface Body {
    /**
     * Writes the document.
     *
     * @param g the generator
     * @throws IOException from the generator
     */
    void write(JsonGenerator g) throws IOException;
  }

  /**
   * A document as {@code ObjectMapper} with {@code INDENT_OUTPUT} writes it: two-space indent,
   * {@code "key" : value}, short arrays on one line ({@code [ 1, 2 ]}); no trailing newline.
   *
   * @param body writes the document
   * @return the text
   */
  public static String pretty(Body body) {
    return write(body, true);
  }

  /**
   * A document on one line, as a default {@code ObjectMapper} writes it.
   *
   * @param body writes the document
   * @return the text
   */
  public static String compact(Body body) {
    return write(body, false);
  }

  private static String write(Body body, boolean pretty) {
    StringWriter out = new StringWriter(512);
    try (JsonGenerator g = FACTORY.createGenerator(out)) {
      if (pretty) {
        g.setPrettyPrinter(new DefaultPrettyPrinter());
      }
      body.write(g);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  /**
   * Writes a finite number, or null when it is NaN or infinite.
   *
   * @param g the generator
   * @param name field name
   * @param v the number
   * @throws IOException from the generator
   */
  public static void finiteField(JsonGenerator g, String name, double v) throws IOException {
    g.writeFieldName(name);
    if (Double.isFinite(v)) {
      g.writeNumber(v);
    } else {
      g.writeNull();
    }
  }

  /**
   * Writes any value as {@code ObjectMapper} serializes it (see the class comment).
   *
   * @param g the generator
   * @param v the value, may be null
   * @throws IOException from the generator
   */
  public static void value(JsonGenerator g, Object v) throws IOException {
    if (v == null) {
      g.writeNull();
    } else if (v instanceof String s) {
      g.writeString(s);
    } else if (v instanceof Integer i) {
      g.writeNumber(i);
    } else if (v instanceof Long l) {
      g.writeNumber(l);
    } else if (v instanceof Double d) {
      g.writeNumber(d);
    } else if (v instanceof Float f) {
      g.writeNumber(f);
    } else if (v instanceof Short s) {
      g.writeNumber(s);
    } else if (v instanceof Byte b) {
      g.writeNumber(b.intValue());
    } else if (v instanceof Boolean b) {
      g.writeBoolean(b);
    } else if (v instanceof Character c) {
      g.writeString(c.toString());
    } else if (v instanceof Enum<?> e && plainEnum(e)) {
      g.writeString(e.name());
    } else if (v instanceof Map<?, ?> m && stringKeys(m)) {
      g.writeStartObject();
      for (Map.Entry<?, ?> e : m.entrySet()) {
        g.writeFieldName((String) e.getKey());
        value(g, e.getValue());
      }
      g.writeEndObject();
    } else if (v instanceof Collection<?> c) {
      g.writeStartArray();
      for (Object o : c) {
        value(g, o);
      }
      g.writeEndArray();
    } else if (v instanceof double[] a) {
      g.writeArray(a, 0, a.length);
    } else if (v instanceof int[] a) {
      g.writeArray(a, 0, a.length);
    } else if (v instanceof long[] a) {
      g.writeArray(a, 0, a.length);
    } else if (v instanceof Object[] a) {
      value(g, Arrays.asList(a));
    } else if (v instanceof Record r && plainRecord(r.getClass())) {
      g.writeStartObject();
      for (RecordComponent c : r.getClass().getRecordComponents()) {
        g.writeFieldName(c.getName());
        try {
          value(g, c.getAccessor().invoke(r));
        } catch (IllegalAccessException | InvocationTargetException e) {
          throw new IllegalStateException("cannot read " + c + " of " + r.getClass().getName(), e);
        }
      }
      g.writeEndObject();
    } else {
      // as a tree, as ObjectNode.set(key, valueToTree(v)) did (e.g. BigDecimal normalized)
      Mapper.JSON.writeTree(g, Mapper.JSON.valueToTree(v));
    }
  }

  /** An enum that jackson-databind writes by {@link Enum#name()}: no annotation on it. */
  private static boolean plainEnum(Enum<?> e) {
    return e.getDeclaringClass().getAnnotations().length == 0;
  }

  private static boolean stringKeys(Map<?, ?> m) {
    for (Object k : m.keySet()) {
      if (!(k instanceof String)) {
        return false;
      }
    }
    return true;
  }

  /**
   * A record whose JSON properties are exactly its components: public, without annotations, and
   * without other {@code getX()}/{@code isX()} methods (which jackson-databind adds as properties).
   */
  private static boolean plainRecord(Class<?> type) {
    if (!Modifier.isPublic(type.getModifiers()) || type.getAnnotations().length != 0) {
      return false;
    }
    for (RecordComponent c : type.getRecordComponents()) {
      if (c.getAnnotations().length != 0 || c.getAccessor().getAnnotations().length != 0) {
        return false;
      }
    }
    for (Method m : type.getMethods()) {
      String n = m.getName();
      if (m.getParameterCount() == 0 && !Modifier.isStatic(m.getModifiers())
          && m.getDeclaringClass() == type
          && ((n.startsWith("get") && n.length() > 3) || (n.startsWith("is") && n.length() > 2))) {
        return false;
      }
    }
    return true;
  }

  /** The {@code ObjectMapper} for values {@link #value} does not write itself, made on first use. */
  private static final class Mapper {
    static final ObjectMapper JSON = new ObjectMapper();
  }
}
