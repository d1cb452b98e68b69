package io.vigil.samples.chart;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;

/**
 * A {@link Canvas} painting a bitmap with Java2D, antialiased, at {@code scale} device pixels per
 * chart pixel. Needs a font on the machine (Debian: fonts-dejavu-core). Not thread-safe.
 */
final class ImageCanvas implements Canvas {

  private final BufferedImage image;
  private final Graphics2D g;

  ImageCanvas(int width, int height, double scale) {
    image = new BufferedImage((int) Math.round(width * scale), (int) Math.round(height * scale),
        BufferedImage.TYPE_INT_RGB);
    g = image.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
    g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
    g.scale(scale, scale);
    g.setColor(Color.WHITE);
    g.fill(new Rectangle2D.Double(0, 0, width, height));
  }

  /** The font every text is drawn in, also what {@link FailoverChart} measures labels with. */
  static Font font(double size, boolean bold) {
    return new Font(Font.SANS_SERIF, bold ? Font.BOLD : Font.PLAIN, 1).deriveFont((float) size);
  }

  @Override
  public void rect(double x, double y, double width, double height, String fill, double fillOpacity, String stroke,
      String role) {
    Rectangle2D r = new Rectangle2D.Double(x, y, width, height);
    if (fill != null) {
      Color c = Color.decode(fill);
      g.setColor(new Color(c.getRed(), c.getGreen(), c.getBlue(), (int) Math.round(255 * fillOpacity)));
      g.fill(r);
    }
    if (stroke != null) {
      g.setColor(Color.decode(stroke));
      g.setStroke(new BasicStroke(1f));
      g.draw(r);
    }
  }

  @Override
  public void line(double x1, double y1, double x2, double y2, String stroke, double width, boolean dashed,
      String role) {
    g.setColor(Color.decode(stroke));
    g.setStroke(dashed
        ? new BasicStroke((float) width, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {4f, 3f}, 0f)
        : new BasicStroke((float) width));
    g.draw(new Line2D.Double(x1, y1, x2, y2));
  }

  @Override
  public void polyline(double[] xs, double[] ys, String stroke, double width, String role) {
    if (xs.length == 0) {
      return;
    }
    Path2D.Double path = new Path2D.Double();
    path.moveTo(xs[0], ys[0]);
    for (int i = 1; i < xs.length; i++) {
      path.lineTo(xs[i], ys[i]);
    }
    g.setColor(Color.decode(stroke));
    g.setStroke(new BasicStroke((float) width, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
    g.draw(path);
  }

  @Override
  public void text(double x, double y, String text, double size, boolean bold, String fill, Anchor anchor,
      boolean upright, String role) {
    Font font = font(size, bold);
    g.setFont(font);
    g.setColor(Color.decode(fill));
    double width = font.getStringBounds(text, g.getFontRenderContext()).getWidth();
    double shift = switch (anchor) {
      case START -> 0;
      case MIDDLE -> -width / 2;
      case END -> -width;
    };
    AffineTransform saved = g.getTransform();
    g.translate(x, y);
    if (!upright) {
      g.rotate(-Math.PI / 2);
    }
    g.drawString(text, (float) shift, 0f);
    g.setTransform(saved);
  }

  /** The picture, done. */
  BufferedImage finish() {
    g.dispose();
    return image;
  }
}
