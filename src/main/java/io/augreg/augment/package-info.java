/**
 * The augmentation pipeline on OpenCV Mats: the {@code Transform} contract (sample an immutable
 * parameter record, then apply it deterministically), one class per transform, pipelines, the
 * text spec parser, replay records, and the throughput benchmark ({@code AugmentBench}). No global
 * random generator: every draw comes from the generator a pipeline derives per image. No file I/O
 * except reading a spec file ({@code @file}) and the benchmark's image loading; image files are
 * the {@code image} package's job.
 */
package io.augreg.augment;
