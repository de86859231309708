package io.augreg.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.augreg.core.AugregException;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClassLabelsTest {
  @Test
  void binaryWithPositiveClass() {
    ClassLabels l = ClassLabels.of(List.of("cat", "non-cat"), "cat", false);
    assertTrue(l.binary());
    assertEquals(1, l.outputs());
    assertEquals(1.0, l.target(0));
    assertEquals(0.0, l.target(1));
    assertEquals(List.of("non-cat", "cat"), l.labelNames());
  }

  @Test
  void twoClassesDefaultToBinarySecondPositiveAndMoreToSoftmax() {
    ClassLabels two = ClassLabels.of(List.of("a", "b"), null, false);
    assertEquals(1.0, two.target(1));
    ClassLabels three = ClassLabels.of(List.of("a", "b", "c"), null, false);
    assertFalse(three.binary());
    assertEquals(3, three.outputs());
    assertEquals(2.0, three.target(2));
    ClassLabels oneVsRest = ClassLabels.of(List.of("a", "b", "c"), "b", false);
    assertEquals(List.of("not b", "b"), oneVsRest.labelNames());
    assertEquals(0.0, oneVsRest.target(2));
  }

  @Test
  void refusesUnknownPositiveAndSingleClass() {
    AugregException e = assertThrows(AugregException.class, () -> ClassLabels.of(List.of("a", "b"), "z", false));
    assertTrue(e.getMessage().contains("--positive-class"));
    assertThrows(AugregException.class, () -> ClassLabels.of(List.of("a"), null, false));
  }
}
