package io.vigil.samples;

import io.vigil.driver.Endpoint;
import io.vigil.driver.VigilClient;
import io.vigil.samples.chart.FailoverChart;
import io.vigil.testkit.chaos.Node;
import io.vigil.testkit.chaos.NodeKind;
import io.vigil.testkit.chaos.Topology;
import io.vigil.testkit.chaos.TimelineEvent;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

/**
 * The one-command failover demo: starts 1 master, 2 replicas and 3 sentinels (all Java by
 * default, nothing installed; {@code --against real} uses redis-server/redis-sentinel from the
 * PATH), runs a write workload through Vigil in sentinel mode with a live progress line, kills
 * the master with no warning, and prints what happened — kill, sdown, odown, election,
 * promotion, {@code +switch-master}, first good write — and what the application saw: writes
 * acknowledged, lost, errors surfaced. It also writes a JSON report and a chart of the run, as SVG
 * and PNG.
 *
 * <pre>
 * mvn -B -q -pl samples -am package -DskipTests -Pdemo [-Ddemo.args="--duration 30s --faults 2 --against real"]
 * </pre>
 */
public final class FailoverDemo {

  /** What a run saw, for the summary, the report and tests. */
  public record Summary(long acknowledged, long lost, long errors, int failovers, long reads,
      long replicaReads, long staleReads, List<String> timeline, Path report, Path chart, Path png) {}

  /** How the series are counted: operations per bucket. */
  static final Duration BUCKET = Duration.ofMillis(100);

  /**
   * The milestones of one failover: the kill as an offset from the start of the workload, the
   * Sentinel steps and the first write the new master acknowledged (null if none came) as offsets
   * from the kill.
   */
  private record Failover(Duration kill, Map<String, Duration> steps, Duration firstWrite) {}

  /** The steps the timeline and the chart show: the Sentinel event, its line and its marker label. */
  private static final String[][] STEPS = {
      {"+sdown", "a sentinel sees the master down (sdown)", "sdown"},
      {"+odown", "a quorum agrees (odown)", "odown"},
      {"+elected-leader", "a leader is elected", "election"},
      {"+promoted-slave", "a replica is promoted", "promotion"},
      {"+switch-master", "+switch-master published", "+switch-master"}};

  /** Reads may go to replicas no more than this far behind. */
  static final Duration READ_BOUND = Duration.ofMillis(100);

  private final Duration duration;
  private final NodeKind kind;
  private final int faults;
  private final Path out;
  private final boolean durable;
  private final PrintStream console;

  private FailoverDemo(Duration duration, NodeKind kind, int faults, Path out, boolean durable, PrintStream console) {
    this.duration = duration;
    this.kind = kind;
    this.faults = faults;
    this.out = out;
    this.durable = durable;
    this.console = console;
  }

  public static void main(String[] args) throws Exception {
    Duration duration = Duration.ofSeconds(20);
    NodeKind kind = NodeKind.JAVA;
    int faults = 1;
    Path out = Path.of("target", "failover-demo");
    boolean durable = true;
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      String v = i + 1 < args.length ? args[i + 1] : null;
      switch (a) {
        case "--duration":
          duration = parseDuration(v);
          i++;
          break;
        case "--against":
          kind = "real".equalsIgnoreCase(v) ? NodeKind.REAL : NodeKind.JAVA;
          i++;
          break;
        case "--faults":
          faults = Integer.parseInt(v);
          i++;
          break;
        case "--out":
          out = Path.of(v);
          i++;
          break;
        case "--no-durable":
          durable = false;
          break;
        default:
          System.err.println("unknown option " + a + "; options: --duration 20s --against java|real --faults 1 --out dir --no-durable");
          System.exit(2);
      }
    }
    if (faults < 0 || duration.toMillis() < 3000 * Math.max(1, faults)) {
      System.err.println("--duration must leave at least 3 s per fault, got " + duration + " for " + faults + " faults");
      System.exit(2);
    }
    run(duration, kind, faults, out, durable, System.out);
    System.exit(0);
  }

  /**
   * Runs the demo and returns its summary (printed as it goes to {@code console}). With {@code
   * durable}, each write is acknowledged only once a replica has it ({@code WAIT 1}), so a
   * failover loses none; without, the few writes the old master acknowledged but had not yet
   * replicated when it died are lost, as Redis's asynchronous replication allows.
   */
  public static Summary run(Duration duration, NodeKind kind, int faults, Path out, boolean durable,
      PrintStream console) throws Exception {
    return new FailoverDemo(duration, kind, faults, out, durable, console).run();
  }

  private Summary run() throws Exception {
    console.printf("Starting 1 master, 2 replicas and 3 sentinels (%s nodes)...%n", kind);
    try (Topology topology = Topology.builder()
        .replicas(2).sentinels(3)
        .dataNodes(kind == NodeKind.JAVA ? NodeKind.JAVA : NodeKind.REAL)
        .sentinelNodes(kind == NodeKind.JAVA ? NodeKind.JAVA : NodeKind.REAL)
        .downAfter(Duration.ofMillis(1000))
        .failoverTimeout(Duration.ofSeconds(6))
        .start()) {
      topology.awaitHealthy(Duration.ofSeconds(60));
      StringBuilder sentinels = new StringBuilder();
      topology.sentinelAddresses().forEach(a -> sentinels.append(sentinels.length() == 0 ? "" : ",")
          .append(a.getHostString()).append(':').append(a.getPort()));
      io.micrometer.core.instrument.simple.SimpleMeterRegistry meters =
          new io.micrometer.core.instrument.simple.SimpleMeterRegistry();
      try (VigilClient redis = VigilClient.builder()
          .sentinels(sentinels.toString())
          .masterName(topology.masterName())
          .commandTimeout(Duration.ofSeconds(10))
          .meterRegistry(meters)
          .build()) {
        console.println("Vigil connected through the sentinels; master is " + redis.currentMaster()
            + (durable ? "; writes are durable (acknowledged once a replica has them)" : "; writes are not durable"));
        return workload(topology, redis, durable ? redis.durable(1, Duration.ofSeconds(2)) : redis, meters);
      }
    }
  }

  private Summary workload(Topology topology, VigilClient redis, io.vigil.driver.ClientView<String, String> writes,
      io.micrometer.core.instrument.MeterRegistry meters) throws Exception {
    int threads = 4;
    AtomicBoolean running = new AtomicBoolean(true);
    ConcurrentLinkedQueue<String> acked = new ConcurrentLinkedQueue<>();
    LongAdder errors = new LongAdder();
    Map<String, LongAdder> errorsByType = new ConcurrentHashMap<>();
    long start = System.nanoTime();
    // writes acknowledged and reads answered per bucket, for the chart
    Map<Long, LongAdder> perBucket = new ConcurrentHashMap<>();
    Map<Long, LongAdder> readsPerBucket = new ConcurrentHashMap<>();
    AtomicLong firstGoodWriteAfterKill = new AtomicLong(Long.MAX_VALUE);
    AtomicLong killedAt = new AtomicLong(Long.MAX_VALUE);
    List<Endpoint> killedMasters = new ArrayList<>();
    List<Thread> workers = new ArrayList<>();
    // recent acknowledged writes, for readers: slot i holds a key and when it was acknowledged
    int ring = 4096;
    String[] recentKeys = new String[ring];
    long[] recentAcks = new long[ring];
    AtomicLong recentNext = new AtomicLong();
    LongAdder reads = new LongAdder();
    LongAdder staleReads = new LongAdder();
    io.vigil.driver.ClientView<String, String> bounded =
        redis.withReadPolicy(io.vigil.driver.ReadPolicy.replicaPreferred().maxLag(READ_BOUND));
    for (int t = 0; t < 2; t++) {
      Thread r = new Thread(() -> {
        java.util.Random random = new java.util.Random();
        while (running.get()) {
          long n = recentNext.get();
          if (n == 0) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
            continue;
          }
          int slot = (int) ((n - 1 - random.nextInt((int) Math.min(n, ring))) % ring);
          String key;
          long ackedAt;
          synchronized (recentKeys) {
            key = recentKeys[slot];
            ackedAt = recentAcks[slot];
          }
          long invoked = System.nanoTime();
          try {
            String value = bounded.get(key);
            reads.increment();
            readsPerBucket.computeIfAbsent((System.nanoTime() - start) / BUCKET.toNanos(), b -> new LongAdder())
                .increment();
            if (value == null && invoked - ackedAt > READ_BOUND.toNanos()) {
              staleReads.increment(); // acknowledged over the bound before this read, yet not seen
            }
          } catch (RuntimeException e) {
            errors.increment();
            errorsByType.computeIfAbsent("read " + e.getClass().getSimpleName(), k -> new LongAdder()).increment();
          }
        }
      }, "demo-reader-" + t);
      r.start();
      workers.add(r);
    }
    for (int t = 0; t < threads; t++) {
      int id = t;
      Thread w = new Thread(() -> {
        long i = 0;
        while (running.get()) {
          String key = "w:" + id + ":" + i;
          try {
            writes.set(key, Long.toString(i));
            long now = System.nanoTime();
            acked.add(key);
            synchronized (recentKeys) {
              int slot = (int) (recentNext.get() % ring);
              recentKeys[slot] = key;
              recentAcks[slot] = now;
              recentNext.incrementAndGet();
            }
            perBucket.computeIfAbsent((now - start) / BUCKET.toNanos(), b -> new LongAdder()).increment();
            if (now > killedAt.get() && !killedMasters.contains(redis.currentMaster())) {
              firstGoodWriteAfterKill.accumulateAndGet(now, Math::min);
            }
          } catch (RuntimeException e) {
            errors.increment();
            errorsByType.computeIfAbsent(e.getClass().getSimpleName(), k -> new LongAdder()).increment();
          }
          i++;
        }
      }, "demo-writer-" + t);
      w.start();
      workers.add(w);
    }

    long end = start + duration.toNanos();
    List<Long> killTimes = new ArrayList<>();
    for (int f = 1; f <= faults; f++) {
      killTimes.add(start + duration.toNanos() * f / (faults + 1));
    }
    int failovers = 0;
    long lastAcked = 0;
    long lastReads = 0;
    long lastReport = start;
    long nextReport = start + TimeUnit.SECONDS.toNanos(1);
    List<String> timeline = new ArrayList<>();
    List<Failover> failoverMarks = new ArrayList<>();
    while (System.nanoTime() < end) {
      long now = System.nanoTime();
      if (!killTimes.isEmpty() && now >= killTimes.get(0)) {
        killTimes.remove(0);
        Node master = topology.currentMaster();
        Endpoint old = redis.currentMaster();
        killedMasters.add(old);
        int from = topology.timeline().size();
        console.printf("%n>>> kill -9 the master %s (%s)%n", master.name(), old);
        long killNanos = System.nanoTime();
        killedAt.set(killNanos);
        firstGoodWriteAfterKill.set(Long.MAX_VALUE);
        topology.faults().kill(master);
        topology.awaitFailover(master, Duration.ofSeconds(30));
        awaitFirstGoodWrite(firstGoodWriteAfterKill, Duration.ofSeconds(30));
        failovers++;
        long firstWrite = firstGoodWriteAfterKill.get();
        Failover marks = milestones(topology, from, Duration.ofNanos(killNanos - start),
            firstWrite == Long.MAX_VALUE ? null : Duration.ofNanos(firstWrite - killNanos));
        failoverMarks.add(marks);
        List<String> lines = describe(marks);
        timeline.addAll(lines);
        lines.forEach(line -> console.println("    " + line));
        topology.faults().healAll(); // the old master comes back and is made a replica
        now = System.nanoTime();
      }
      if (now >= nextReport) {
        long total = acked.size();
        long readsNow = reads.sum();
        double seconds = (now - lastReport) / 1e9; // more than 1 s when a kill held up the loop
        console.printf(Locale.ROOT, "t=%4.1fs  %,7.0f writes/s  %,7.0f reads/s  master %-21s  acknowledged %,9d  errors %d  %s%n",
            (now - start) / 1e9, (total - lastAcked) / seconds, (readsNow - lastReads) / seconds, redis.currentMaster(),
            total, errors.sum(), replicaLags(meters));
        lastAcked = total;
        lastReads = readsNow;
        lastReport = now;
        nextReport = now + TimeUnit.SECONDS.toNanos(1);
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
    }
    running.set(false);
    for (Thread w : workers) {
      w.join(TimeUnit.SECONDS.toMillis(30));
    }

    long lost = countLost(redis, new ArrayList<>(acked));
    console.println();
    console.println("Summary");
    console.printf(Locale.ROOT, "  writes acknowledged:       %,d%n", acked.size());
    console.printf("  acknowledged writes lost:  %d%s%n", lost, lost == 0 ? "" : "  (acknowledged by the old master,"
        + " not yet replicated when it died: Redis replication is asynchronous; durable writes,"
        + " the default, close this gap)");
    console.printf("  errors surfaced to the app: %d %s%n", errors.sum(), errorsByType.isEmpty() ? "" : errorsByType);
    console.printf("  failovers:                 %d%n", failovers);
    long replicaReads = (long) meters.find("vigil.reads").tag("role", "replica").counters().stream()
        .mapToDouble(io.micrometer.core.instrument.Counter::count).sum();
    console.printf(Locale.ROOT, "  reads:                     %,d, %,d of them served by replicas within %d ms of the master%n",
        reads.sum(), replicaReads, READ_BOUND.toMillis());
    console.printf("  stale reads (missing a write acknowledged over %d ms earlier): %d%n", READ_BOUND.toMillis(),
        staleReads.sum());
    Files.createDirectories(out);
    Path report = out.resolve("report.json");
    Path chart = out.resolve("timeline.svg");
    Path png = out.resolve("timeline.png");
    Files.writeString(report, json(acked.size(), lost, errors.sum(), failovers, timeline)
        .replace("\n  \"timeline\"", "\n  \"reads\": " + reads.sum() + ",\n  \"replicaReads\": " + replicaReads
            + ",\n  \"staleReads\": " + staleReads.sum() + ",\n  \"timeline\""));
    String stack = kind == NodeKind.JAVA ? "the Java server and Sentinel" : "redis-server and redis-sentinel";
    FailoverChart picture = chart(perBucket, readsPerBucket, duration, failoverMarks, acked.size(), lost,
        errors.sum(), reads.sum(), stack);
    picture.writeSvg(chart);
    console.println("  report: " + report.toAbsolutePath() + "\n  chart:  " + chart.toAbsolutePath());
    try {
      picture.writePng(png);
      console.println("          " + png.toAbsolutePath());
    } catch (IOException | RuntimeException | Error e) { // most likely no fonts: the SVG is there
      console.println("  (no PNG: " + e + "; on Debian, apt-get install fonts-dejavu-core)");
      png = null;
    }
    return new Summary(acked.size(), lost, errors.sum(), failovers, reads.sum(), replicaReads, staleReads.sum(),
        timeline, report, chart, png);
  }

  private static void awaitFirstGoodWrite(AtomicLong firstGood, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (firstGood.get() == Long.MAX_VALUE && System.nanoTime() < deadline) {
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
    }
  }

  /** When each step of the failover that began with the kill at {@code kill} happened. */
  private static Failover milestones(Topology topology, int from, Duration kill, Duration firstWriteAfterKill) {
    List<TimelineEvent> events = topology.timeline().events();
    TimelineEvent killed = null;
    for (int i = from; i < events.size(); i++) {
      if (events.get(i).type().equals("kill")) {
        killed = events.get(i);
        break;
      }
    }
    Map<String, Duration> steps = new TreeMap<>();
    for (int i = from; i < events.size() && killed != null; i++) {
      TimelineEvent e = events.get(i);
      if (e.type().equals("+sdown") && !e.message().startsWith("master")) {
        continue; // a replica or sentinel going down is not the story here
      }
      steps.putIfAbsent(e.type(), e.at().minus(killed.at()));
    }
    return new Failover(kill, steps, firstWriteAfterKill);
  }

  /** Kill → sdown → odown → election → promotion → +switch-master → first good write, in ms after it. */
  private static List<String> describe(Failover f) {
    List<String> lines = new ArrayList<>();
    lines.add(String.format("%6d ms  kill -9 the master", 0));
    for (String[] step : STEPS) {
      Duration at = f.steps().get(step[0]);
      lines.add(at == null ? String.format("     ?     %s (not seen)", step[1])
          : String.format("%6d ms  %s", at.toMillis(), step[1]));
    }
    lines.add(f.firstWrite() == null ? "     ?     first write acknowledged by the new master (not seen)"
        : String.format("%6d ms  first write acknowledged by the new master", f.firstWrite().toMillis()));
    return lines;
  }

  /** Writes and reads per second, the windows without a master and each failover's milestones. */
  private static FailoverChart chart(Map<Long, LongAdder> writes, Map<Long, LongAdder> reads, Duration duration,
      List<Failover> failovers, long acknowledged, long lost, long errors, long readCount, String stack) {
    int buckets = (int) Math.max(1, duration.toNanos() / BUCKET.toNanos()); // whole buckets: the last is cut short
    FailoverChart.Builder chart = FailoverChart.builder(BUCKET)
        .title(String.format(Locale.ROOT, "Killing the master under load: %,d errors surfaced to the application,"
            + " %,d acknowledged writes lost", errors, lost))
        .subtitle(String.format(Locale.ROOT, "%,d writes acknowledged and %,d reads through Vigil across %d"
            + " failover%s; 1 master, 2 replicas and 3 sentinels (%s), down-after 1000 ms", acknowledged, readCount,
            failovers.size(), failovers.size() == 1 ? "" : "s", stack))
        .writes(counts(writes, buckets))
        .reads(counts(reads, buckets));
    for (Failover f : failovers) {
      Duration promoted = f.steps().getOrDefault("+promoted-slave", f.firstWrite());
      chart.noMaster(f.kill(), promoted == null ? duration : f.kill().plus(promoted));
      chart.marker(f.kill(), "kill -9 master", FailoverChart.Kind.FAULT);
      for (String[] step : STEPS) {
        Duration at = f.steps().get(step[0]);
        if (at != null) {
          chart.marker(f.kill().plus(at), step[2] + " +" + at.toMillis() + " ms", FailoverChart.Kind.SENTINEL);
        }
      }
      if (f.firstWrite() != null) {
        chart.marker(f.kill().plus(f.firstWrite()), "first acknowledged write +" + f.firstWrite().toMillis() + " ms",
            FailoverChart.Kind.RECOVERY);
      }
    }
    return chart.build();
  }

  private static long[] counts(Map<Long, LongAdder> perBucket, int buckets) {
    long[] counts = new long[buckets];
    for (int i = 0; i < buckets; i++) {
      LongAdder n = perBucket.get((long) i);
      counts[i] = n == null ? 0 : n.sum();
    }
    return counts;
  }

  /** Each replica's lag as the client measures it ({@code vigil.replica.lag.seconds}), for the progress line. */
  private static String replicaLags(io.micrometer.core.instrument.MeterRegistry meters) {
    StringBuilder line = new StringBuilder();
    for (io.micrometer.core.instrument.Gauge gauge : meters.find("vigil.replica.lag.seconds").gauges()) {
      double seconds = gauge.value();
      line.append(line.length() == 0 ? "replica lag " : ", ").append(gauge.getId().getTag("replica")).append(' ')
          .append(seconds < 0 || Double.isNaN(seconds) ? "unknown" : String.format(Locale.ROOT, "%.0f ms", seconds * 1000));
    }
    return line.length() == 0 ? "replica lag not measured yet" : line.toString();
  }

  private static long countLost(VigilClient redis, List<String> keys) {
    long lost = 0;
    for (int i = 0; i < keys.size(); i += 500) {
      List<String> batch = keys.subList(i, Math.min(keys.size(), i + 500));
      List<String> values = redis.mget(batch.toArray(new String[0]));
      for (int j = 0; j < batch.size(); j++) {
        String key = batch.get(j);
        if (!key.substring(key.lastIndexOf(':') + 1).equals(values.get(j))) {
          lost++;
        }
      }
    }
    return lost;
  }

  private static String json(long acked, long lost, long errors, int failovers, List<String> timeline) {
    StringBuilder sb = new StringBuilder("{\n");
    sb.append("  \"acknowledged\": ").append(acked).append(",\n");
    sb.append("  \"lost\": ").append(lost).append(",\n");
    sb.append("  \"errors\": ").append(errors).append(",\n");
    sb.append("  \"failovers\": ").append(failovers).append(",\n");
    sb.append("  \"timeline\": [");
    for (int i = 0; i < timeline.size(); i++) {
      sb.append(i == 0 ? "\n" : ",\n").append("    \"").append(timeline.get(i).trim().replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
    }
    return sb.append("\n  ]\n}\n").toString();
  }

  private static Duration parseDuration(String v) {
    if (v == null) {
      throw new IllegalArgumentException("--duration needs a value such as 20s");
    }
    String s = v.trim().toLowerCase(Locale.ROOT);
    if (s.endsWith("ms")) {
      return Duration.ofMillis(Long.parseLong(s.substring(0, s.length() - 2)));
    }
    if (s.endsWith("s")) {
      return Duration.ofSeconds(Long.parseLong(s.substring(0, s.length() - 1)));
    }
    if (s.endsWith("m")) {
      return Duration.ofMinutes(Long.parseLong(s.substring(0, s.length() - 1)));
    }
    return Duration.ofSeconds(Long.parseLong(s));
  }
}
