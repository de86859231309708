package io.augreg.report;

import java.util.List;

/**
 * One report page: a title, the command that made it and its sections, in order.
 *
 * @param title the page title, e.g. {@code "augreg train"}
 * @param command the command line as typed (shown verbatim, escaped)
 * @param sections the sections
 */
public record Page(String title, String command, List<Section> sections) {
  /** Copies the list. */
  public Page {
    sections = List.copyOf(sections);
  }

  /**
   * One titled part of a page.
   *
   * @param id the anchor ({@code [a-z-]+}), also used by tests to find the section
   * @param heading the heading
   * @param blocks the contents, in order
   */
  public record Section(String id, String heading, List<Block> blocks) {
    /** Copies the list. */
    public Section {
      blocks = List.copyOf(blocks);
    }
  }
}
