package io.augreg.report;

import java.util.List;

/**
 * One piece of a section; the template draws each kind with its own macro, chosen by {@link
 * #kind()}.
 */
public sealed interface Block
    permits Block.Facts, Block.Table, Block.Chart, Block.Gallery, Block.Text, Block.Verdict {

  /**
   * The template macro that draws this block.
   *
   * @return {@code facts}, {@code table}, {@code chart}, {@code gallery}, {@code text} or {@code
   *     verdict}
   */
  String kind();

  /**
   * A name/value list.
   *
   * @param facts the entries
   */
  record Facts(List<Fact> facts) implements Block {
    /** Copies the list. */
    public Facts {
      facts = List.copyOf(facts);
    }

    @Override
    public String kind() {
      return "facts";
    }
  }

  /**
   * One name/value entry.
   *
   * @param name what it is
   * @param value its text
   * @param key the {@code report.json} key the value comes from (a {@code data-key} attribute that
   *     tests compare), or null
   */
  record Fact(String name, String value, String key) {
    /**
     * An entry without a key.
     *
     * @param name what it is
     * @param value its text
     */
    public Fact(String name, String value) {
      this(name, value, null);
    }
  }

  /**
   * A table; a sortable one sorts on a click on a header (by {@link Cell#sort()} when set).
   *
   * @param id the table's id
   * @param caption the caption, or null
   * @param header column names
   * @param rows the rows, each as long as the header
   * @param sortable whether a header click sorts
   */
  record Table(String id, String caption, List<String> header, List<List<Cell>> rows, boolean sortable)
      implements Block {
    /** Copies the lists. */
    public Table {
      header = List.copyOf(header);
      rows = rows.stream().map(List::copyOf).toList();
    }

    @Override
    public String kind() {
      return "table";
    }
  }

  /**
   * A table cell.
   *
   * @param text what it shows
   * @param sort the numeric value a sortable table sorts by, or null (sort by text)
   * @param shade background strength in [0, 1] (a confusion matrix's heat), 0 for none
   * @param key a {@code data-key} attribute for tests, or null
   */
  record Cell(String text, Double sort, double shade, String key) {
    /**
     * A text cell.
     *
     * @param text what it shows
     * @return the cell
     */
    public static Cell of(String text) {
      return new Cell(text, null, 0, null);
    }

    /**
     * A number cell, shown with {@link Format#number} and sorted by its value.
     *
     * @param value the value (NaN shows as "-")
     * @return the cell
     */
    public static Cell of(double value) {
      return new Cell(Format.number(value), Double.isFinite(value) ? value : null, 0, null);
    }

    /**
     * A count cell.
     *
     * @param value the count
     * @return the cell
     */
    public static Cell of(long value) {
      return new Cell(Long.toString(value), (double) value, 0, null);
    }
  }

  /**
   * A line chart, drawn as inline SVG with hover values.
   *
   * @param chart the geometry
   */
  record Chart(SvgChart chart) implements Block {
    @Override
    public String kind() {
      return "chart";
    }
  }

  /**
   * A row of thumbnails with captions.
   *
   * @param caption what the pictures are, or null
   * @param thumbs the pictures
   * @param wide pictures at their own size (charts) instead of thumbnail squares
   */
  record Gallery(String caption, List<Thumb> thumbs, boolean wide) implements Block {
    /** Copies the list. */
    public Gallery {
      thumbs = List.copyOf(thumbs);
    }

    @Override
    public String kind() {
      return "gallery";
    }
  }

  /**
   * A picture with caption lines.
   *
   * @param src a {@code data:} URI
   * @param alt the alternative text
   * @param lines caption lines
   * @param mark a framed (highlighted) picture, e.g. an original next to its copies
   */
  record Thumb(String src, String alt, List<String> lines, boolean mark) {
    /** Copies the list. */
    public Thumb {
      lines = List.copyOf(lines);
    }
  }

  /**
   * A paragraph, or a bullet list when {@code items} is not empty.
   *
   * @param text the paragraph (may be empty)
   * @param items bullet items
   */
  record Text(String text, List<String> items) implements Block {
    /** Copies the list. */
    public Text {
      items = List.copyOf(items);
    }

    /**
     * A paragraph.
     *
     * @param text the text
     * @return the block
     */
    public static Text of(String text) {
      return new Text(text, List.of());
    }

    @Override
    public String kind() {
      return "text";
    }
  }

  /**
   * The bias/variance verdict: the headline, its numbers and the remedies.
   *
   * @param verdict the verdict's name, e.g. {@code HIGH_VARIANCE} (styles the box)
   * @param summary the one-line summary
   * @param numbers the errors and gaps
   * @param remedies what to try
   */
  record Verdict(String verdict, String summary, List<Fact> numbers, List<String> remedies)
      implements Block {
    /** Copies the lists. */
    public Verdict {
      numbers = List.copyOf(numbers);
      remedies = List.copyOf(remedies);
    }

    @Override
    public String kind() {
      return "verdict";
    }
  }
}
