package io.augreg.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.Ellipse2D;
import org.knowm.xchart.style.markers.Marker;

/** A scatter marker: a circle filled with the series colour and ringed in dark grey. */
final class OutlinedCircle extends Marker {
  private static final Color EDGE = new Color(0x22, 0x22, 0x22);
  private static final BasicStroke EDGE_STROKE = new BasicStroke(1.1f);

  @Override
  public void paint(Graphics2D g, double xOffset, double yOffset, int markerSize) {
    double half = markerSize / 2.0;
    Ellipse2D.Double circle =
        new Ellipse2D.Double(xOffset - half, yOffset - half, markerSize, markerSize);
    g.fill(circle);
    Color fill = g.getColor();
    java.awt.Stroke stroke = g.getStroke();
    g.setColor(EDGE);
    g.setStroke(EDGE_STROKE);
    g.draw(circle);
    g.setColor(fill);
    g.setStroke(stroke);
  }
}
