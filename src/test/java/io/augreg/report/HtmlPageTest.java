package io.augreg.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import freemarker.template.Configuration;
import freemarker.template.TemplateExceptionHandler;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link HtmlPage} writes the same bytes as the FreeMarker template the pages were first drawn
 * with ({@code page.ftlh}, kept as a test resource, rendered here with the configuration it ran
 * with): every block kind with and without its optional parts, hostile text, numbers of every
 * form, and seeded random pages.
 */
class HtmlPageTest {
  private static final String SCRIPT = PageWriter.resource("page.js");
  private static final String HASH = hash(SCRIPT);

  private static String hash(String s) {
    try {
      return Base64.getEncoder().encodeToString(
          MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** The page as the template drew it. */
  private static String template(Page page) throws Exception {
    Configuration c = new Configuration(Configuration.VERSION_2_3_34);
    c.setClassForTemplateLoading(HtmlPageTest.class, "/io/augreg/report");
    c.setDefaultEncoding("UTF-8");
    c.setLocale(Locale.ROOT);
    c.setNumberFormat("computer");
    c.setTemplateExceptionHandler(TemplateExceptionHandler.RETHROW_HANDLER);
    c.setLogTemplateExceptions(false);
    c.setWrapUncheckedExceptions(true);
    c.setFallbackOnNullLoopVariable(false);
    StringWriter out = new StringWriter();
    c.getTemplate("page.ftlh").process(
        Map.of("page", page, "version", "dev", "script", SCRIPT, "scriptHash", HASH), out);
    return out.toString();
  }

  private static void same(Page page) throws Exception {
    assertEquals(template(page), HtmlPage.render(page, "dev", SCRIPT, HASH));
  }

  @Test
  void theSamplePageWithEveryBlock() throws Exception {
    same(PageWriter.sample());
  }

  @Test
  void hostileTextEverywhere() throws Exception {
    String n = "<script>alert(1)</script> & \"q\" 'a' é ∑ \uD83D\uDE00";
    SvgChart chart = SvgChart.of(n, n, n, List.of(
        new SvgChart.Series(n, new double[] {1, 2}, new double[] {0.5, 0.25}, false)),
        Double.NaN, Double.NaN, 2, n);
    same(new Page(n, "augreg train --train '" + n + "'", List.of(new Page.Section(n, n, List.of(
        new Block.Facts(List.of(new Block.Fact(n, n, n))),
        new Block.Table(n, n, List.of(n), List.of(List.of(new Block.Cell(n, 1.0, 0.7, n))), true),
        new Block.Chart(chart),
        new Block.Gallery(n, List.of(new Block.Thumb(n, n, List.of(n, n), false)), false),
        new Block.Verdict(n, n, List.of(new Block.Fact(n, n)), List.of(n, n)),
        new Block.Text(n, List.of(n)))))));
  }

  @Test
  void optionalPartsLeftOut() throws Exception {
    same(new Page("t", "c", List.of(
        new Page.Section("a", "A", List.of(
            new Block.Facts(List.of()),
            new Block.Table("t", null, List.of(), List.of(), false),
            new Block.Table("u", null, List.of("h"), List.of(List.of(Block.Cell.of("x"))), false),
            new Block.Gallery(null, List.of(), false),
            new Block.Gallery(null, List.of(new Block.Thumb("s", "a", List.of(), false)), true),
            new Block.Text("", List.of()),
            new Block.Text("only text", List.of()),
            new Block.Verdict("FINE", "s", List.of(), List.of()))),
        new Page.Section("b", "B", List.of()))));
    same(new Page("empty", "c", List.of()));
  }

  @Test
  void numbersOfEveryForm() throws Exception {
    double[] values = {0, -0.0, 1, -3.25, 0.9479, 30000, 1e-3, 1e-5, 1.5e-8, 2.5e7, 1e7, 123456789.5,
        1e22, -1e22, 9007199254740993d, 1e300, 1e-300, 0.1 + 0.2, 5e-4, 0.0005, 0.5555, 0.5565,
        Double.MIN_VALUE, Double.MAX_VALUE, Double.NaN, Double.POSITIVE_INFINITY,
        Double.NEGATIVE_INFINITY};
    List<List<Block.Cell>> rows = new ArrayList<>();
    for (double v : values) {
      double shade = Math.abs(v) <= 1 ? Math.abs(v) : 0.3;
      rows.add(List.of(new Block.Cell("v", v, shade, null)));
    }
    List<SvgChart.Tick> ticks = new ArrayList<>();
    List<SvgChart.Dot> dots = new ArrayList<>();
    for (double v : values) {
      if (Double.isFinite(v)) {
        ticks.add(new SvgChart.Tick(v, "t"));
        dots.add(new SvgChart.Dot(v, -v, "d"));
      }
    }
    List<SvgChart.Line> lines = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      lines.add(new SvgChart.Line("l" + i, "#0072b2", i % 2 == 1, "1,2 3.5,4", dots));
    }
    same(page(new Block.Table("n", "numbers", List.of("v"), rows, true),
        new Block.Chart(new SvgChart("t", "x", "y", 481, 301, 60.05, 28.3, 463.7, 255.55, ticks,
            ticks, lines, 77.7, "m")),
        new Block.Chart(new SvgChart("t", "x", "y", 480, 300, 0.1, 1e-5, 1e7 + 0.5, 2.5e7, ticks,
            List.of(), lines, -0.1, "m")),
        new Block.Chart(new SvgChart("t", "x", "y", 1, 1, 1e-9, -1e-7, 1e22, 3, List.of(),
            ticks, List.of(), Double.NaN, null))));
  }

  /** Seeded random pages: random texts (any character), numbers and optional parts. */
  @Test
  void randomPages() throws Exception {
    Random r = new Random(13);
    for (int p = 0; p < 60; p++) {
      List<Block> blocks = new ArrayList<>();
      for (int b = 0; b < 6; b++) {
        blocks.add(switch (r.nextInt(6)) {
          case 0 -> new Block.Facts(List.of(new Block.Fact(text(r), text(r), r.nextBoolean() ? text(r) : null)));
          case 1 -> new Block.Table(text(r), r.nextBoolean() ? text(r) : null, List.of(text(r)),
              List.of(List.of(new Block.Cell(text(r), r.nextBoolean() ? number(r) : null,
                  r.nextBoolean() ? r.nextDouble() : 0, r.nextBoolean() ? text(r) : null))),
              r.nextBoolean());
          case 2 -> new Block.Chart(SvgChart.of(text(r), text(r), text(r), List.of(
              new SvgChart.Series(text(r), new double[] {0, 1 + r.nextInt(100), 200},
                  new double[] {number(r), number(r), number(r)}, r.nextBoolean())),
              Double.NaN, Double.NaN, r.nextBoolean() ? r.nextInt(200) : Double.NaN, text(r)));
          case 3 -> new Block.Gallery(r.nextBoolean() ? text(r) : null, List.of(
              new Block.Thumb(text(r), text(r), List.of(text(r), text(r)), r.nextBoolean())),
              r.nextBoolean());
          case 4 -> new Block.Text(r.nextBoolean() ? text(r) : "", r.nextBoolean() ? List.of(text(r)) : List.of());
          default -> new Block.Verdict(text(r), text(r), List.of(new Block.Fact(text(r), text(r))),
              r.nextBoolean() ? List.of(text(r)) : List.of());
        });
      }
      same(page(blocks.toArray(new Block[0])));
    }
  }

  private static Page page(Block... blocks) {
    return new Page("numbers", "augreg", List.of(new Page.Section("s", "S", List.of(blocks))));
  }

  private static String text(Random r) {
    StringBuilder s = new StringBuilder();
    int n = r.nextInt(12);
    String special = "<>&\"'\\ \n\t=/#$%{}é∑";
    for (int i = 0; i < n; i++) {
      s.append(r.nextInt(3) == 0 ? special.charAt(r.nextInt(special.length()))
          : (char) (r.nextInt(4) == 0 ? r.nextInt(0x3000) : 'a' + r.nextInt(26)));
    }
    return s.toString();
  }

  private static double number(Random r) {
    return switch (r.nextInt(4)) {
      case 0 -> r.nextDouble();
      case 1 -> r.nextGaussian() * Math.pow(10, r.nextInt(30) - 15);
      case 2 -> r.nextInt(100000);
      default -> Math.round(r.nextDouble() * 1000) / 10.0;
    };
  }
}
