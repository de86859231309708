/**
 * PNG pictures: cost and learning curves, decision boundaries, augmentation contact sheets. Takes
 * plain arrays/records in; never trains or augments anything itself.
 */
package io.augreg.plot;
