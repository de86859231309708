/**
 * The augmentation pipeline on OpenCV Mats: the {@code Transform} contract (sample an immutable
 * parameter record, then apply it deterministically), one class per transform, pipelines, the
 * text spec parser and replay records. No file I/O and no global random generator.
 */
package io.augreg.augment;
