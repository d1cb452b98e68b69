package io.vigil.driver;

import java.time.Duration;
import java.util.Objects;

/**
 * Something a Sentinel-mode client learnt about its topology: its own decisions ({@link
 * MasterLost}, {@link MasterConfirmed}) and the events the sentinels publish, parsed ({@link
 * MasterSwitched}, {@link InstanceDown}, {@link InstanceUp}, {@link ReplicaAdded}, {@link
 * ReplicaConverted}, {@link InstanceRebooted}, {@link FailoverEnded}) or, for every other event
 * type, as sent ({@link OtherSentinelEvent}).
 *
 * <p>Immutable values. Switch over them:
 *
 * <pre>{@code
 * VigilClient.builder().topologyListener(event -> {
 *   if (event instanceof TopologyEvent.MasterConfirmed c && c.previous() != null) {
 *     log.info("failover of {} to {} took {}", c.masterName(), c.master(), c.downtime());
 *   } else if (event instanceof TopologyEvent.InstanceDown d && d.objective()) {
 *     alerts.raise(d.instance().address() + " is down");
 *   }
 * });
 * }</pre>
 */
public sealed interface TopologyEvent {

  /** The master name the event is about. */
  String masterName();

  /**
   * The client stopped sending to {@code master}: its connection was lost, or it answered {@code
   * READONLY}, {@code MASTERDOWN} or {@code LOADING}. Retry-safe commands now wait for a confirmed
   * master.
   *
   * @param masterName the monitored name
   * @param master the master that was lost
   * @param reason why, as the client saw it
   */
  record MasterLost(String masterName, Endpoint master, String reason) implements TopologyEvent {}

  /**
   * {@code master} is confirmed (by {@code ROLE} and the sentinels) and receives traffic.
   *
   * @param masterName the monitored name
   * @param master the confirmed master
   * @param previous the master before, or null at start-up
   * @param downtime how long no master was confirmed; zero when the switch had no gap
   */
  record MasterConfirmed(String masterName, Endpoint master, Endpoint previous, Duration downtime)
      implements TopologyEvent {}

  /**
   * An event a sentinel published on its pub/sub, with where it came from and its text as sent.
   */
  sealed interface SentinelEvent extends TopologyEvent {

    /** The sentinel that published it. */
    Endpoint sentinel();

    /** The event type as published ({@code +switch-master}, {@code +sdown}…). */
    String type();

    /** The payload as published ({@code "mymaster 127.0.0.1 6379 127.0.0.1 6380"}). */
    String payload();
  }

  /**
   * {@code +switch-master}: the sentinels made {@code newMaster} the master.
   *
   * @param sentinel the sentinel that published it
   * @param masterName the monitored name
   * @param oldMaster the master before
   * @param newMaster the promoted replica
   * @param payload the text as published
   */
  record MasterSwitched(Endpoint sentinel, String masterName, Endpoint oldMaster, Endpoint newMaster, String payload)
      implements SentinelEvent {
    @Override
    public String type() {
      return "+switch-master";
    }
  }

  /**
   * {@code +sdown} (this sentinel thinks the instance is down) or {@code +odown} (enough sentinels
   * agree: a failover may start).
   *
   * @param sentinel the sentinel that published it
   * @param instance the instance that is down
   * @param objective whether it is {@code +odown}
   * @param payload the text as published
   */
  record InstanceDown(Endpoint sentinel, Instance instance, boolean objective, String payload)
      implements SentinelEvent {
    @Override
    public String masterName() {
      return instance.masterName();
    }

    @Override
    public String type() {
      return objective ? "+odown" : "+sdown";
    }
  }

  /**
   * {@code -sdown} or {@code -odown}: the instance is back.
   *
   * @param sentinel the sentinel that published it
   * @param instance the instance that is up again
   * @param objective whether it is {@code -odown}
   * @param payload the text as published
   */
  record InstanceUp(Endpoint sentinel, Instance instance, boolean objective, String payload)
      implements SentinelEvent {
    @Override
    public String masterName() {
      return instance.masterName();
    }

    @Override
    public String type() {
      return objective ? "-odown" : "-sdown";
    }
  }

  /**
   * {@code +slave}: a sentinel discovered a replica of the master.
   *
   * @param sentinel the sentinel that published it
   * @param replica the replica
   * @param payload the text as published
   */
  record ReplicaAdded(Endpoint sentinel, Instance replica, String payload) implements SentinelEvent {
    @Override
    public String masterName() {
      return replica.masterName();
    }

    @Override
    public String type() {
      return "+slave";
    }
  }

  /**
   * {@code +convert-to-slave}: a sentinel turned an old master into a replica of the new one.
   *
   * @param sentinel the sentinel that published it
   * @param replica the converted instance
   * @param payload the text as published
   */
  record ReplicaConverted(Endpoint sentinel, Instance replica, String payload) implements SentinelEvent {
    @Override
    public String masterName() {
      return replica.masterName();
    }

    @Override
    public String type() {
      return "+convert-to-slave";
    }
  }

  /**
   * {@code +reboot}: an instance restarted (its run id changed).
   *
   * @param sentinel the sentinel that published it
   * @param instance the instance that restarted
   * @param payload the text as published
   */
  record InstanceRebooted(Endpoint sentinel, Instance instance, String payload) implements SentinelEvent {
    @Override
    public String masterName() {
      return instance.masterName();
    }

    @Override
    public String type() {
      return "+reboot";
    }
  }

  /**
   * {@code +failover-end}: the failover finished and every replica was told of the new master.
   *
   * @param sentinel the sentinel that published it
   * @param master the master the failover was about
   * @param payload the text as published
   */
  record FailoverEnded(Endpoint sentinel, Instance master, String payload) implements SentinelEvent {
    @Override
    public String masterName() {
      return master.masterName();
    }

    @Override
    public String type() {
      return "+failover-end";
    }
  }

  /**
   * Any other event a sentinel published ({@code +try-failover}, {@code +elected-leader}, {@code
   * +promoted-slave}, {@code +sentinel}…), as sent.
   *
   * @param sentinel the sentinel that published it
   * @param masterName the master it concerns, when the payload names one; else empty
   * @param type the event type
   * @param payload the text as published
   */
  record OtherSentinelEvent(Endpoint sentinel, String masterName, String type, String payload)
      implements SentinelEvent {}

  /**
   * An instance as Sentinel describes it in an event: {@code <role> <name> <ip> <port> @ <master>
   * <master-ip> <master-port>}, or for a master just {@code master <name> <ip> <port>}.
   *
   * @param role {@code master}, {@code slave} or {@code sentinel}, as Sentinel spells it
   * @param name the instance's name (the master name for a master, {@code ip:port} for a replica,
   *     the run id for a sentinel)
   * @param address where it is
   * @param masterName the master it belongs to
   * @param masterAddress that master's address
   */
  record Instance(String role, String name, Endpoint address, String masterName, Endpoint masterAddress) {

    /** Requires the parts. */
    public Instance {
      Objects.requireNonNull(role, "role");
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(address, "address");
      Objects.requireNonNull(masterName, "masterName");
      Objects.requireNonNull(masterAddress, "masterAddress");
    }

    /** Whether it is a master. */
    public boolean isMaster() {
      return "master".equals(role);
    }
  }
}
