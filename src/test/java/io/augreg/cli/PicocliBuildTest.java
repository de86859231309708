package io.augreg.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import org.junit.jupiter.api.Test;

/**
 * The build compiles picocli and jmatio from their sources for Java 17 (pom.xml, picocli-for-cds
 * and jmatio-for-cds): the class files in their own jars are Java 5, which Java 17's class-data
 * sharing archive leaves out, so every command would load them from the jar again.
 */
class PicocliBuildTest {
  @Test
  void picocliIsCompiledForJava17AndComesFirst() throws IOException {
    compiledForJava17AndFirst(picocli.CommandLine.class, "picocli-");
  }

  @Test
  void jmatioIsCompiledForJava17AndComesFirst() throws IOException {
    compiledForJava17AndFirst(com.jmatio.io.MatFileReader.class, "jmatio-");
    compiledForJava17AndFirst(com.jmatio.types.MLDouble.class, "jmatio-");
  }

  /** {@code type} comes from target/classes, in a class file of Java 17 or later. */
  private static void compiledForJava17AndFirst(Class<?> type, String jarPrefix) throws IOException {
    URL url = PicocliBuildTest.class.getResource("/" + type.getName().replace('.', '/') + ".class");
    assertFalse(url.toString().contains(jarPrefix), "the library's own jar comes first: " + url);
    try (InputStream in = url.openStream()) {
      byte[] head = in.readNBytes(8);
      int major = (head[6] & 0xff) << 8 | head[7] & 0xff;
      assertTrue(major >= 61, "class file version " + major + " at " + url);
    }
    String location = type.getProtectionDomain().getCodeSource().getLocation().toString();
    assertTrue(location.endsWith("/classes/"), type.getName() + " loaded from " + location);
  }
}
