package io.vigil.samples.chart;

import io.vigil.samples.chart.Canvas.Anchor;
import java.awt.font.FontRenderContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import javax.imageio.ImageIO;

/**
 * The failover demo's chart: writes and reads per second over the run, the windows without a
 * master shaded, a dashed line at each failover event with its label in a lane above the plot,
 * a legend, and a title carrying the summary. It renders to SVG and to PNG from one layout.
 *
 * <p>Labels are placed greedily, earliest event first, in the lowest lane where neither the label
 * nor its leader line (down to the plot) crosses another label, so events a few milliseconds
 * apart stay readable. Immutable once built; rendering is thread-safe. Writing the PNG needs a
 * font on the machine (Debian: fonts-dejavu-core).
 *
 * <pre>{@code
 * FailoverChart chart = FailoverChart.builder(Duration.ofMillis(100))
 *     .title("0 errors surfaced, 0 writes lost").writes(writesPerBucket).reads(readsPerBucket)
 *     .noMaster(kill, promotion).marker(kill, "kill", FailoverChart.Kind.FAULT).build();
 * chart.writeSvg(dir.resolve("timeline.svg"));
 * chart.writePng(dir.resolve("timeline.png"));
 * }</pre>
 */
public final class FailoverChart {

  /** What a marker stands for, which sets its colour. */
  public enum Kind {
    /** A fault the demo applied: the kill. */
    FAULT("#d62728"),
    /** What the sentinels published: sdown, odown, election, promotion, +switch-master. */
    SENTINEL("#555555"),
    /** What the application saw: the first write acknowledged by the new master. */
    RECOVERY("#2ca02c");

    private final String colour;

    Kind(String colour) {
      this.colour = colour;
    }
  }

  /** An event at {@code at} after the start of the run. */
  public record Marker(Duration at, String label, Kind kind) {
    public Marker {
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(label, "label");
      Objects.requireNonNull(kind, "kind");
    }
  }

  /** A stretch of the run without a master. */
  public record Window(Duration from, Duration to) {
    public Window {
      if (to.compareTo(from) < 0) {
        throw new IllegalArgumentException("a window must not end (" + to + ") before it starts (" + from + ")");
      }
    }
  }

  private static final String WRITES_COLOUR = "#1f77b4";
  private static final String READS_COLOUR = "#ff7f0e";
  private static final String NO_MASTER_COLOUR = "#e45756";
  private static final String AXIS_COLOUR = "#333333";
  private static final String GRID_COLOUR = "#e5e5e5";

  private static final double WIDTH = 980;
  private static final double PLOT_LEFT = 82;
  private static final double PLOT_RIGHT = WIDTH - 28;
  private static final double PLOT_HEIGHT = 300;
  private static final double LANES_TOP = 88;
  private static final double LANE_HEIGHT = 18;
  private static final double LABEL_SIZE = 11;
  private static final double LABEL_PAD = 3;
  private static final double LABEL_GAP = 4;
  private static final double PNG_SCALE = 2;
  private static final FontRenderContext MEASURE = new FontRenderContext(null, true, true);

  private final String title;
  private final String subtitle;
  private final Duration bucket;
  private final long[] writes;
  private final long[] reads;
  private final List<Window> windows;
  private final List<Placed> labels;
  private final int lanes;
  private final double[] xTicks;
  private final double[] yTicks;
  private final double yMax;

  /** A marker's label where the layout put it. */
  private record Placed(Marker marker, double x, int lane, double left, double right) {}

  private FailoverChart(Builder b) {
    this.title = b.title;
    this.subtitle = b.subtitle;
    this.bucket = b.bucket;
    int n = Math.max(b.writes.length, b.reads.length);
    this.writes = Arrays.copyOf(b.writes, n);
    this.reads = Arrays.copyOf(b.reads, n);
    this.windows = List.copyOf(b.windows);
    double span = spanSeconds();
    this.xTicks = ticks(span, (PLOT_RIGHT - PLOT_LEFT) / span, 70);
    double peak = 1;
    for (int i = 0; i < n; i++) {
      peak = Math.max(peak, Math.max(perSecond(writes[i]), perSecond(reads[i])));
    }
    double step = niceStep(peak / 5);
    this.yMax = Math.ceil(peak / step) * step;
    int count = (int) Math.round(yMax / step);
    this.yTicks = new double[count + 1];
    for (int i = 0; i <= count; i++) {
      yTicks[i] = i * step;
    }
    this.labels = place(b.markers);
    this.lanes = labels.stream().mapToInt(p -> p.lane + 1).max().orElse(0);
  }

  /** A builder for a chart whose series count operations per {@code bucket}. */
  public static Builder builder(Duration bucket) {
    return new Builder(bucket);
  }

  /** The chart as an SVG document. */
  public String svg() {
    SvgCanvas svg = new SvgCanvas(WIDTH, height(), title);
    draw(svg);
    return svg.finish();
  }

  /** Writes {@link #svg()} to {@code file}. */
  public void writeSvg(Path file) throws IOException {
    Files.writeString(file, svg());
  }

  /** Paints the chart at twice its SVG size and writes it to {@code file} as PNG. */
  public void writePng(Path file) throws IOException {
    ImageCanvas image = new ImageCanvas((int) WIDTH, (int) Math.ceil(height()), PNG_SCALE);
    draw(image);
    if (!ImageIO.write(image.finish(), "png", file.toFile())) {
      throw new IOException("no PNG writer in this JVM");
    }
  }

  private double plotTop() {
    return LANES_TOP + lanes * LANE_HEIGHT + 8;
  }

  private double plotBottom() {
    return plotTop() + PLOT_HEIGHT;
  }

  private double height() {
    return plotBottom() + 50;
  }

  private double spanSeconds() {
    return Math.max(1, writes.length) * seconds(bucket);
  }

  private double x(double seconds) {
    return PLOT_LEFT + (PLOT_RIGHT - PLOT_LEFT) * seconds / spanSeconds();
  }

  private double y(double perSecond) {
    return plotBottom() - PLOT_HEIGHT * perSecond / yMax;
  }

  private double perSecond(long count) {
    return count / seconds(bucket);
  }

  private void draw(Canvas c) {
    double top = plotTop();
    double bottom = plotBottom();
    c.text(PLOT_LEFT, 26, title, 15, true, "#111111", Anchor.START, true, "title");
    if (subtitle != null) {
      c.text(PLOT_LEFT, 46, subtitle, 12, false, "#444444", Anchor.START, true, "subtitle");
    }
    legend(c, 70);

    for (Window w : windows) {
      double from = x(seconds(w.from()));
      double to = Math.max(from + 1, x(seconds(w.to())));
      c.rect(from, top, to - from, bottom - top, NO_MASTER_COLOUR, 0.18, null, "no-master");
    }
    for (double t : yTicks) {
      c.line(PLOT_LEFT, y(t), PLOT_RIGHT, y(t), GRID_COLOUR, 1, false, "grid");
      c.text(PLOT_LEFT - 6, y(t) + 4, String.format(Locale.ROOT, "%,.0f", t), 11, false, AXIS_COLOUR, Anchor.END, true,
          "y-tick");
    }
    for (double t : xTicks) {
      c.line(x(t), bottom, x(t), bottom + 4, AXIS_COLOUR, 1, false, "x-tick-mark");
      c.text(x(t), bottom + 17, formatSeconds(t), 11, false, AXIS_COLOUR, Anchor.MIDDLE, true, "x-tick");
    }
    c.text(PLOT_LEFT + (PLOT_RIGHT - PLOT_LEFT) / 2, bottom + 38, "time since the workload started (seconds)", 12,
        false, AXIS_COLOUR, Anchor.MIDDLE, true, "x-axis-title");
    c.text(22, top + PLOT_HEIGHT / 2, "operations per second", 12, false, AXIS_COLOUR, Anchor.MIDDLE, false,
        "y-axis-title");

    series(c, reads, READS_COLOUR, "series reads");
    series(c, writes, WRITES_COLOUR, "series writes");

    for (Placed p : labels) {
      String colour = p.marker.kind().colour;
      c.line(p.x, top, p.x, bottom, colour, 1, true, "marker");
      double boxBottom = laneBottom(p.lane);
      c.line(p.x, boxBottom, p.x, top, colour, 1, false, "leader");
      c.rect(p.left, boxBottom - LANE_HEIGHT + 2, p.right - p.left, LANE_HEIGHT - 2, "#ffffff", 1, colour,
          "marker-label-box");
      c.text(p.left + LABEL_PAD, boxBottom - 5, p.marker.label(), LABEL_SIZE, false, colour, Anchor.START, true,
          "marker-label");
    }
    c.line(PLOT_LEFT, bottom, PLOT_RIGHT, bottom, AXIS_COLOUR, 1, false, "x-axis");
    c.line(PLOT_LEFT, top, PLOT_LEFT, bottom, AXIS_COLOUR, 1, false, "y-axis");
  }

  private void series(Canvas c, long[] counts, String colour, String role) {
    double[] xs = new double[counts.length];
    double[] ys = new double[counts.length];
    double half = seconds(bucket) / 2;
    for (int i = 0; i < counts.length; i++) {
      xs[i] = x(i * seconds(bucket) + half); // a bucket's rate belongs to its middle
      ys[i] = y(perSecond(counts[i]));
    }
    c.polyline(xs, ys, colour, 1.6, role);
  }

  private void legend(Canvas c, double baseline) {
    double x = PLOT_LEFT;
    x = legendLine(c, x, baseline, WRITES_COLOUR, false, "writes acknowledged per second");
    x = legendLine(c, x, baseline, READS_COLOUR, false, "reads per second");
    c.rect(x, baseline - 10, 22, 12, NO_MASTER_COLOUR, 0.18, null, "legend-swatch");
    String noMaster = "no master (kill to promotion)";
    c.text(x + 28, baseline, noMaster, 12, false, AXIS_COLOUR, Anchor.START, true, "legend");
    x += 28 + width(noMaster, 12) + 22;
    legendLine(c, x, baseline, Kind.SENTINEL.colour, true, "failover events (+ms after the kill)");
  }

  private double legendLine(Canvas c, double x, double baseline, String colour, boolean dashed, String text) {
    c.line(x, baseline - 4, x + 22, baseline - 4, colour, dashed ? 1 : 2, dashed, "legend-swatch");
    c.text(x + 28, baseline, text, 12, false, AXIS_COLOUR, Anchor.START, true, "legend");
    return x + 28 + width(text, 12) + 22;
  }

  private double laneBottom(int lane) {
    return LANES_TOP + (lanes - lane) * LANE_HEIGHT;
  }

  /**
   * Lanes count up from the plot; each label starts at its marker and runs right. Placing the
   * latest event first, a label takes the lowest lane where it overlaps no label, no leader of a
   * higher label runs through it, and its own leader runs through no lower label; the lane above
   * all others always qualifies unless labels were pushed left at the plot's right edge, so past
   * {@link #MAX_LANES} only overlaps within a lane are avoided.
   */
  private List<Placed> place(List<Marker> markers) {
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < markers.size(); i++) {
      order.add(i);
    }
    // latest first; of simultaneous events the one given first ends up higher, read first
    order.sort(Comparator.comparing((Integer i) -> markers.get(i).at()).thenComparing(i -> i).reversed());
    List<Placed> placed = new ArrayList<>();
    for (int i : order) {
      Marker m = markers.get(i);
      double at = Math.min(PLOT_RIGHT, Math.max(PLOT_LEFT, x(seconds(m.at()))));
      double w = width(m.label(), LABEL_SIZE) + 2 * LABEL_PAD;
      double left = Math.max(PLOT_LEFT, Math.min(at, PLOT_RIGHT - w));
      double right = left + w;
      int lane = 0;
      while (!fits(placed, lane, at, left, right, lane < MAX_LANES)) {
        lane++;
      }
      placed.add(new Placed(m, at, lane, left, right));
    }
    return placed;
  }

  private static final int MAX_LANES = 24;

  private static boolean fits(List<Placed> placed, int lane, double at, double left, double right,
      boolean leadersToo) {
    for (Placed p : placed) {
      boolean sameLane = p.lane == lane && p.left < right + LABEL_GAP && left - LABEL_GAP < p.right;
      // a leader may run along a label's left edge, where the label's own leader is
      boolean crossedByLeader = p.lane > lane && p.x > left + 1 && p.x < right;
      boolean crossesLabel = p.lane < lane && at > p.left + 1 && at < p.right;
      if (sameLane || (leadersToo && (crossedByLeader || crossesLabel))) {
        return false;
      }
    }
    return true;
  }

  /** The text's width in the chart's font; an estimate where the JVM has no font to measure with. */
  static double width(String text, double size) {
    try {
      return ImageCanvas.font(size, false).getStringBounds(text, MEASURE).getWidth();
    } catch (RuntimeException | Error e) { // no fonts (fontconfig) on this machine
      return text.length() * size * 0.62;
    }
  }

  /** Tick positions every 1, 2 or 5 × 10ⁿ seconds, at least {@code minPixels} apart. */
  private static double[] ticks(double span, double pixelsPerSecond, double minPixels) {
    double step = niceStep(minPixels / pixelsPerSecond);
    int count = (int) Math.floor(span / step + 1e-9);
    double[] ticks = new double[count + 1];
    for (int i = 0; i <= count; i++) {
      ticks[i] = i * step;
    }
    return ticks;
  }

  /** The smallest of 1, 2 and 5 × 10ⁿ that is at least {@code atLeast}. */
  static double niceStep(double atLeast) {
    double magnitude = Math.pow(10, Math.floor(Math.log10(Math.max(atLeast, 1e-9))));
    for (double m : new double[] {1, 2, 5, 10}) {
      if (m * magnitude >= atLeast - 1e-12) {
        return m * magnitude;
      }
    }
    return 10 * magnitude;
  }

  private static String formatSeconds(double t) {
    return t == Math.rint(t) ? String.format(Locale.ROOT, "%.0f", t) : String.format(Locale.ROOT, "%.1f", t);
  }

  private static double seconds(Duration d) {
    return d.toNanos() / 1e9;
  }

  /** Collects a chart's data; {@link #build()} lays it out. Not thread-safe. */
  public static final class Builder {
    private final Duration bucket;
    private String title = "";
    private String subtitle;
    private long[] writes = new long[0];
    private long[] reads = new long[0];
    private final List<Window> windows = new ArrayList<>();
    private final List<Marker> markers = new ArrayList<>();

    private Builder(Duration bucket) {
      if (bucket.isNegative() || bucket.isZero()) {
        throw new IllegalArgumentException("bucket must be positive, got " + bucket);
      }
      this.bucket = bucket;
    }

    /** The headline, for the summary. */
    public Builder title(String title) {
      this.title = Objects.requireNonNull(title, "title");
      return this;
    }

    /** A second line under the title; none by default. */
    public Builder subtitle(String subtitle) {
      this.subtitle = subtitle;
      return this;
    }

    /** Writes acknowledged in each bucket, from the start of the run. */
    public Builder writes(long[] perBucket) {
      this.writes = perBucket.clone();
      return this;
    }

    /** Reads answered in each bucket, from the start of the run. */
    public Builder reads(long[] perBucket) {
      this.reads = perBucket.clone();
      return this;
    }

    /** Shades {@code from} to {@code to}: no master. */
    public Builder noMaster(Duration from, Duration to) {
      windows.add(new Window(from, to));
      return this;
    }

    /** An event at {@code at} after the start. */
    public Builder marker(Duration at, String label, Kind kind) {
      markers.add(new Marker(at, label, kind));
      return this;
    }

    public FailoverChart build() {
      return new FailoverChart(this);
    }
  }
}
