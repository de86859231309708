/** The regularization lesson's worked example (the goalkeeper data set), end to end. */
package io.augreg.football;
