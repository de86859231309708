package io.augreg.nn;

import io.augreg.core.AugregException;
import org.junit.jupiter.api.Test;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FootprintTest {
  private static final Shape CATS = new Shape(64, 64, 3);
  /** The network without its pools: a 64×64×64 input to a dense layer. */
  private static final Architecture NO_POOLS = Architecture.parse("conv filters=64 | dense units=1024");

  @Test
  void sizesEqualThoseOfTheBuiltNetwork() {
    for (String spec : new String[] {Architecture.SMALL_CNN,
        "conv filters=4 k=5 stride=2 pad=0 bn=true | pool k=3 stride=2 | flatten | dense units=6 bn=true"
            + " | dropout keep=0.5 | dense units=3 act=none",
        "bn | conv filters=2 k=1"}) {
      Architecture a = Architecture.parse(spec);
      for (int outputs : new int[] {1, 3}) {
        Network net = Network.initialize(a, new Shape(20, 18, 3),
            outputs == 1 ? OutputKind.SIGMOID_BINARY : OutputKind.SOFTMAX, outputs, 1);
        Footprint f = Footprint.of(a, new Shape(20, 18, 3), outputs);
        assertEquals(net.parameterCount(), f.parameters(), spec);
        assertEquals(net.parameters().size(), f.arrays(), spec);
      }
    }
    // the small CNN on the cat images: the console's "(285857 parameters)"
    assertEquals(285_857, Footprint.of(Architecture.parse(Architecture.SMALL_CNN), CATS, 1).parameters());
  }

  @Test
  void estimatesCountParameterCopiesAndActivations() {
    // conv 2×2×1 → 2×2×2 (k=1: 2 + 2 values), output dense 8 → 1 (8 + 1)
    Footprint f = Footprint.of(Architecture.parse("conv filters=2 k=1"), new Shape(2, 2, 1), 1);
    assertEquals(13, f.parameters());
    // input 4; conv: in 4 + 2·8; output layer: in 8 + 2·1
    assertEquals(4 + (4 + 16) + (8 + 2), f.activationsPerExample());
    assertEquals(3 * 13 * 8, f.modelBytes());
    assertEquals(9, Footprint.trainingCopies(2));
    // batch 32 is below an evaluation pass of 64 examples
    assertEquals((9 * 13 + 64 * 34) * 8, f.trainingBytes(32, 2));
    assertEquals((8 * 13 + 100 * 34) * 8, f.trainingBytes(100, 1));
  }

  @Test
  void aNetworkAboveTheHeapIsAUserErrorNamingTheLayerAndTheCount() {
    Footprint f = Footprint.of(NO_POOLS, CATS, 1);
    // conv 3·3·3·64 + 64, dense 64·64·64·1024 + 1024, output 1024 + 1
    assertEquals(1_792 + 268_436_480L + 1_025, f.parameters());
    AugregException e = assertThrows(AugregException.class, () -> f.checkTraining(32, 2, 6_000_000_000L));
    String m = e.getMessage();
    assertTrue(m.startsWith("--arch: dense units=1024 after a 64×64×64 input needs 268,435,456 weights;"
        + " that network (268.4 M parameters, 2.1 GB in doubles) needs about 19.7 GB to train with 2"
        + " threads"), m);
    assertTrue(m.contains("more than the 6.0 GB Java heap: add pool steps or use fewer filters/units"), m);
    assertEquals(2, e.exitCode());
    e = assertThrows(AugregException.class, () -> f.checkModel(6_000_000_000L));
    assertTrue(e.getMessage().contains("needs about 6.4 GB to build"), e.getMessage());
    // fits a large heap
    f.checkTraining(32, 2, 30_000_000_000L);
    f.checkModel(7_000_000_000L);
  }

  @Test
  void activationsAboveTheHeapNameTheWidestLayerAndTheBatch() {
    Footprint f = Footprint.of(Architecture.parse("conv filters=4096 | pool k=64"), CATS, 1);
    AugregException e = assertThrows(AugregException.class, () -> f.checkTraining(32, 1, 2_000_000_000L));
    String m = e.getMessage();
    assertTrue(m.startsWith("--arch: conv filters=4096 k=3 on a 64×64×3 input outputs 16,777,216 values"
        + " per image;"), m);
    assertTrue(m.contains("--batch"), m);
    // a large batch also overflows an array: 16.8 M values × 200 images per thread
    e = assertThrows(AugregException.class, () -> f.checkTraining(400, 2, Long.MAX_VALUE));
    assertTrue(e.getMessage().contains("more than a Java array holds"), e.getMessage());
  }

  @Test
  void arraysLongerThanJavaAllowsAreUserErrorsNotOverflows() {
    // s.size()·units was an int product: 409,600,000 · 100,000 wrapped to a negative length
    AugregException e = assertThrows(AugregException.class, () -> Footprint.of(
        Architecture.parse("conv filters=100000 | dense units=100000"), CATS, 1));
    assertEquals("--arch: dense units=100000 after a 64×64×100000 input needs 40,960,000,000,000"
        + " weights, more than a Java array holds (2,147,483,639): add pool steps or use fewer"
        + " filters/units", e.getMessage());
    e = assertThrows(AugregException.class, () -> Footprint.of(
        Architecture.parse("conv filters=1000000"), CATS, 1));
    assertTrue(e.getMessage().contains("outputs 64×64×1000000 = 4,096,000,000 values per image"),
        e.getMessage());
    e = assertThrows(AugregException.class, () -> Footprint.of(
        Architecture.parse("conv filters=2 k=3 pad=2000000000"), CATS, 1));
    assertTrue(e.getMessage().contains("conv: pad 2000000000 makes the output larger than"), e.getMessage());
  }

  @Test
  void shapeErrorsAreWordedByTheSource() {
    Architecture a = Architecture.parse("pool k=8 | pool k=8");
    AugregException e = assertThrows(AugregException.class, () -> Footprint.of(a, new Shape(16, 16, 3), 1));
    assertEquals("--arch 'pool k=8 stride=8 | pool k=8 stride=8' does not fit the input 16×16×3: pool:"
        + " window 8 is larger than the input 2×2×3", e.getMessage());
    e = assertThrows(AugregException.class, () -> Footprint.of(a, new Shape(16, 16, 3), 1,
        ArchSource.savedModel("m/model.json", "m/model.mat")));
    assertEquals("m/model.json: its architecture 'pool k=8 stride=8 | pool k=8 stride=8' does not fit"
        + " its input 16×16×3: pool: window 8 is larger than the input 2×2×3", e.getMessage());
  }

  @Test
  void gigabytesAreDecimal() {
    assertEquals("2.1 GB", Footprint.gb(2_147_483_648L));
    assertEquals("42 MB", Footprint.gb(42_000_000L));
  }
}
