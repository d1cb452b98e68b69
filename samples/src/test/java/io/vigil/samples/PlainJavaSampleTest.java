package io.vigil.samples;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.testkit.chaos.Node;
import io.vigil.testkit.chaos.NodeKind;
import io.vigil.testkit.chaos.Topology;
import io.vigil.testkit.process.RespSocket;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The plain-Java sample against an embedded stack, as the README runs it against a real one. */
class PlainJavaSampleTest {

  @Test
  void writesReadsWithASessionAndWritesDurably() {
    try (Topology topology = Topology.builder().replicas(2).sentinels(3)
        .dataNodes(NodeKind.JAVA).sentinelNodes(NodeKind.JAVA).start().awaitHealthy(Duration.ofSeconds(60))) {
      String sentinels = topology.sentinelAddresses().stream()
          .map(a -> a.getHostString() + ":" + a.getPort()).collect(Collectors.joining(","));
      ByteArrayOutputStream printed = new ByteArrayOutputStream();

      PlainJavaSample.run(sentinels, topology.masterName(), new PrintStream(printed, true, StandardCharsets.UTF_8));
      String output = printed.toString(StandardCharsets.UTF_8);

      // A bounded replica read may miss a write made a moment ago: either is correct.
      assertThat(output).containsAnyOf("greeting: hello\n", "greeting: null\n");
      Matcher visits = Pattern.compile("visits: (\\d+), read back: (\\S+)").matcher(output);
      assertThat(visits.find()).as(output).isTrue();
      assertThat(visits.group(2)).as("the session reads its own INCR").isEqualTo(visits.group(1));
      Node master = topology.currentMaster();
      assertThat(RespSocket.text(master.call("GET", "visits"))).isEqualTo(visits.group(1));
      assertThat(output).contains("order:42 paid, on the master 127.0.0.1:" + master.address().getPort());
      // Durable: both replicas had the write before run() went on, no waiting needed here.
      assertThat(topology.dataNodes()).filteredOn(n -> n != master).hasSize(2)
          .allMatch(replica -> "paid".equals(RespSocket.text(replica.call("GET", "order:42"))));
    }
  }

  @Test
  void theReadmeShowsTheSampleAsItIs() throws Exception {
    String source = Files.readString(Path.of("src/main/java/io/vigil/samples/PlainJavaSample.java"));
    int start = source.indexOf("  public static void run(String sentinels");
    int end = source.indexOf("\n  }\n", start) + "\n  }\n".length();
    String method = Stream.of(source.substring(start, end).split("\n", -1))
        .map(line -> line.startsWith("  ") ? line.substring(2) : line).collect(Collectors.joining("\n"));
    assertThat(Files.readString(Path.of("README.md"))).as("samples/README.md quotes PlainJavaSample.run").contains(method);
    assertThat(Files.readString(Path.of("../README.md"))).as("the root README quotes PlainJavaSample.run").contains(method);
  }
}
