/**
 * The regularization lesson's worked example (the goalkeeper data set), end to end: {@code
 * FootballData} reads the {@code .mat} file, {@code FootballExperiment} trains the runs (none,
 * L2, dropout, L2 + dropout) in parallel on the engine, {@code FootballReport} prints the table
 * and JSON, {@code FootballFigures} draws the pictures. Holds no training math of its own and no
 * command-line parsing (that is {@code io.augreg.cli.FootballCommand}).
 */
package io.augreg.football;
