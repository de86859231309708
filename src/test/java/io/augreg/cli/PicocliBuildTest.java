package io.augreg.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import org.junit.jupiter.api.Test;

/**
 * The build compiles picocli from its source for Java 17 (pom.xml, picocli-for-cds): the class
 * files in picocli's own jar are Java 5, which Java 17's class-data sharing archive leaves out, so
 * every command would load them from the jar again.
 */
class PicocliBuildTest {
  @Test
  void picocliIsCompiledForJava17AndComesFirst() throws IOException {
    URL url = PicocliBuildTest.class.getResource("/picocli/CommandLine.class");
    assertFalse(url.toString().contains("picocli-"), "picocli's own jar comes first: " + url);
    try (InputStream in = url.openStream()) {
      byte[] head = in.readNBytes(8);
      int major = (head[6] & 0xff) << 8 | head[7] & 0xff;
      assertTrue(major >= 61, "class file version " + major + " at " + url);
    }
    assertTrue(
        picocli.CommandLine.class.getProtectionDomain().getCodeSource().getLocation().toString()
            .endsWith("/classes/"),
        "picocli.CommandLine loaded from "
            + picocli.CommandLine.class.getProtectionDomain().getCodeSource().getLocation());
  }
}
