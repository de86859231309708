/**
 * The picocli commands. A command only translates options into the config records of the library
 * packages, runs them, and prints; no math and no image processing lives here.
 */
package io.augreg.cli;
