package io.augreg.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PageWriterTest {
  @TempDir Path tmp;

  private static final String NAME = "<script>alert(1)</script> & \"q\" 'a'";

  private static Page page() {
    SvgChart chart = SvgChart.of("loss", "epoch", "cost", List.of(
        new SvgChart.Series(NAME, new double[] {1, 2}, new double[] {0.5, 0.25}, false)),
        Double.NaN, Double.NaN, 2, NAME);
    return new Page(NAME, "augreg train --train '" + NAME + "'", List.of(new Page.Section("s", NAME, List.of(
        new Block.Facts(List.of(new Block.Fact(NAME, NAME, "k"))),
        new Block.Table("t", NAME, List.of(NAME), List.of(List.of(Block.Cell.of(NAME))), true),
        new Block.Chart(chart),
        new Block.Verdict("FINE", NAME, List.of(new Block.Fact(NAME, NAME)), List.of(NAME)),
        new Block.Text(NAME, List.of(NAME))))));
  }

  @Test
  void everyTextIsEscaped() {
    String html = PageWriter.render(page());
    assertFalse(html.contains("<script>alert"), "raw script tag in the page");
    assertFalse(html.contains("\"q\""), "raw quotes in the page");
    // the name appears escaped in: title, h1, command, nav, h2, fact name+value, caption, header,
    // cell, chart legend + hover + marker, verdict summary + fact + remedy, text + item
    Matcher m = Pattern.compile(Pattern.quote("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;q&quot; &#39;a&#39;"))
        .matcher(html);
    int n = 0;
    while (m.find()) {
      n++;
    }
    assertTrue(n >= 16, "escaped occurrences: " + n);
  }

  @Test
  void thePageAsksForNothingOutside() {
    String html = PageWriter.render(page());
    // the only URL is the SVG namespace; the policy allows data: images and the page's own script
    assertEquals(html.split("https?://", -1).length - 1,
        html.split(Pattern.quote("http://www.w3.org/2000/svg"), -1).length - 1);
    assertTrue(html.contains("default-src 'none'; img-src data:;"), html);
    Matcher hash = Pattern.compile("script-src 'sha256-([A-Za-z0-9+/=]{44})'").matcher(html);
    assertTrue(hash.find(), "script hash");
    assertEquals(1, html.split("<script>", -1).length - 1, "one script");
  }

  @Test
  void writesThroughATemporaryName() throws Exception {
    Path file = tmp.resolve("deep/report.html");
    assertEquals(file, PageWriter.write(page(), file));
    assertTrue(Files.readString(file).startsWith("<!DOCTYPE html>"), "document");
    try (var s = Files.list(file.getParent())) {
      assertEquals(List.of(file), s.toList(), "no temporary file left");
    }
  }

  /** The warm-up page goes through every macro of the template and each optional part. */
  @Test
  void warmUpRendersEveryKindOfBlock() {
    String html = PageWriter.render(PageWriter.sample());
    assertEquals(html.length(), PageWriter.warmUp());
    for (String part : List.of("<dl class=\"facts\"><dt>setting</dt><dd data-key=\"key\">value</dd>",
        "<table id=\"t\" class=\"sortable\">", "style=\"background:rgba(36,84,143,0.600)",
        "<svg class=\"chart\"", "stroke-dasharray=\"3 3\"", "<div class=\"gallery\"><figure class=\"mark\">",
        "<figure class=\"wide\">", "a<br>b", "<p>text</p>", "<li>item</li>",
        "<div class=\"verdict HIGH_VARIANCE\">", "<li>remedy</li>")) {
      assertTrue(html.contains(part), part);
    }
  }
}
