package io.augreg.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.augreg.core.AugregException;
import java.util.List;
import org.junit.jupiter.api.Test;

class ArchitectureTest {

  @Test
  void parsesTheIssueSpecWithDefaults() {
    Architecture a = Architecture.parse(Architecture.SMALL_CNN);
    assertEquals(9, a.steps().size());
    assertEquals(new Architecture.Conv(16, 3, 1, 1, true), a.steps().get(0));
    assertEquals(new Architecture.Pool(2, 2), a.steps().get(1));
    assertEquals(new Architecture.DropoutStep(0.5, false), a.steps().get(6));
    assertEquals(new Architecture.DenseStep(64, true), a.steps().get(7));
  }

  @Test
  void canonicalSpecRoundTrips() {
    Architecture a = Architecture.parse(
        "conv filters=8 k=5 stride=2 pad=0 act=none | pool k=3 stride=2 | dropout keep=0.8 spatial=true"
            + " | flatten | dense units=10 act=none");
    assertEquals(a, Architecture.parse(a.toSpec()));
    assertEquals(List.of(new Architecture.Conv(8, 5, 2, 0, false), new Architecture.Pool(3, 2),
        new Architecture.DropoutStep(0.8, true), new Architecture.FlattenStep(),
        new Architecture.DenseStep(10, false)), a.steps());
  }

  @Test
  void errorsNameTheBadTokenAndListTheValidOnes() {
    AugregException e = assertThrows(AugregException.class, () -> Architecture.parse("conv filters=8 | poool k=2"));
    assertTrue(e.getMessage().contains("'poool'") && e.getMessage().contains("conv, pool, dropout, dense, bn, flatten"),
        e.getMessage());
    e = assertThrows(AugregException.class, () -> Architecture.parse("conv filters=8 kernel=3"));
    assertTrue(e.getMessage().contains("'kernel'") && e.getMessage().contains("filters, k, stride, pad, act, bn"),
        e.getMessage());
    e = assertThrows(AugregException.class, () -> Architecture.parse("conv k=3"));
    assertTrue(e.getMessage().contains("filters=N"), e.getMessage());
    e = assertThrows(AugregException.class, () -> Architecture.parse("dropout keep=1.5"));
    assertTrue(e.getMessage().contains("(0, 1]"), e.getMessage());
    e = assertThrows(AugregException.class, () -> Architecture.parse("conv filters=x"));
    assertTrue(e.getMessage().contains("'x'"), e.getMessage());
    e = assertThrows(AugregException.class, () -> Architecture.parse("conv filters=4 k=4"));
    assertTrue(e.getMessage().contains("odd"), e.getMessage());
    e = assertThrows(AugregException.class, () -> Architecture.parse("dense units=4 | | dense units=2"));
    assertTrue(e.getMessage().contains("empty step"), e.getMessage());
    assertThrows(AugregException.class, () -> Architecture.parse(" "));
    assertThrows(AugregException.class, () -> Architecture.parse("dense units"));
    assertThrows(AugregException.class, () -> Architecture.parse("dense units=3 units=4"));
    assertThrows(AugregException.class, () -> Architecture.parse("conv filters=3 act=tanh"));
  }

  @Test
  void optionMessagesAreUnchangedAndSavedModelsNameTheirFile() {
    AugregException e = assertThrows(AugregException.class, () -> Architecture.parse(" "));
    assertTrue(e.getMessage().startsWith("--arch is empty (expected steps like '"), e.getMessage());
    e = assertThrows(AugregException.class, () -> Architecture.parse("dense units=4 || dense units=2"));
    assertEquals("--arch has an empty step in 'dense units=4 || dense units=2' (steps: conv, pool,"
        + " dropout, dense, bn, flatten)", e.getMessage());
    e = assertThrows(AugregException.class, () -> Architecture.parse("convv filters=8"));
    assertEquals("--arch: unknown step 'convv' (valid steps: conv, pool, dropout, dense, bn, flatten)",
        e.getMessage());

    ArchSource saved = ArchSource.savedModel("out/model.json", "out/model.mat");
    e = assertThrows(AugregException.class, () -> Architecture.parse("convv filters=8 | pool k=2", saved));
    assertEquals("out/model.json: its architecture 'convv filters=8 | pool k=2' is not valid: unknown"
        + " step 'convv' (valid steps: conv, pool, dropout, dense, bn, flatten)", e.getMessage());
    e = assertThrows(AugregException.class, () -> Architecture.parse("bn momentum=2", saved));
    assertEquals("out/model.json: its architecture 'bn momentum=2' is not valid: bn momentum must be in"
        + " [0, 1], got 2.0", e.getMessage());
    e = assertThrows(AugregException.class, () -> Architecture.parse("conv filters=x", saved));
    assertTrue(e.getMessage().endsWith("is not valid: conv filters must be an integer >= 1, got 'x'"),
        e.getMessage());
    e = assertThrows(AugregException.class, () -> Architecture.parse("", saved));
    assertTrue(e.getMessage().startsWith("out/model.json: its architecture is empty"), e.getMessage());
    for (String bad : new String[] {"pool k=2 |", "dense", "dropout keep=2", "conv filters=2 k=2",
        "conv filters=2 act=tanh", "flatten x=1", "dense units=2 units=3", "dense units"}) {
      e = assertThrows(AugregException.class, () -> Architecture.parse(bad, saved));
      assertTrue(e.getMessage().startsWith("out/model.json: its architecture"), e.getMessage());
      assertTrue(!e.getMessage().contains("--arch"), e.getMessage());
    }
  }

  @Test
  void bnStepAndBnOptionPutNormalizationWhereWritten() {
    Architecture a = Architecture.parse("conv filters=8 bn=true | pool k=2 | conv filters=4 | bn"
        + " | dense units=6 bn=true act=none | bn momentum=0.2 eps=0.001 act=relu");
    assertEquals(List.of(new Architecture.Conv(8, 3, 1, 1, false),
        new Architecture.BatchNormStep(0.1, 1e-5, true), new Architecture.Pool(2, 2),
        new Architecture.Conv(4, 3, 1, 1, true), new Architecture.BatchNormStep(0.1, 1e-5, false),
        new Architecture.DenseStep(6, false), new Architecture.BatchNormStep(0.1, 1e-5, false),
        new Architecture.BatchNormStep(0.2, 0.001, true)), a.steps());
    assertEquals(a, Architecture.parse(a.toSpec()));
    assertTrue(a.toSpec().startsWith("conv filters=8 k=3 stride=1 pad=1 act=none | bn momentum=0.1"
        + " eps=1.0E-5 act=relu | pool"), a.toSpec());
    assertEquals(Architecture.parse("conv filters=8 bn=false"), Architecture.parse("conv filters=8"));
  }

  @Test
  void bnErrorsNameTheToken() {
    AugregException e = assertThrows(AugregException.class, () -> Architecture.parse("bn momentum=1.5"));
    assertTrue(e.getMessage().contains("bn momentum must be in [0, 1], got 1.5"), e.getMessage());
    e = assertThrows(AugregException.class, () -> Architecture.parse("bn eps=0"));
    assertTrue(e.getMessage().contains("bn eps must be > 0"), e.getMessage());
    e = assertThrows(AugregException.class, () -> Architecture.parse("bn eps=tiny"));
    assertTrue(e.getMessage().contains("'tiny'"), e.getMessage());
    e = assertThrows(AugregException.class, () -> Architecture.parse("bn gamma=1"));
    assertTrue(e.getMessage().contains("'gamma'") && e.getMessage().contains("momentum, eps, act"),
        e.getMessage());
    e = assertThrows(AugregException.class, () -> Architecture.parse("dense units=4 bn=maybe"));
    assertTrue(e.getMessage().contains("'maybe'"), e.getMessage());
    e = assertThrows(AugregException.class, () -> Architecture.parse("bn act=tanh"));
    assertTrue(e.getMessage().contains("'tanh'"), e.getMessage());
  }
}
