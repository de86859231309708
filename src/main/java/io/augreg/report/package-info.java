/**
 * {@code report.html}: one self-contained page per run of {@code train}, {@code evaluate}, {@code
 * augment} and {@code football}.
 *
 * <p>A page is built from a small model of its own ({@link io.augreg.report.Page}: sections of
 * {@link io.augreg.report.Block}s such as facts, sortable tables, inline-SVG charts and thumbnail
 * galleries), filled from what a run already wrote or returned ({@code report.json}, {@code
 * history.csv}, the saved model, the manifest), and rendered by one writer that escapes every text
 * it takes from the page ({@link io.augreg.report.PageWriter}). Pictures are data URIs or inline SVG; the
 * page makes no request.
 *
 * <p>It must not train, change a run's outputs or reach into the trainers: what it needs beyond
 * the files (a dev image's probabilities) it computes from the saved model through {@link
 * io.augreg.imagetrain.ImageModel}.
 */
package io.augreg.report;
