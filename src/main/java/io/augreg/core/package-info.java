/**
 * What every other package shares: the user-facing error type ({@link io.augreg.core.AugregException})
 * and seed derivation ({@link io.augreg.core.Seeds}). Must not depend on any other augreg package.
 */
package io.augreg.core;
