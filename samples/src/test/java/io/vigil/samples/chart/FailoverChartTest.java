package io.vigil.samples.chart;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** The chart's content, read back from its SVG: axes, series, the no-master window, markers and their labels. */
class FailoverChartTest {

  private static final Duration BUCKET = Duration.ofMillis(100);
  private static final Duration KILL = Duration.ofMillis(6_650);
  private static final int BUCKETS = 200; // 20 s
  /** A real failover's milestones after the kill: most within 150 ms of each other. */
  private static final String[][] STEPS = {
      {"0", "kill -9 master"}, {"1012", "sdown +1012 ms"}, {"1019", "odown +1019 ms"},
      {"1027", "election +1027 ms"}, {"1105", "promotion +1105 ms"}, {"1109", "first acknowledged write +1109 ms"},
      {"1160", "+switch-master +1160 ms"}};

  static FailoverChart chart;
  static Document svg;
  static long[] writes;
  static long[] reads;

  @BeforeAll
  static void draw() throws Exception {
    writes = new long[BUCKETS];
    reads = new long[BUCKETS];
    for (int i = 0; i < BUCKETS; i++) {
      boolean down = i >= 66 && i <= 77; // from the kill to the first write on the new master
      writes[i] = down ? 0 : 480 + (i % 7) * 5;
      reads[i] = 350 + (i % 5) * 10;
    }
    FailoverChart.Builder b = FailoverChart.builder(BUCKET)
        .title("Killing the master under load: 0 errors surfaced to the application, 0 acknowledged writes lost")
        .subtitle("61,782 writes acknowledged and 72,374 reads through Vigil across 1 failover")
        .writes(writes).reads(reads)
        .noMaster(KILL, KILL.plusMillis(1105));
    for (String[] step : STEPS) {
      FailoverChart.Kind kind = step[1].startsWith("kill") ? FailoverChart.Kind.FAULT
          : step[1].startsWith("first") ? FailoverChart.Kind.RECOVERY : FailoverChart.Kind.SENTINEL;
      b.marker(KILL.plusMillis(Long.parseLong(step[0])), step[1], kind);
    }
    chart = b.build();
    svg = DocumentBuilderFactory.newInstance().newDocumentBuilder()
        .parse(new ByteArrayInputStream(chart.svg().getBytes(StandardCharsets.UTF_8)));
  }

  private static List<Element> role(String name) {
    List<Element> found = new ArrayList<>();
    NodeList all = svg.getElementsByTagName("*");
    for (int i = 0; i < all.getLength(); i++) {
      Element e = (Element) all.item(i);
      if (e.getAttribute("class").equals(name)) {
        found.add(e);
      }
    }
    return found;
  }

  private static List<String> texts(String name) {
    return role(name).stream().map(Element::getTextContent).toList();
  }

  private static double number(Element e, String attribute) {
    return Double.parseDouble(e.getAttribute(attribute));
  }

  /** x of the plot for {@code seconds}, from the x axis's own ticks. */
  private static double xAt(double seconds) {
    List<Element> ticks = role("x-tick");
    Element first = ticks.get(0);
    Element second = ticks.get(1);
    double perSecond = (number(second, "x") - number(first, "x"))
        / (Double.parseDouble(second.getTextContent()) - Double.parseDouble(first.getTextContent()));
    return number(first, "x") + perSecond * (seconds - Double.parseDouble(first.getTextContent()));
  }

  @Test
  void titleCarriesTheSummary() {
    assertThat(texts("title")).singleElement().asString()
        .contains("0 errors surfaced").contains("0 acknowledged writes lost");
  }

  @Test
  void timeAxisIsInSecondsOverTheWholeRun() {
    List<Double> ticks = texts("x-tick").stream().map(Double::parseDouble).toList();
    assertThat(ticks.get(0)).isZero();
    assertThat(ticks.get(ticks.size() - 1)).isEqualTo(20.0);
    assertThat(ticks).isSorted().hasSizeBetween(5, 21);
    assertThat(texts("x-axis-title")).singleElement().asString().contains("seconds");
  }

  @Test
  void rateAxisIsInOperationsPerSecondAndCoversThePeak() {
    List<Double> ticks = texts("y-tick").stream().map(t -> Double.parseDouble(t.replace(",", ""))).toList();
    assertThat(ticks.get(0)).isZero();
    assertThat(ticks).isSorted();
    // the peak is 510 writes per 100 ms: 5,100 per second
    assertThat(ticks.get(ticks.size() - 1)).isBetween(5_100.0, 10_200.0);
    assertThat(texts("y-axis-title")).singleElement().asString().isEqualTo("operations per second");
  }

  @Test
  void writesAndReadsAreTwoSeriesWithAPointPerBucket() {
    for (String series : new String[] {"series writes", "series reads"}) {
      List<Element> lines = role(series);
      assertThat(lines).as(series).hasSize(1);
      assertThat(lines.get(0).getAttribute("points").split(" ")).as(series).hasSize(BUCKETS);
    }
    assertThat(role("series writes").get(0).getAttribute("stroke"))
        .isNotEqualTo(role("series reads").get(0).getAttribute("stroke"));
  }

  @Test
  void writesTouchTheTimeAxisWhileThereIsNoMaster() {
    double axis = number(role("x-axis").get(0), "y1");
    String[] points = role("series writes").get(0).getAttribute("points").split(" ");
    double[] ys = Arrays.stream(points).mapToDouble(p -> Double.parseDouble(p.split(",")[1])).toArray();
    assertThat(ys[70]).as("a bucket without writes").isEqualTo(axis);
    assertThat(ys[10]).as("a bucket with writes").isLessThan(axis - 100);
  }

  @Test
  void windowWithoutAMasterIsShadedFromTheKillToThePromotion() {
    Element window = role("no-master").get(0);
    assertThat(role("no-master")).hasSize(1);
    assertThat(number(window, "x")).isCloseTo(xAt(6.65), org.assertj.core.data.Offset.offset(1.0));
    assertThat(number(window, "x") + number(window, "width"))
        .isCloseTo(xAt(7.755), org.assertj.core.data.Offset.offset(1.0));
    assertThat(texts("legend")).anyMatch(t -> t.startsWith("no master"));
  }

  @Test
  void everyFailoverEventHasAMarkerAtItsTimeAndItsLabel() {
    List<Element> markers = role("marker");
    assertThat(markers).hasSize(STEPS.length);
    List<String> labels = texts("marker-label");
    for (String[] step : STEPS) {
      assertThat(labels).contains(step[1]);
      double at = xAt(KILL.plusMillis(Long.parseLong(step[0])).toNanos() / 1e9);
      assertThat(markers).as(step[1]).anySatisfy(m -> assertThat(number(m, "x1"))
          .isCloseTo(at, org.assertj.core.data.Offset.offset(0.2)));
    }
  }

  @Test
  void labelsOverlapNeitherEachOtherNorTheOtherLeaders() {
    List<Element> boxes = role("marker-label-box");
    List<Element> leaders = role("leader");
    assertThat(boxes).hasSize(STEPS.length);
    for (int i = 0; i < boxes.size(); i++) {
      Element a = boxes.get(i);
      for (int j = i + 1; j < boxes.size(); j++) {
        Element b = boxes.get(j);
        boolean apart = number(a, "x") + number(a, "width") <= number(b, "x")
            || number(b, "x") + number(b, "width") <= number(a, "x")
            || number(a, "y") + number(a, "height") <= number(b, "y")
            || number(b, "y") + number(b, "height") <= number(a, "y");
        assertThat(apart).as("label boxes %d and %d", i, j).isTrue();
      }
      for (int j = 0; j < leaders.size(); j++) {
        Element l = leaders.get(j);
        double x = number(l, "x1");
        double top = Math.min(number(l, "y1"), number(l, "y2"));
        double bottom = Math.max(number(l, "y1"), number(l, "y2"));
        boolean inside = x > number(a, "x") + 1 && x < number(a, "x") + number(a, "width")
            && top < number(a, "y") + number(a, "height") && bottom > number(a, "y");
        assertThat(inside).as("leader %d through label box %d", j, i).isFalse();
      }
    }
  }

  @Test
  void labelsSitAboveThePlotNotOverTheSeries() {
    double plotTop = number(role("y-axis").get(0), "y1");
    assertThat(role("marker-label-box"))
        .allSatisfy(box -> assertThat(number(box, "y") + number(box, "height")).isLessThanOrEqualTo(plotTop));
  }

  @Test
  void legendNamesBothSeriesAndTheMarkers() {
    assertThat(texts("legend")).anyMatch(t -> t.startsWith("writes")).anyMatch(t -> t.startsWith("reads"))
        .anyMatch(t -> t.startsWith("failover events"));
  }

  @Test
  void pngIsWrittenBesideAtTwiceTheSize(@TempDir Path dir) throws Exception {
    Path png = dir.resolve("timeline.png");
    chart.writePng(png);
    BufferedImage image = ImageIO.read(png.toFile());
    Element root = svg.getDocumentElement();
    assertThat(image.getWidth()).isEqualTo(2 * (int) number(root, "width"));
    assertThat(image.getHeight()).isEqualTo(2 * (int) number(root, "height"));
  }
}
