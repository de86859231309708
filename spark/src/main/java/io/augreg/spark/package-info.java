/**
 * {@code augreg augment} on Apache Spark: {@link io.augreg.spark.SparkAugmentJob} runs the CLI's
 * per-file work ({@link io.augreg.offline.SourceAugmenter}) in Spark tasks over any Hadoop path and
 * writes the same files, byte for byte, and the same manifest; {@link io.augreg.spark.SparkAugment}
 * is its command (spark-submit main class, and {@code ./augreg spark}).
 */
package io.augreg.spark;
