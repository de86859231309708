package io.augreg.augment;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.augreg.core.AugregException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Bounds that exclude zero read "0 < …" in the user's message, never the smallest double. */
class CheckMessagesTest {
  @Test
  void boundsAboveZeroSayZeroNotTheSmallestDouble() {
    for (String spec : List.of("augmix alpha=0", "crop scale=0..1", "zoom factor=0..1",
        "gamma gamma=0", "erase scale=0..0.5", "coarsedropout size=0..0.1")) {
      AugregException e = assertThrows(AugregException.class, () -> Pipeline.parse(spec), spec);
      assertFalse(e.getMessage().contains("E-324"), e.getMessage());
      assertTrue(e.getMessage().contains("0 < "), e.getMessage());
    }
  }
}
