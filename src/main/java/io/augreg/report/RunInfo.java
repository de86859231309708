package io.augreg.report;

import java.util.List;

/**
 * How a run was started: the command line and every setting with the value it ran with (given or
 * default), for the page's header and settings table.
 *
 * @param command the command line, e.g. {@code augreg train --train photos --epochs 5}
 * @param settings every option and its value, in the command's order
 */
public record RunInfo(String command, List<Block.Fact> settings) {
  /** Copies the list. */
  public RunInfo {
    settings = List.copyOf(settings);
  }

  /**
   * The settings as a page section.
   *
   * @return the section with id {@code settings}
   */
  Page.Section section() {
    return new Page.Section("settings", "Settings", List.of(new Block.Facts(settings)));
  }
}
