package io.augreg.augment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import io.augreg.core.AugregException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Property: any spec text either parses into a pipeline whose {@code toSpec()} parses back into
 * an equal pipeline (and the same text), or is refused with an {@link AugregException} (a usage
 * error, exit 2) — never another exception. Specs are generated from the grammar's own pieces
 * (step names, group names, keys, {@code ( ) |}) and hostile values (NaN, ±Infinity, 1e308,
 * 4.9e-324, integer limits, empty and reversed ranges, junk), seeded so a failure reproduces;
 * a failing spec is shrunk token by token before it is reported. Only the public parsing API is
 * used, so the property survives changes in how transforms declare their options.
 */
class SpecGrammarPropertyTest {
  private static final int TRIES = 4000;

  private static final String[] KEYS = {
    "p", "weight", "deg", "size", "scale", "ratio", "interp", "border", "factor", "delta", "sigma",
    "x", "y", "mean", "gray", "value", "k", "zz", ""
  };

  private static final String[] NUMBERS = {
    "0", "1", "-1", "0.5", "-0.5", "2", "30", "-30", "255", "1e308", "-1e308", "1e-308", "4.9e-324",
    "NaN", "Infinity", "-Infinity", "2147483647", "-2147483648", "2147483648", "9223372036854775807",
    "-9223372036854775808", "99999999999999999999", "0x10", "1,5", "", ".", "-", "1e", "+3", "00"
  };

  private static final String[] WORDS = {
    "area", "linear", "nearest", "cubic", "reflect", "constant", "replicate", "pil", "true", "no",
    "all", "none", "x", "é", "\u0000", "=", ".."
  };

  private static String pick(SplittableRandom r, String[] a) {
    return a[r.nextInt(a.length)];
  }

  private static String value(SplittableRandom r) {
    return switch (r.nextInt(5)) {
      case 0, 1 -> pick(r, NUMBERS);
      case 2 -> pick(r, NUMBERS) + ".." + pick(r, NUMBERS);
      case 3 -> pick(r, NUMBERS) + "x" + pick(r, NUMBERS);
      default -> pick(r, WORDS);
    };
  }

  private static void step(SplittableRandom r, List<String> out, List<String> names, int depth) {
    int kind = r.nextInt(10);
    if (kind == 0 && depth < 3) {
      out.add(List.of("seq", "shuffle", "oneof").get(r.nextInt(3)));
      out.add("(");
      sequence(r, out, names, depth + 1);
      out.add(")");
    } else if (kind == 1) {
      out.add(pick(r, new String[] {"(", ")", "|", "@", "bogus", "=", "p=0.5"}));
    } else {
      out.add(names.get(r.nextInt(names.size())));
    }
    int options = r.nextInt(4);
    for (int i = 0; i < options; i++) {
      out.add(pick(r, KEYS) + (r.nextInt(12) == 0 ? "" : "=") + value(r));
    }
  }

  private static void sequence(SplittableRandom r, List<String> out, List<String> names, int depth) {
    int steps = 1 + r.nextInt(4);
    for (int i = 0; i < steps; i++) {
      if (i > 0) {
        out.add(r.nextInt(15) == 0 ? "||" : "|");
      }
      step(r, out, names, depth);
    }
  }

  /** Null when the property holds for {@code spec}, else what went wrong. */
  private static String violation(String spec) {
    Pipeline p;
    try {
      p = Pipeline.parse(spec);
    } catch (AugregException e) {
      return null; // a usage error: fine
    } catch (RuntimeException | StackOverflowError e) {
      return "parse threw " + e;
    }
    try {
      String text = p.toSpec();
      Pipeline again = Pipeline.parse(text);
      if (!again.equals(p)) {
        return "toSpec '" + text + "' parses into a different pipeline";
      }
      if (!again.toSpec().equals(text)) {
        return "toSpec is not stable: '" + text + "' then '" + again.toSpec() + "'";
      }
      return null;
    } catch (RuntimeException e) {
      return "round trip threw " + e;
    }
  }

  /** Drops tokens while the spec still violates the property. */
  private static List<String> shrink(List<String> tokens) {
    List<String> cur = new ArrayList<>(tokens);
    boolean progress = true;
    while (progress) {
      progress = false;
      for (int i = 0; i < cur.size(); i++) {
        List<String> smaller = new ArrayList<>(cur);
        smaller.remove(i);
        if (!smaller.isEmpty() && violation(String.join(" ", smaller)) != null) {
          cur = smaller;
          progress = true;
          break;
        }
      }
    }
    return cur;
  }

  @Test
  @Timeout(60)
  void everySpecParsesAndRoundTripsOrIsAUsageError() {
    List<String> names = new ArrayList<>(Transforms.names());
    SplittableRandom r = new SplittableRandom(19);
    int parsed = 0;
    for (int t = 0; t < TRIES; t++) {
      List<String> tokens = new ArrayList<>();
      sequence(r, tokens, names, 0);
      String spec = String.join(" ", tokens);
      String v = violation(spec);
      if (v != null) {
        String small = String.join(" ", shrink(tokens));
        fail("try " + t + ": '" + small + "': " + violation(small) + " (from '" + spec + "')");
      }
      try {
        Pipeline.parse(spec);
        parsed++;
      } catch (AugregException e) {
        // counted below
      }
    }
    // the generator must reach both outcomes, or the property says little
    int refused = TRIES - parsed;
    assertEquals(true, parsed > TRIES / 20 && refused > TRIES / 20,
        parsed + " parsed, " + refused + " refused");
  }

  @Test
  void hostileSingleValuesOfEveryKeyOfEveryStep() {
    for (String name : Transforms.names()) {
      for (String key : KEYS) {
        for (String n : NUMBERS) {
          for (String v : new String[] {n, n + ".." + n, "1.." + n, n + "..1", n + "x" + n}) {
            String spec = name + " " + key + "=" + v;
            String problem = violation(spec);
            if (problem != null) {
              fail("'" + spec + "': " + problem);
            }
          }
        }
      }
    }
  }
}
