package io.vigil.samples.chart;

/**
 * What {@link FailoverChart} draws with: the few primitives it needs, in chart pixels (origin top
 * left, y down), so that one layout renders to SVG and to a PNG alike.
 *
 * <p>Colours are {@code #rrggbb}. {@code role} names what a shape is ({@code series writes},
 * {@code marker}, {@code x-tick}…); the SVG keeps it as the element's class so the chart's content
 * can be checked, a bitmap ignores it. Not thread-safe.
 */
interface Canvas {

  /** Where a text's {@code x} is: its start, middle or end. */
  enum Anchor { START, MIDDLE, END }

  void rect(double x, double y, double width, double height, String fill, double fillOpacity, String stroke,
      String role);

  void line(double x1, double y1, double x2, double y2, String stroke, double width, boolean dashed, String role);

  void polyline(double[] xs, double[] ys, String stroke, double width, String role);

  /** Text with its baseline at {@code y}; {@code upright} false turns it a quarter left, reading upwards. */
  void text(double x, double y, String text, double size, boolean bold, String fill, Anchor anchor, boolean upright,
      String role);
}
