package io.augreg.tune;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One point of a search: option name (without dashes) → value, in the order of the search axes.
 * Immutable; equal settings have equal {@link #id()}s, which name their run folders.
 *
 * @param values option → value
 */
public record Setting(Map<String, String> values) {

  /** Copies the map, keeping its order. */
  public Setting {
    values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
  }

  /** A setting with {@code values}. */
  public static Setting of(Map<String, String> values) {
    return new Setting(values);
  }

  /** This setting with {@code key} set to {@code value} (appended, or replaced in place). */
  public Setting with(String key, String value) {
    Map<String, String> m = new LinkedHashMap<>(values);
    m.put(key, value);
    return new Setting(m);
  }

  /** The value of {@code key}, or null. */
  public String get(String key) {
    return values.get(key);
  }

  /** {@code "l2=0.1 keep-prob=0.9"}, or {@code "(base options)"} when empty. */
  public String label() {
    if (values.isEmpty()) {
      return "(base options)";
    }
    StringBuilder b = new StringBuilder();
    for (Map.Entry<String, String> e : values.entrySet()) {
      b.append(b.length() == 0 ? "" : " ").append(e.getKey()).append('=').append(shortValue(e.getValue()));
    }
    return b.toString();
  }

  /** A value short enough for a label: a file's name for {@code @path}, long specs cut. */
  public static String shortValue(String v) {
    if (v.startsWith("@")) {
      int slash = Math.max(v.lastIndexOf('/'), v.lastIndexOf('\\'));
      return slash >= 0 ? v.substring(slash + 1) : v.substring(1);
    }
    return v.length() <= 40 ? v : v.substring(0, 37) + "...";
  }

  /**
   * A stable folder-safe name: the label's safe characters (up to 48) and 10 hex digits of the
   * SHA-256 of the full values, so different settings never share a folder.
   */
  public String id() {
    StringBuilder canon = new StringBuilder();
    for (Map.Entry<String, String> e : values.entrySet()) {
      canon.append(e.getKey()).append('=').append(e.getValue()).append('\n');
    }
    String safe = label().replaceAll("[^A-Za-z0-9.=_-]+", "_");
    if (safe.length() > 48) {
      safe = safe.substring(0, 48);
    }
    try {
      byte[] h = MessageDigest.getInstance("SHA-256").digest(canon.toString().getBytes(StandardCharsets.UTF_8));
      return safe + "-" + HexFormat.of().formatHex(h, 0, 5);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }
}
