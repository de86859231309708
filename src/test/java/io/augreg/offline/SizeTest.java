package io.augreg.offline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.augreg.core.AugregException;
import org.junit.jupiter.api.Test;

class SizeTest {
  @Test
  void parsesWxH() {
    assertEquals(new Size(256, 128), Size.parse("256x128"));
    assertEquals(new Size(3, 4), Size.parse(" 3X4 "));
    assertEquals("256x128", new Size(256, 128).toString());
  }

  @Test
  void refusesMalformedOrOutOfRange() {
    assertTrue(
        assertThrows(AugregException.class, () -> Size.parse("12"))
            .getMessage()
            .contains("got '12'"));
    assertThrows(AugregException.class, () -> Size.parse("0x5"));
    assertThrows(AugregException.class, () -> Size.parse("99999x5"));
    assertThrows(AugregException.class, () -> Size.parse("-3x5"));
  }
}
