package io.vigil.testkit.sentinel.monitor;

import io.vigil.testkit.sentinel.event.HelloMessage;
import io.vigil.testkit.sentinel.event.SentinelEvent;

/**
 * What a {@link MasterMonitor} asks the outside world to do. The network layer implements it
 * by sending RESP commands on its links and feeding the replies back into the monitor; tests
 * implement it with a simulation. Calls happen on the monitor's thread and must not block.
 */
public interface SentinelActions {

  /** Send {@code PING} to a data node or sentinel; feed the reply to {@link MasterMonitor#pingReply}. */
  void ping(Address node);

  /** Send {@code INFO} to a data node; feed the reply to {@link MasterMonitor#infoReply}. */
  void info(Address node);

  /** {@code PUBLISH __sentinel__:hello <hello>} on a data node. */
  void publishHello(Address node, HelloMessage hello);

  /**
   * Send {@code SENTINEL IS-MASTER-DOWN-BY-ADDR <master-ip> <master-port> <epoch> <runid>} to
   * another sentinel; feed the reply to {@link MasterMonitor#masterDownReply}.
   *
   * @param runId this sentinel's id to ask for a vote, or {@code *} to ask only for its opinion
   */
  void askMasterDown(Address sentinel, Address master, long epoch, String runId);

  /**
   * Reconfigure a data node with Redis's transaction ({@code MULTI}, {@code SLAVEOF}, {@code
   * CONFIG REWRITE}, {@code CLIENT KILL TYPE normal}, {@code CLIENT KILL TYPE pubsub}, {@code
   * EXEC}).
   *
   * @param newMaster the master to follow, or null for {@code SLAVEOF NO ONE}
   * @return false when the command could not be sent (no link)
   */
  boolean replicaOf(Address node, Address newMaster);

  /** Publish and log an event. */
  void event(SentinelEvent event);

  /** Persist the sentinel's state (CONFIG REWRITE of sentinel.conf). */
  void flushConfig();
}
