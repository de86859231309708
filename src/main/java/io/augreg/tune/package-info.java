/**
 * {@code augreg tune}: the lesson's bias/variance loop, automated. A tune is many ordinary
 * training runs (each in its own run folder with its model, history and report), driven through
 * the trainer's own options by a {@link io.augreg.tune.CellRunner}; this package only plans the
 * runs (grid, random search, seeds, refine rounds, learning curve, final test runs), keeps the
 * finished ones across interruptions, chooses on the dev set, and writes the results and
 * pictures. It must not train anything itself nor know the trainer's internals: what it knows
 * of a run is its {@code report.json}.
 */
package io.augreg.tune;
