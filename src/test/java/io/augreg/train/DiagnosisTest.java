package io.augreg.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.augreg.core.AugregException;
import org.junit.jupiter.api.Test;

/** The lesson's four canonical cases, base error, custom thresholds, no dev set. */
class DiagnosisTest {
  @Test
  void lessonCases() {
    assertEquals(Diagnosis.Verdict.HIGH_VARIANCE, Diagnosis.of(0.01, 0.11, 0).verdict());
    assertEquals(Diagnosis.Verdict.HIGH_BIAS, Diagnosis.of(0.15, 0.16, 0).verdict());
    assertEquals(Diagnosis.Verdict.HIGH_BIAS_AND_VARIANCE, Diagnosis.of(0.15, 0.30, 0).verdict());
    assertEquals(Diagnosis.Verdict.FINE, Diagnosis.of(0.005, 0.01, 0).verdict());
  }

  @Test
  void remediesFollowTheVerdict() {
    Diagnosis v = Diagnosis.of(0.01, 0.11, 0);
    assertTrue(v.remedies().contains("more data (or data augmentation)"));
    assertTrue(v.remedies().contains("regularization (L2, dropout, early stopping)"));
    assertTrue(v.remedies().stream().noneMatch(s -> s.startsWith("bigger network")));
    Diagnosis b = Diagnosis.of(0.15, 0.16, 0);
    assertTrue(b.remedies().contains("bigger network (more layers or units)"));
    assertTrue(Diagnosis.of(0.005, 0.01, 0).remedies().isEmpty());
    assertTrue(b.summary().startsWith("high bias"), b.summary());
    assertTrue(b.summary().contains("train error 15.0%, dev error 16.0%"), b.summary());
  }

  @Test
  void baseErrorAndThresholds() {
    // 15% train error is fine when humans get 14%
    assertEquals(Diagnosis.Verdict.FINE, Diagnosis.of(0.15, 0.16, 0.14).verdict());
    assertEquals(0.01, Diagnosis.of(0.15, 0.16, 0.14).avoidableBias(), 1e-12);
    assertEquals(Diagnosis.Verdict.HIGH_VARIANCE, Diagnosis.of(0.15, 0.16, 0.14, 0.05, 0.005).verdict());
    assertEquals(Diagnosis.Verdict.FINE, Diagnosis.of(0.01, 0.11, 0, 0.05, 0.2).verdict());
  }

  @Test
  void summaryNamesTheHoldOutSet() {
    Diagnosis d = Diagnosis.of(0.125, 0.875, 0.1);
    assertEquals("high variance (overfitting) — train error 12.5%, test error 87.5%, base error 10.0%"
        + "\n  try: more data (or data augmentation); regularization (L2, dropout, early stopping);"
        + " a better-suited architecture", d.summary("test"));
    assertEquals(d.summary("test").replace("test error", "dev error"), d.summary());
  }

  @Test
  void withoutADevSetOnlyBiasIsJudged() {
    Diagnosis d = Diagnosis.of(0.01, Double.NaN, 0);
    assertEquals(Diagnosis.Verdict.FINE, d.verdict());
    assertTrue(Double.isNaN(d.variance()));
    assertTrue(d.summary().contains("no dev set"), d.summary());
    // not "fine (low bias, low variance)": the variance was not judged
    assertTrue(d.summary().startsWith("low bias (variance not judged) — train error 1.0%"), d.summary());
    assertTrue(d.remedies().get(0).startsWith("no dev set"));
  }

  @Test
  void ratesOutsideZeroOneAreRejected() {
    assertThrows(AugregException.class, () -> Diagnosis.of(-0.1, 0.1, 0));
    assertThrows(AugregException.class, () -> Diagnosis.of(0.1, 1.5, 0));
    assertThrows(AugregException.class, () -> Diagnosis.of(0.1, 0.1, Double.NaN));
  }

  @Test
  void baseErrorIsInZeroToOneExcludingOne() {
    assertEquals(0.0, Diagnosis.checkBaseError(0, "--base-error"));
    assertEquals(0.999, Diagnosis.checkBaseError(0.999, "--base-error"));
    assertEquals("--base-error must be in [0, 1), got 1.0",
        assertThrows(AugregException.class, () -> Diagnosis.checkBaseError(1, "--base-error"))
            .getMessage());
    assertEquals("--human-error must be in [0, 1), got -0.1",
        assertThrows(AugregException.class, () -> Diagnosis.checkBaseError(-0.1, "--human-error"))
            .getMessage());
    assertEquals("--base-error must be in [0, 1), got NaN",
        assertThrows(AugregException.class, () -> Diagnosis.checkBaseError(Double.NaN, "--base-error"))
            .getMessage());
    // Diagnosis.of uses the same check: a base error of 1 is rejected there too.
    assertEquals("--base-error must be in [0, 1), got 1.0",
        assertThrows(AugregException.class, () -> Diagnosis.of(0.1, 0.1, 1)).getMessage());
    assertEquals(0.01, Diagnosis.of(1, 1, 0.99).avoidableBias(), 1e-12);
  }
}
