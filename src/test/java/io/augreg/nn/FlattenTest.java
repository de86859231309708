package io.augreg.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

class FlattenTest {

  @Test
  void passesValuesThroughWithAFlatShape() {
    Flatten f = new Flatten(new Shape(2, 3, 4));
    assertEquals(Shape.flat(24), f.out());
    double[] x = new double[48];
    assertSame(x, f.forward(x, 2, Pass.INFERENCE));
    assertSame(x, f.backward(x, 2));
  }
}
