package io.vigil.samples.chart;

import java.util.Locale;

/** A {@link Canvas} writing SVG 1.1 text; each shape's role becomes its {@code class}. Not thread-safe. */
final class SvgCanvas implements Canvas {

  private final StringBuilder svg = new StringBuilder();

  SvgCanvas(double width, double height, String title) {
    svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%.0f\" height=\"%.0f\""
        + " viewBox=\"0 0 %.0f %.0f\" font-family=\"DejaVu Sans, Verdana, sans-serif\">%n",
        width, height, width, height));
    svg.append("<title>").append(escape(title)).append("</title>\n");
  }

  @Override
  public void rect(double x, double y, double width, double height, String fill, double fillOpacity, String stroke,
      String role) {
    svg.append(String.format(Locale.ROOT, "<rect class=\"%s\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\""
        + " fill=\"%s\" fill-opacity=\"%.2f\" stroke=\"%s\"/>%n", role, x, y, width, height,
        fill == null ? "none" : fill, fillOpacity, stroke == null ? "none" : stroke));
  }

  @Override
  public void line(double x1, double y1, double x2, double y2, String stroke, double width, boolean dashed,
      String role) {
    svg.append(String.format(Locale.ROOT, "<line class=\"%s\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\""
        + " stroke=\"%s\" stroke-width=\"%.1f\"%s/>%n", role, x1, y1, x2, y2, stroke, width,
        dashed ? " stroke-dasharray=\"4 3\"" : ""));
  }

  @Override
  public void polyline(double[] xs, double[] ys, String stroke, double width, String role) {
    svg.append("<polyline class=\"").append(role).append("\" fill=\"none\" stroke=\"").append(stroke)
        .append(String.format(Locale.ROOT, "\" stroke-width=\"%.1f\" stroke-linejoin=\"round\" points=\"", width));
    for (int i = 0; i < xs.length; i++) {
      svg.append(String.format(Locale.ROOT, i == 0 ? "%.1f,%.1f" : " %.1f,%.1f", xs[i], ys[i]));
    }
    svg.append("\"/>\n");
  }

  @Override
  public void text(double x, double y, String text, double size, boolean bold, String fill, Anchor anchor,
      boolean upright, String role) {
    String anchorName = switch (anchor) {
      case START -> "start";
      case MIDDLE -> "middle";
      case END -> "end";
    };
    svg.append(String.format(Locale.ROOT, "<text class=\"%s\" x=\"%.1f\" y=\"%.1f\" font-size=\"%.0f\"%s fill=\"%s\""
        + " text-anchor=\"%s\"%s>", role, x, y, size, bold ? " font-weight=\"bold\"" : "", fill, anchorName,
        upright ? "" : String.format(Locale.ROOT, " transform=\"rotate(-90 %.1f %.1f)\"", x, y)));
    svg.append(escape(text)).append("</text>\n");
  }

  /** The document so far, closed. */
  String finish() {
    return svg + "</svg>\n";
  }

  private static String escape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}
