package io.augreg.spark;

import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * One Spark context for every test in the JVM: starting one costs seconds. {@code local[2,2]}: two
 * worker threads, and a failed task is retried once (local mode's default is no retry).
 */
final class SparkTestContext {
  private static JavaSparkContext sc;

  private SparkTestContext() {}

  static synchronized JavaSparkContext get() {
    if (sc == null) {
      SparkConf conf =
          new SparkConf()
              .setAppName("augreg-spark-test")
              .setMaster("local[2,2]")
              .set("spark.ui.enabled", "false")
              .set("spark.ui.showConsoleProgress", "false")
              .set("spark.driver.host", "127.0.0.1");
      sc = new JavaSparkContext(conf);
      Runtime.getRuntime().addShutdownHook(new Thread(sc::stop));
    }
    return sc;
  }
}
