package io.augreg.report;

import io.augreg.core.AtomicFiles;
import io.augreg.core.AugregException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;

/**
 * Renders a {@link Page} as HTML ({@link HtmlPage}: every text of the page is escaped, so file
 * and class names with {@code <}, {@code &} or quotes show as text) and writes it to a temporary
 * name, renamed when complete.
 */
public final class PageWriter {
  /**
   * The page's one script (sortable tables), and its SHA-256 for the Content-Security-Policy:
   * the browser runs this script and no other, so even a name that escaped escaping could not.
   */
  private static final String SCRIPT = script();

  private static final String SCRIPT_HASH = sha256(SCRIPT);

  private PageWriter() {}

  private static String script() {
    return resource("page.js");
  }

  /** The text of {@code io/augreg/report/NAME} in the jar. */
  static String resource(String name) {
    try (var in = PageWriter.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("io/augreg/report/" + name + " missing from the jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read io/augreg/report/" + name, e);
    }
  }

  private static String sha256(String text) {
    try {
      return Base64.getEncoder().encodeToString(
          MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("no SHA-256", e);
    }
  }

  /**
   * The page as HTML.
   *
   * @param page the page
   * @return the document
   */
  public static String render(Page page) {
    String version = PageWriter.class.getPackage().getImplementationVersion();
    return HtmlPage.render(page, version == null ? "dev" : version, SCRIPT, SCRIPT_HASH);
  }

  /**
   * Renders a small page with one block of every kind and drops it, so that the page's classes
   * and the chart layout are loaded before a command renders its real page (a command can call
   * this on a background thread while it computes).
   *
   * @return the length of the sample page (so that the work is not dropped as dead)
   */
  public static int warmUp() {
    return render(sample()).length();
  }

  /** A page with one block of every kind, each with its optional parts ({@link #warmUp}). */
  static Page sample() {
    Block.Fact fact = new Block.Fact("setting", "value", "key");
    double[] x = {0, 100, 200};
    SvgChart chart = SvgChart.of("cost", "iteration", "cost", List.of(
        new SvgChart.Series("run", x, new double[] {0.7, 0.4, 0.3}, false),
        new SvgChart.Series("run, test", x, new double[] {0.7, 0.5, 0.45}, true)),
        Double.NaN, Double.NaN, 100, "best");
    List<Block> blocks = List.of(
        new Block.Facts(List.of(fact, new Block.Fact("other", "1"))),
        new Block.Table("t", "caption", List.of("run", "accuracy"),
            List.of(List.of(Block.Cell.of("none"), Block.Cell.of(0.9479)),
                List.of(Block.Cell.of("l2"), new Block.Cell("0.9384", 0.9384, 0.6, "l2.acc"))), true),
        new Block.Chart(chart),
        new Block.Gallery("pictures", List.of(
            new Block.Thumb("data:image/png;base64,", "alt", List.of("a", "b"), true),
            new Block.Thumb("data:image/png;base64,", "alt", List.of("c"), false)), true),
        new Block.Text("text", List.of("item")),
        new Block.Verdict("HIGH_VARIANCE", "summary", List.of(fact), List.of("remedy")));
    return new Page("warm-up", "augreg warm-up", List.of(
        new Page.Section("all", "All blocks", blocks)));
  }

  /**
   * Renders {@code page} into {@code file} (its folder created), through a temporary name.
   *
   * @param page the page
   * @param file the destination, e.g. {@code out/train/report.html}
   * @return {@code file}
   * @throws AugregException when the file cannot be written
   */
  public static Path write(Page page, Path file) {
    String html = render(page);
    try {
      AtomicFiles.writeString(file, html);
    } catch (IOException e) {
      throw new AugregException(file + ": cannot write the report (" + e.getMessage() + ")", e);
    }
    return file;
  }
}
