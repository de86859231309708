package io.augreg.cli;

import picocli.CommandLine.IVersionProvider;

/** Reports the version written into the jar manifest by the build. */
public final class VersionProvider implements IVersionProvider {
  /** The version string, or {@code "dev"} when running from classes. */
  public static String version() {
    String v = Main.class.getPackage().getImplementationVersion();
    return v == null ? "dev" : v;
  }

  @Override
  public String[] getVersion() {
    return new String[] {
      "augreg " + version(),
      "Java " + System.getProperty("java.version") + " (" + System.getProperty("os.arch") + ")"
    };
  }
}
