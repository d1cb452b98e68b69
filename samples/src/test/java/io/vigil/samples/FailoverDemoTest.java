package io.vigil.samples;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.testkit.chaos.NodeKind;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's demo command, shortened: a failover of the all-Java stack seen through Vigil. */
class FailoverDemoTest {

  @Test
  void demoFailsOverWithoutErrorsAndReportsTheTimeline(@TempDir Path out) throws Exception {
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    FailoverDemo.Summary s = FailoverDemo.run(Duration.ofSeconds(8), NodeKind.JAVA, 1, out, true,
        new PrintStream(printed, true, StandardCharsets.UTF_8));
    String console = printed.toString(StandardCharsets.UTF_8);

    assertThat(s.failovers()).isEqualTo(1);
    assertThat(s.errors()).as(console).isZero();
    assertThat(s.acknowledged()).isPositive();
    assertThat(s.lost()).as("durable writes survive the failover: %s", console).isZero();
    assertThat(s.reads()).isPositive();
    assertThat(s.staleReads()).as("no read beyond the lag bound: %s", console).isZero();
    assertThat(s.timeline()).as(console).noneMatch(line -> line.contains("not seen"));
    assertThat(String.join("\n", s.timeline())).contains("+switch-master published",
        "first write acknowledged by the new master");
    assertThat(Files.readString(s.report())).contains("\"failovers\": 1", "\"acknowledged\": " + s.acknowledged());
    String chart = Files.readString(s.chart());
    assertThat(chart).startsWith("<svg").contains("class=\"series writes\"", "class=\"series reads\"",
        "class=\"no-master\"", ">kill -9 master<", ">sdown +", ">odown +", ">election +", ">promotion +",
        ">+switch-master +", ">first acknowledged write +", "0 errors surfaced", "0 acknowledged writes lost");
    assertThat(s.png()).as("the PNG beside the SVG").isNotNull().hasParent(s.chart().getParent());
    assertThat(ImageIO.read(s.png().toFile()).getWidth()).isPositive();
    assertThat(console).contains("Summary", "kill -9 the master");
  }
}
