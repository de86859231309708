package io.augreg.augment;

import io.augreg.augment.Pipeline.Group;
import io.augreg.augment.Pipeline.Kind;
import io.augreg.augment.Pipeline.Leaf;
import io.augreg.augment.Pipeline.Node;
import io.augreg.core.AugregException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses the pipeline spec text.
 *
 * <pre>
 * spec     := '@' FILE | sequence
 * sequence := step ('|' step)*
 * step     := NAME option*                                  a transform
 *           | ('seq' | 'shuffle' | 'oneof') '(' sequence ')' option*   a group
 * option   := KEY '=' VALUE          VALUE: number | lo..hi | word | WxH
 * </pre>
 *
 * Every step and group takes {@code p} (probability, default 1) and {@code weight} (its weight
 * inside a {@code oneof}, default 1). Tokens are separated by blanks; {@code ( ) |} are tokens on
 * their own. In a file, {@code #} starts a comment and newlines are blanks.
 */
final class SpecParser {
  private static final String GROUPS = "seq(...), shuffle(...), oneof(...)";

  private final List<String> tokens;
  private int pos;

  private SpecParser(List<String> tokens) {
    this.tokens = tokens;
  }

  static Group parse(String spec) {
    if (spec == null) {
      throw new AugregException("pipeline spec is missing");
    }
    String text = spec.strip();
    if (text.startsWith("@")) {
      text = readFile(text.substring(1).strip());
    }
    List<String> tokens = tokenize(text);
    if (tokens.isEmpty()) {
      throw new AugregException(
          "pipeline spec is empty (expected steps like 'hflip p=0.5 | rotate deg=-30..30'; transforms: "
              + String.join(", ", Transforms.names())
              + "; groups: "
              + GROUPS
              + ")");
    }
    SpecParser p = new SpecParser(tokens);
    List<Node> steps = p.sequence();
    if (p.pos < tokens.size()) {
      throw p.error("unexpected '" + tokens.get(p.pos) + "'", "'|' between steps");
    }
    return new Group(Kind.SEQ, steps, 1, 1);
  }

  private static String readFile(String file) {
    if (file.isEmpty()) {
      throw new AugregException("pipeline spec '@': missing file name after @");
    }
    try {
      StringBuilder sb = new StringBuilder();
      for (String line : Files.readAllLines(Path.of(file), StandardCharsets.UTF_8)) {
        int hash = line.indexOf('#');
        sb.append(hash >= 0 ? line.substring(0, hash) : line).append(' ');
      }
      return sb.toString();
    } catch (IOException | RuntimeException e) {
      throw new AugregException("pipeline spec file " + file + ": cannot read (" + e.getMessage() + ")", e);
    }
  }

  static List<String> tokenize(String text) {
    List<String> out = new ArrayList<>();
    int i = 0;
    int n = text.length();
    while (i < n) {
      char c = text.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
      } else if (c == '(' || c == ')' || c == '|') {
        out.add(String.valueOf(c));
        i++;
      } else {
        int j = i;
        while (j < n) {
          char d = text.charAt(j);
          if (Character.isWhitespace(d) || d == '(' || d == ')' || d == '|') {
            break;
          }
          j++;
        }
        out.add(text.substring(i, j));
        i = j;
      }
    }
    return out;
  }

  private String peek() {
    return pos < tokens.size() ? tokens.get(pos) : null;
  }

  private AugregException error(String what, String expected) {
    return new AugregException("pipeline spec: " + what + " (expected " + expected + ")");
  }

  private List<Node> sequence() {
    List<Node> steps = new ArrayList<>();
    steps.add(step());
    while ("|".equals(peek())) {
      pos++;
      steps.add(step());
    }
    return steps;
  }

  private Node step() {
    String tok = peek();
    String expected =
        "a transform name ("
            + String.join(", ", Transforms.names())
            + ") or a group ("
            + GROUPS
            + ")";
    if (tok == null) {
      throw error("missing step at the end", expected);
    }
    if (tok.equals("|") || tok.equals("(") || tok.equals(")") || tok.contains("=")) {
      throw error("unexpected '" + tok + "'", expected);
    }
    pos++;
    Kind kind = groupKind(tok);
    if (kind != null && "(".equals(peek())) {
      pos++;
      List<Node> children = sequence();
      if (!")".equals(peek())) {
        throw error(
            peek() == null ? "missing ')' closing " + tok + "(" : "unexpected '" + peek() + "' in " + tok + "(...)",
            "')' or '|'");
      }
      pos++;
      Map<String, String> opts = options(tok);
      double p = stepNumber(tok, opts, "p");
      double weight = stepNumber(tok, opts, "weight");
      if (!opts.isEmpty()) {
        throw new AugregException(
            "pipeline spec, " + tok + "(...): unknown key '" + opts.keySet().iterator().next()
                + "' (valid keys: p, weight)");
      }
      try {
        return new Group(kind, children, p, weight);
      } catch (AugregException e) {
        throw new AugregException("pipeline spec: " + e.getMessage(), e);
      }
    }
    if (!Transforms.names().contains(tok)) {
      throw error("unknown transform '" + tok + "'", expected);
    }
    Map<String, String> opts = options(tok);
    double p = stepNumber(tok, opts, "p");
    double weight = stepNumber(tok, opts, "weight");
    try {
      return new Leaf(Transforms.create(tok, opts), p, weight);
    } catch (AugregException e) {
      throw new AugregException("pipeline spec, step " + e.getMessage(), e);
    }
  }

  private static Kind groupKind(String tok) {
    for (Kind k : Kind.values()) {
      if (k.specName.equals(tok)) {
        return k;
      }
    }
    return null;
  }

  /** Reads {@code key=value} tokens up to the next {@code |}, {@code )} or the end. */
  private Map<String, String> options(String step) {
    Map<String, String> opts = new LinkedHashMap<>();
    while (pos < tokens.size()) {
      String tok = tokens.get(pos);
      if (tok.equals("|") || tok.equals(")")) {
        break;
      }
      int eq = tok.indexOf('=');
      if (eq <= 0 || eq == tok.length() - 1) {
        throw error(
            "unexpected '" + tok + "' after " + step,
            "options as key=value, and '|' between steps");
      }
      String key = tok.substring(0, eq);
      if (opts.put(key, tok.substring(eq + 1)) != null) {
        throw new AugregException("pipeline spec, step " + step + ": key '" + key + "' given twice");
      }
      pos++;
    }
    return opts;
  }

  /** Removes and parses the step key {@code p} or {@code weight} (default 1). */
  private static double stepNumber(String step, Map<String, String> opts, String key) {
    String v = opts.remove(key);
    if (v == null) {
      return 1;
    }
    String expected = key.equals("p") ? "a probability in [0, 1]" : "a positive number";
    double d;
    try {
      d = Double.parseDouble(v);
    } catch (NumberFormatException e) {
      throw new AugregException(
          "pipeline spec, step " + step + ": bad value '" + key + "=" + v + "' (expected " + expected + ")");
    }
    boolean ok = key.equals("p") ? d >= 0 && d <= 1 : d > 0 && d < Double.POSITIVE_INFINITY;
    if (!ok) {
      throw new AugregException(
          "pipeline spec, step " + step + ": bad value '" + key + "=" + v + "' (expected " + expected + ")");
    }
    return d;
  }
}
