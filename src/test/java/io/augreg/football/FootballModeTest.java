package io.augreg.football;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.augreg.core.AugregException;
import java.util.List;
import org.junit.jupiter.api.Test;

class FootballModeTest {
  @Test
  void parsesSingleListsAndAll() {
    assertEquals(List.of(FootballMode.L2_DROPOUT), FootballMode.parse("l2+dropout"));
    assertEquals(List.of(FootballMode.NONE, FootballMode.DROPOUT), FootballMode.parse("dropout, none"));
    assertEquals(List.of(FootballMode.values()), FootballMode.parse("ALL"));
    assertEquals(FootballMode.lessonRuns(), FootballMode.parse("none,l2,dropout,l2"));
  }

  @Test
  void flagsAndLabels() {
    assertEquals("l2+dropout", FootballMode.L2_DROPOUT.label());
    assertEquals(true, FootballMode.L2_DROPOUT.usesL2() && FootballMode.L2_DROPOUT.usesDropout());
    assertEquals(false, FootballMode.NONE.usesL2() || FootballMode.NONE.usesDropout());
  }

  @Test
  void unknownModeNamesTheChoices() {
    AugregException e = assertThrows(AugregException.class, () -> FootballMode.parse("l1"));
    assertEquals(
        "--mode must be none, l2, dropout, l2+dropout or all (or a comma list), got 'l1'",
        e.getMessage());
  }
}
