package io.vigil.samples;

import io.vigil.driver.ClientView;
import io.vigil.driver.ReadPolicy;
import io.vigil.driver.VigilClient;
import io.vigil.testkit.chaos.NodeKind;
import io.vigil.testkit.chaos.Topology;
import java.io.PrintStream;
import java.time.Duration;
import java.util.stream.Collectors;

/**
 * Vigil without Spring, in the few lines an application needs: a client built from the
 * sentinels and the master name, reads from replicas within a lag bound, a read-your-writes
 * session and a durable write ({@link #run}).
 *
 * <p>Arguments: the sentinels ({@code host:port,host:port}) and the master name. With none it
 * starts an embedded stack first (1 master, 2 replicas, 3 sentinels, all Java, in this JVM).
 */
public final class PlainJavaSample {

  private PlainJavaSample() {}

  public static void main(String[] args) {
    if (args.length == 2) {
      run(args[0], args[1], System.out);
      return;
    }
    if (args.length != 0) {
      System.err.println("usage: PlainJavaSample [sentinels master-name], for example"
          + " 127.0.0.1:26379,127.0.0.1:26380 mymaster; with no arguments an embedded stack is started");
      System.exit(2);
    }
    try (Topology embedded = Topology.builder().replicas(2).sentinels(3)
        .dataNodes(NodeKind.JAVA).sentinelNodes(NodeKind.JAVA).start().awaitHealthy()) {
      String sentinels = embedded.sentinelAddresses().stream()
          .map(a -> a.getHostString() + ":" + a.getPort()).collect(Collectors.joining(","));
      System.out.println("embedded stack: sentinels " + sentinels + ", master name " + embedded.masterName());
      run(sentinels, embedded.masterName(), System.out);
    }
  }

  /** The sample itself: connect through the sentinels, write, read from replicas, a session, a durable write. */
  public static void run(String sentinels, String masterName, PrintStream out) {
    try (VigilClient redis = VigilClient.builder()
        .sentinels(sentinels)            // "host1:26379,host2:26379"; the others are discovered
        .masterName(masterName)          // followed through failovers
        .readPolicy(ReadPolicy.replicaPreferred().maxLag(Duration.ofMillis(100)))
        .build()) {
      redis.set("greeting", "hello");    // writes always go to the master
      String greeting = redis.get("greeting"); // a replica at most 100 ms behind (else the master):
      out.println("greeting: " + greeting);    // it may not have that write yet

      ClientView<String, String> session = redis.session(); // read-your-writes across replicas
      long visits = session.incr("visits");
      out.println("visits: " + visits + ", read back: " + session.get("visits")); // sees its own INCR

      redis.durable(2, Duration.ofSeconds(2))  // answered once both replicas have the write too,
          .set("order:42", "paid");            // so no failover can lose it
      out.println("order:42 paid, on the master " + redis.currentMaster() + " and both replicas");
    }
  }
}
