package io.augreg.report;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.List;
import java.util.Locale;

/**
 * Writes a {@link Page} as the HTML of {@code report.html}, in plain Java: every text taken from
 * the page is escaped ({@code < > & " '}), and only the page's own script goes in as it is.
 *
 * <p>The page was first drawn by a FreeMarker template ({@code page.ftlh}, now a test resource);
 * this writer gives the same bytes for every page (HtmlPageTest renders both), and it needs no
 * template engine loaded and compiled at the end of a run (about 0.35 s of CPU on {@code augreg
 * football}, which is otherwise 3.4 s). Numbers in attributes are written the way the template
 * wrote them: whole numbers without ".0", sums and differences exact in decimal.
 */
final class HtmlPage {
  /** The page's style sheet ({@code page.css}), the same on every page. */
  private static final String STYLE = PageWriter.resource("page.css");

  private final StringBuilder out = new StringBuilder(16 * 1024);

  private HtmlPage() {}

  /**
   * The page as HTML.
   *
   * @param page the page
   * @param version the generator's version
   * @param script the page's one script (not escaped)
   * @param scriptHash its SHA-256, base64
   * @return the document
   */
  static String render(Page page, String version, String script, String scriptHash) {
    HtmlPage h = new HtmlPage();
    h.document(page, version, script, scriptHash);
    return h.out.toString();
  }

  private void document(Page page, String version, String script, String scriptHash) {
    raw("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        + "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; img-src data:;"
        + " style-src 'unsafe-inline'; script-src 'sha256-").text(scriptHash).raw("'\">\n"
        + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        + "<meta name=\"generator\" content=\"augreg ").text(version).raw("\">\n<title>")
        .text(page.title()).raw("</title>\n<style>\n").raw(STYLE).raw("</style>\n</head>\n<body>\n"
        + "<header>\n<h1>").text(page.title()).raw("</h1>\n<code id=\"command\">")
        .text(page.command()).raw("</code>\n</header>\n<nav>");
    for (Page.Section s : page.sections()) {
      raw("<a href=\"#").text(s.id()).raw("\">").text(s.heading()).raw("</a>");
    }
    raw("</nav>\n<main>\n");
    for (Page.Section s : page.sections()) {
      raw("<section id=\"").text(s.id()).raw("\">\n<h2>").text(s.heading()).raw("</h2>\n");
      for (Block b : s.blocks()) {
        block(b);
      }
      raw("</section>\n");
    }
    raw("</main>\n<script>").raw(script).raw("</script>\n</body>\n</html>\n");
  }

  private void block(Block b) {
    if (b instanceof Block.Facts f) {
      facts(f.facts()).raw("\n");
    } else if (b instanceof Block.Table t) {
      table(t);
    } else if (b instanceof Block.Chart c) {
      chart(c.chart());
    } else if (b instanceof Block.Gallery g) {
      gallery(g);
    } else if (b instanceof Block.Text t) {
      text(t);
    } else if (b instanceof Block.Verdict v) {
      verdict(v);
    } else {
      throw missing("block");
    }
  }

  private HtmlPage facts(List<Block.Fact> facts) {
    raw("<dl class=\"facts\">");
    for (Block.Fact f : facts) {
      raw("<dt>").text(f.name()).raw("</dt><dd").key(f.key()).raw(">").text(f.value()).raw("</dd>");
    }
    return raw("</dl>");
  }

  private void table(Block.Table t) {
    if (t.caption() != null) {
      raw("<p class=\"caption\">").text(t.caption()).raw("</p>");
    }
    raw("\n<table id=\"").text(t.id()).raw(t.sortable() ? "\" class=\"sortable\">\n" : "\">\n")
        .raw("<thead><tr>");
    for (String h : t.header()) {
      raw("<th>").text(h).raw("</th>");
    }
    raw("</tr></thead>\n<tbody>");
    for (List<Block.Cell> row : t.rows()) {
      raw("<tr>");
      for (Block.Cell c : row) {
        raw("<td");
        if (c.sort() != null) {
          raw(" data-sort=\"").raw(number(c.sort())).raw("\"");
        }
        key(c.key());
        if (c.shade() > 0) {
          raw(" style=\"background:rgba(36,84,143,").raw(shade(c.shade())).raw(")")
              .raw(c.shade() > 0.55 ? ";color:#fff\"" : "\"");
        }
        raw(">").text(c.text()).raw("</td>");
      }
      raw("</tr>");
    }
    raw("</tbody>\n</table>\n");
  }

  private void chart(SvgChart c) {
    String w = Integer.toString(c.width());
    String h = Integer.toString(c.height());
    raw("<svg class=\"chart\" role=\"img\" xmlns=\"http://www.w3.org/2000/svg\" width=\"").raw(w)
        .raw("\" height=\"").raw(h).raw("\" viewBox=\"0 0 ").raw(w).raw(" ").raw(h)
        .raw("\" font-size=\"11\" font-family=\"system-ui,sans-serif\">\n<title>").text(c.title())
        .raw("</title>\n<text x=\"").raw(half(dec(c.width()))).raw("\" y=\"16\" text-anchor=\"middle\""
            + " font-size=\"13\" font-weight=\"600\">").text(c.title()).raw("</text>\n");
    for (SvgChart.Tick t : c.yTicks()) {
      raw("<line x1=\"").raw(number(c.left())).raw("\" x2=\"").raw(number(c.right()))
          .raw("\" y1=\"").raw(number(t.pos())).raw("\" y2=\"").raw(number(t.pos()))
          .raw("\" stroke=\"#eef2f6\"/><text x=\"").raw(plus(c.left(), -5)).raw("\" y=\"")
          .raw(plus(t.pos(), 4)).raw("\" text-anchor=\"end\" fill=\"#5b6b7c\">").text(t.label())
          .raw("</text>");
    }
    raw("\n");
    for (SvgChart.Tick t : c.xTicks()) {
      raw("<line x1=\"").raw(number(t.pos())).raw("\" x2=\"").raw(number(t.pos())).raw("\" y1=\"")
          .raw(number(c.bottom())).raw("\" y2=\"").raw(plus(c.bottom(), 4))
          .raw("\" stroke=\"#5b6b7c\"/><text x=\"").raw(number(t.pos())).raw("\" y=\"")
          .raw(plus(c.bottom(), 16)).raw("\" text-anchor=\"middle\" fill=\"#5b6b7c\">")
          .text(t.label()).raw("</text>");
    }
    raw("\n<rect x=\"").raw(number(c.left())).raw("\" y=\"").raw(number(c.top()))
        .raw("\" width=\"").raw(plain(dec(c.right()).subtract(dec(c.left())))).raw("\" height=\"")
        .raw(plain(dec(c.bottom()).subtract(dec(c.top()))))
        .raw("\" fill=\"none\" stroke=\"#9aa7b4\"/>\n<text x=\"")
        .raw(half(dec(c.left()).add(dec(c.right())))).raw("\" y=\"").raw(plus(c.height(), -6))
        .raw("\" text-anchor=\"middle\">").text(c.xLabel()).raw("</text>\n<text transform=\"translate(14 ")
        .raw(half(dec(c.top()).add(dec(c.bottom())))).raw(") rotate(-90)\" text-anchor=\"middle\">")
        .text(c.yLabel()).raw("</text>\n");
    if (c.marked()) {
      raw("<line x1=\"").raw(number(c.mark())).raw("\" x2=\"").raw(number(c.mark())).raw("\" y1=\"")
          .raw(number(c.top())).raw("\" y2=\"").raw(number(c.bottom()))
          .raw("\" stroke=\"#5b6b7c\" stroke-dasharray=\"3 3\"/><text x=\"").raw(plus(c.mark(), -3))
          .raw("\" y=\"").raw(plus(c.bottom(), -5)).raw("\" text-anchor=\"end\" fill=\"#5b6b7c\">")
          .text(c.markLabel()).raw("</text>");
    }
    raw("\n");
    for (int i = 0; i < c.lines().size(); i++) {
      SvgChart.Line l = c.lines().get(i);
      String dash = l.dashed() ? " stroke-dasharray=\"6 3\"" : "";
      raw("<polyline fill=\"none\" stroke=\"").text(l.color()).raw("\" stroke-width=\"1.8\"").raw(dash)
          .raw(" points=\"").text(l.points()).raw("\"/>\n<g fill=\"").text(l.color()).raw("\">");
      for (SvgChart.Dot d : l.dots()) {
        raw("<circle cx=\"").raw(number(d.x())).raw("\" cy=\"").raw(number(d.y()))
            .raw("\" r=\"4\"><title>").text(d.tip()).raw("</title></circle>");
      }
      // the legend entry: y = top + 14 + 15 i for the line, + 4 more for its name
      String y = plain(dec(c.top()).add(BigDecimal.valueOf(14 + 15L * i)));
      raw("</g>\n<line x1=\"").raw(plus(c.right(), -150)).raw("\" x2=\"").raw(plus(c.right(), -130))
          .raw("\" y1=\"").raw(y).raw("\" y2=\"").raw(y).raw("\" stroke=\"").text(l.color())
          .raw("\" stroke-width=\"2\"").raw(dash).raw("/><text x=\"").raw(plus(c.right(), -125))
          .raw("\" y=\"").raw(plain(dec(c.top()).add(BigDecimal.valueOf(18 + 15L * i))))
          .raw("\">").text(l.name()).raw("</text>\n");
    }
    raw("</svg>\n");
  }

  private void gallery(Block.Gallery g) {
    if (g.caption() != null) {
      raw("<p class=\"muted\">").text(g.caption()).raw("</p>");
    }
    raw("\n<div class=\"gallery\">");
    for (Block.Thumb t : g.thumbs()) {
      raw(t.mark() ? "<figure class=\"mark\">" : g.wide() ? "<figure class=\"wide\">" : "<figure>")
          .raw("<img src=\"").text(t.src()).raw("\" alt=\"").text(t.alt()).raw("\"><figcaption>");
      for (int i = 0; i < t.lines().size(); i++) {
        raw(i > 0 ? "<br>" : "").text(t.lines().get(i));
      }
      raw("</figcaption></figure>");
    }
    raw("</div>\n");
  }

  private void text(Block.Text t) {
    if (t.text() != null && !t.text().isEmpty()) {
      raw("<p>").text(t.text()).raw("</p>");
    }
    raw("\n").items(t.items()).raw("\n");
  }

  private void verdict(Block.Verdict v) {
    raw("<div class=\"verdict ").text(v.verdict()).raw("\"><p>").text(v.summary()).raw("</p>\n")
        .facts(v.numbers()).raw("\n");
    if (v.remedies() != null && !v.remedies().isEmpty()) {
      raw("<p class=\"muted\" style=\"font-weight:400;margin-top:8px\">Remedies to try:</p>");
    }
    items(v.remedies()).raw("\n</div>\n");
  }

  /** {@code <ul>} with one {@code <li>} per item; nothing for no items. */
  private HtmlPage items(List<String> items) {
    if (items == null || items.isEmpty()) {
      return this;
    }
    raw("<ul>");
    for (String i : items) {
      raw("<li>").text(i).raw("</li>");
    }
    return raw("</ul>");
  }

  /** {@code data-key="KEY"} when there is a key. */
  private HtmlPage key(String key) {
    return key == null ? this : raw(" data-key=\"").text(key).raw("\"");
  }

  private HtmlPage raw(String s) {
    out.append(s);
    return this;
  }

  /** {@code s} escaped for HTML text and attribute values. */
  private HtmlPage text(String s) {
    if (s == null) {
      throw missing("text");
    }
    // most texts (a picture's data URI, a chart's points) need no escaping: copied whole
    if (s.indexOf('<') < 0 && s.indexOf('>') < 0 && s.indexOf('&') < 0 && s.indexOf('"') < 0
        && s.indexOf('\'') < 0) {
      out.append(s);
      return this;
    }
    for (int i = 0; i < s.length(); i++) {
      char ch = s.charAt(i);
      switch (ch) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(ch);
      }
    }
    return this;
  }

  private static IllegalStateException missing(String what) {
    return new IllegalStateException("report template failed: a " + what + " of the page is null");
  }

  /**
   * A number as the page writes it: whole numbers up to 2^53 without a fraction ("60", not
   * "60.0"); others as Java prints a double, with a plain or exponent form chosen as for decimals
   * ({@link #plain}), so that a number reads the same whether it was computed or given.
   */
  static String number(double v) {
    if (Double.isNaN(v)) {
      return "NaN";
    }
    if (Double.isInfinite(v)) {
      return v > 0 ? "Infinity" : "-Infinity";
    }
    double a = Math.abs(v);
    if (Math.floor(v) == v) {
      if (a <= 9007199254740992d) {
        return Long.toString((long) v);
      }
    } else if (a < 1e-3 && a > 1e-7) {
      return BigDecimal.valueOf(v).toString();
    } else if (a >= 1e7) {
      return BigDecimal.valueOf(v).toPlainString();
    }
    String s = Double.toString(v);
    // "1.0E20" -> "1E20" (a whole number's redundant ".0")
    int dot = s.indexOf(".0");
    if (dot >= 0 && (dot + 2 == s.length() || s.charAt(dot + 2) == 'E')) {
      s = s.substring(0, dot) + s.substring(dot + 2);
    }
    return s;
  }

  /** A decimal without trailing zeros: plain when whole, else Java's decimal form. */
  static String plain(BigDecimal v) {
    BigDecimal d = v.stripTrailingZeros();
    if (d.scale() <= 0) {
      return d.scale() <= -100 ? d.toString() : d.toPlainString();
    }
    return d.toString();
  }

  /** The double as the decimal it prints as (so that 0.1 + 4 is 4.1, as a reader expects). */
  private static BigDecimal dec(double v) {
    return new BigDecimal(Double.toString(v));
  }

  /** {@code v + k}, exact in decimal. */
  private static String plus(double v, int k) {
    return plain(dec(v).add(BigDecimal.valueOf(k)));
  }

  /** {@code v / 2} to 12 decimals at least, half up. */
  private static String half(BigDecimal v) {
    return plain(v.divide(BigDecimal.valueOf(2), Math.max(12, v.scale()), RoundingMode.HALF_UP));
  }

  /** A table cell's shade, three decimals (half-even). */
  private static String shade(double v) {
    DecimalFormat f = new DecimalFormat("0.000", DecimalFormatSymbols.getInstance(Locale.ROOT));
    return f.format(v);
  }
}
