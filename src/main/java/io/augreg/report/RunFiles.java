package io.augreg.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.augreg.core.AugregException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reading what a run wrote: JSON documents, {@code history.csv} columns and PNG pictures. */
final class RunFiles {
  private RunFiles() {}

  /** The JSON document in {@code file}. */
  static JsonNode json(Path file) {
    try {
      return new ObjectMapper().readTree(file.toFile());
    } catch (IOException e) {
      throw new AugregException(file + ": cannot read it for the report (" + e.getMessage() + ")", e);
    }
  }

  /** A PNG file as a data URI (the run's own charts are already small). */
  static String png(Path file) {
    try {
      return "data:image/png;base64," + Base64.getEncoder().encodeToString(Files.readAllBytes(file));
    } catch (IOException e) {
      throw new AugregException(file + ": cannot read it for the report (" + e.getMessage() + ")", e);
    }
  }

  /** A number field, NaN when missing or null. */
  static double num(JsonNode node, String field) {
    JsonNode v = node.path(field);
    return v.isNumber() ? v.asDouble() : Double.NaN;
  }

  /**
   * The columns of a CSV file with a header line, by name; empty cells are NaN.
   *
   * @param file e.g. {@code history.csv}
   * @return column name → values, in file order
   */
  static Map<String, double[]> columns(Path file) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new AugregException(file + ": cannot read it for the report (" + e.getMessage() + ")", e);
    }
    Map<String, double[]> out = new LinkedHashMap<>();
    if (lines.isEmpty()) {
      return out;
    }
    String[] names = lines.get(0).split(",", -1);
    List<String[]> rows = new ArrayList<>();
    for (String line : lines.subList(1, lines.size())) {
      if (!line.isBlank()) {
        rows.add(line.split(",", -1));
      }
    }
    for (int c = 0; c < names.length; c++) {
      double[] v = new double[rows.size()];
      for (int r = 0; r < v.length; r++) {
        String cell = c < rows.get(r).length ? rows.get(r)[c].trim() : "";
        v[r] = cell.isEmpty() ? Double.NaN : Double.parseDouble(cell);
      }
      out.put(names[c].trim(), v);
    }
    return out;
  }
}
