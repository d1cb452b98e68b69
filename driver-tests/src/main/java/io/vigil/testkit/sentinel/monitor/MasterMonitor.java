package io.vigil.testkit.sentinel.monitor;

import io.vigil.testkit.sentinel.config.MonitoredMaster;
import io.vigil.testkit.sentinel.election.EpochCounter;
import io.vigil.testkit.sentinel.election.EpochListener;
import io.vigil.testkit.sentinel.election.LeaderElection;
import io.vigil.testkit.sentinel.election.Vote;
import io.vigil.testkit.sentinel.event.HelloMessage;
import io.vigil.testkit.sentinel.event.InstanceRef;
import io.vigil.testkit.sentinel.event.SentinelEvent;
import io.vigil.testkit.sentinel.failover.ReplicaCandidate;
import io.vigil.testkit.sentinel.failover.ReplicaSelector;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;

/**
 * One sentinel's monitoring and failover of one master, as Redis 7.0's {@code sentinel.c}
 * timer does it: periodic PING/INFO/hello, subjective and objective down, leader election,
 * replica selection, promotion, reconfiguration of the other replicas, {@code +switch-master},
 * and the conversion of a returning old master into a replica.
 *
 * <p>A state machine without sockets or clocks: the owner calls {@link #tick} every 50 to 100
 * ms, varying the period at random as Redis varies its timer (sentinels acting in lockstep would
 * split every vote), and feeds in replies and hello messages with the current time in milliseconds; the
 * monitor answers through {@link SentinelActions}. All calls must come from one thread.
 */
public final class MasterMonitor {

  /** A time far enough in the past for every "at least N ms ago" check, without overflow. */
  private static final long LONG_AGO = Long.MIN_VALUE / 4;

  private final String myId;
  private final MonitoredMaster config;
  private final EpochCounter epochs;
  private final SentinelActions actions;
  private final SentinelTimings timings;
  private final Random random;
  private final Address announced;
  private final LeaderElection election;

  private DataNode master;
  private final Map<Address, DataNode> replicas = new LinkedHashMap<>();
  private final Map<String, PeerSentinel> peers = new LinkedHashMap<>();

  private boolean objectivelyDown;
  private long objectivelyDownSince;
  private boolean tilt;
  private long now;

  private FailoverState failoverState = FailoverState.NONE;
  private boolean failoverInProgress;
  private boolean forceFailover;
  private long failoverEpoch;
  /** When the last failover attempt started; "long ago" at first, so a failover may start at once. */
  private long failoverStartTime = LONG_AGO;
  private long failoverStateChangeTime;
  private DataNode promoted;

  /**
   * @param myId this sentinel's run id
   * @param config the monitored master (its address is updated on failover)
   * @param epochs the sentinel-wide epoch counter
   * @param announced the address this sentinel announces in hello messages
   * @param random source of the desynchronising delays (seed it in tests)
   * @param now the current time in ms
   */
  public MasterMonitor(String myId, MonitoredMaster config, EpochCounter epochs, SentinelActions actions,
      SentinelTimings timings, Address announced, Random random, long now) {
    this.myId = Objects.requireNonNull(myId, "myId");
    this.config = Objects.requireNonNull(config, "config");
    this.epochs = Objects.requireNonNull(epochs, "epochs");
    this.actions = Objects.requireNonNull(actions, "actions");
    this.timings = Objects.requireNonNull(timings, "timings");
    this.announced = Objects.requireNonNull(announced, "announced");
    this.random = Objects.requireNonNull(random, "random");
    this.now = now;
    this.master = new DataNode(new Address(config.host(), config.port()), now, true);
    for (MonitoredMaster.HostPort r : config.knownReplicas()) {
      Address a = new Address(r.host(), r.port());
      replicas.putIfAbsent(a, new DataNode(a, now, false));
    }
    for (MonitoredMaster.KnownSentinel s : config.knownSentinels()) {
      if (s.runId() != null && !s.runId().equalsIgnoreCase(myId)) {
        peers.putIfAbsent(s.runId(), new PeerSentinel(new Address(s.host(), s.port()), s.runId(), now));
      }
    }
    this.election = new LeaderElection(myId, epochs, new ElectionEvents(), new Vote(null, config.leaderEpoch()));
  }

  // --- queries -------------------------------------------------------------------------------

  /** The master's name. */
  public String name() {
    return config.name();
  }

  /** The monitored master's configuration and remembered state. */
  public MonitoredMaster config() {
    return config;
  }

  /** The master as this sentinel currently sees it. */
  public DataNode master() {
    return master;
  }

  /** Known replicas, in discovery order. */
  public Collection<DataNode> replicas() {
    return Collections.unmodifiableCollection(replicas.values());
  }

  /** Other known sentinels of this master. */
  public Collection<PeerSentinel> peers() {
    return Collections.unmodifiableCollection(peers.values());
  }

  /** Whether a quorum of sentinels agrees the master is down. */
  public boolean isObjectivelyDown() {
    return objectivelyDown;
  }

  /** When the master became objectively down (valid while it is). */
  public long objectivelyDownSince() {
    return objectivelyDownSince;
  }

  /** The failover step, {@link FailoverState#NONE} when none is running. */
  public FailoverState failoverState() {
    return failoverState;
  }

  /** Whether a failover is in progress. */
  public boolean isFailoverInProgress() {
    return failoverInProgress;
  }

  /** The epoch of the failover in progress or last attempted. */
  public long failoverEpoch() {
    return failoverEpoch;
  }

  /** The replica being promoted, if a failover got that far. */
  public Optional<DataNode> promotedReplica() {
    return Optional.ofNullable(promoted);
  }

  /**
   * The address clients should use now: the promoted replica once it acknowledged its promotion
   * during a failover, else the master ({@code sentinelGetCurrentMasterAddress}).
   */
  public Address currentMasterAddress() {
    if (failoverInProgress && promoted != null
        && failoverState.compareTo(FailoverState.RECONF_SLAVES) >= 0) {
      return promoted.address;
    }
    return master.address;
  }

  /** When the current failover step began. */
  public long failoverStateChangeTime() {
    return failoverStateChangeTime;
  }

  /** Whether this sentinel is in TILT mode. */
  public boolean isTilt() {
    return tilt;
  }

  /** This sentinel's latest vote for this master. */
  public Vote myVote() {
    return election.myVote();
  }

  /** Redis's flags text for the master, as {@code SENTINEL MASTER} reports it. */
  public String masterFlags() {
    List<String> flags = new ArrayList<>();
    flags.add("master");
    if (master.subjectivelyDown) {
      flags.add("s_down");
    }
    if (objectivelyDown) {
      flags.add("o_down");
    }
    if (!master.link.isConnected()) {
      flags.add("disconnected");
    }
    if (failoverInProgress) {
      flags.add("failover_in_progress");
    }
    return String.join(",", flags);
  }

  /** Redis's flags text for a replica, as {@code SENTINEL REPLICAS} reports it. */
  public String replicaFlags(DataNode replica) {
    List<String> flags = new ArrayList<>();
    flags.add("slave");
    if (replica.subjectivelyDown) {
      flags.add("s_down");
    }
    if (!replica.link.isConnected()) {
      flags.add("disconnected");
    }
    if (replica.promoted) {
      flags.add("promoted");
    }
    if (replica.reconfSent) {
      flags.add("reconf_sent");
    }
    if (replica.reconfInProgress) {
      flags.add("reconf_inprog");
    }
    if (replica.reconfDone) {
      flags.add("reconf_done");
    }
    return String.join(",", flags);
  }

  // --- inputs --------------------------------------------------------------------------------

  /** TILT mode: observe, but judge nothing and act on nothing. */
  public void tilt(boolean tilt) {
    this.tilt = tilt;
  }

  /** The command link to {@code node} (data node or sentinel) came up. */
  public void linkUp(Address node, long now) {
    this.now = now;
    LinkSource link = find(node);
    if (link != null) {
      link.health().connected(now);
      pingNow(node, link.health()); // as Redis, PING as soon as a link (re)connects
    }
  }

  /** The command link to {@code node} dropped. */
  public void linkDown(Address node, long now) {
    this.now = now;
    LinkSource link = find(node);
    if (link != null) {
      link.health().disconnected();
      if (link.node() != null) {
        link.node().infoPending = false;
      }
    }
  }

  /** A PING reply arrived; {@code valid} for PONG, -LOADING and -MASTERDOWN. */
  public void pingReply(Address node, boolean valid, long now) {
    this.now = now;
    LinkSource link = find(node);
    if (link != null) {
      link.health().pingReply(now, valid);
    }
  }

  /** An INFO reply arrived from a data node. */
  public void infoReply(Address node, String infoText, long now) {
    this.now = now;
    DataNode n = dataNode(node);
    if (n == null) {
      return;
    }
    n.infoPending = false;
    n.lastInfo = infoText;
    refreshInfo(n, InstanceInfo.parse(infoText));
  }

  /** A hello from {@code __sentinel__:hello}, received through any data node. */
  public void helloReceived(HelloMessage hello, long now) {
    this.now = now;
    if (!hello.masterName().equals(config.name()) || hello.sentinelRunId().equalsIgnoreCase(myId)) {
      return;
    }
    Address address = new Address(hello.sentinelHost(), hello.sentinelPort());
    PeerSentinel peer = peers.get(hello.sentinelRunId());
    if (peer == null) {
      peers.values().removeIf(p -> p.address.equals(address)); // a restarted sentinel got a new id
      peer = new PeerSentinel(address, hello.sentinelRunId(), now);
      peers.put(peer.runId, peer);
      event("+sentinel", sentinelRef(peer), null);
      rememberTopology();
      actions.flushConfig();
    } else if (!peer.address.equals(address)) {
      Address old = peer.address;
      peer.address = address;
      event("+sentinel-address-switch", masterRef(),
          "ip " + address.host() + " port " + address.port() + " for " + peer.runId + " (was " + old + ")");
      rememberTopology();
      actions.flushConfig();
    }
    if (Long.compareUnsigned(hello.currentEpoch(), epochs.current()) > 0) {
      epochs.advanceTo(hello.currentEpoch());
      actions.flushConfig();
      actions.event(SentinelEvent.newEpoch(hello.currentEpoch()));
    }
    if (Long.compareUnsigned(config.configEpoch(), hello.masterConfigEpoch()) < 0) {
      config.configEpoch(hello.masterConfigEpoch());
      Address advertised = new Address(hello.masterHost(), hello.masterPort());
      if (!advertised.equals(master.address)) {
        event("+config-update-from", sentinelRef(peer), null);
        actions.event(SentinelEvent.switchMaster(config.name(), master.address.host(), master.address.port(),
            advertised.host(), advertised.port()));
        resetMasterTo(advertised);
      }
      actions.flushConfig();
    }
    peer.lastHello = now;
  }

  /** The reply of another sentinel to {@code SENTINEL IS-MASTER-DOWN-BY-ADDR}. */
  public void masterDownReply(String peerRunId, boolean down, String leader, long leaderEpoch, long now) {
    this.now = now;
    PeerSentinel peer = peers.get(peerRunId);
    if (peer == null) {
      return;
    }
    peer.lastMasterDownReply = now;
    peer.saysMasterDown = down;
    if (leader != null && !leader.equals("*")) {
      peer.vote = new Vote(leader, leaderEpoch);
    }
  }

  /**
   * Answers another sentinel's {@code SENTINEL IS-MASTER-DOWN-BY-ADDR} for this master: whether
   * this sentinel sees it down, and, when the caller asks for a vote (run id other than {@code
   * *}), this sentinel's vote.
   */
  public Vote isMasterDownByAddr(long requestEpoch, String requesterRunId, long now, boolean[] masterDown) {
    this.now = now;
    masterDown[0] = !tilt && master.subjectivelyDown;
    if (requesterRunId.equals("*")) {
      return Vote.NONE;
    }
    return election.requestVote(requestEpoch, requesterRunId);
  }

  /** {@code SENTINEL FAILOVER}: fail over now without agreement, as Redis's forced failover. */
  public String forceFailover(long now) {
    this.now = now;
    if (failoverInProgress) {
      return "INPROG Failover already in progress";
    }
    if (eligibleReplicas().isEmpty()) {
      return "NOGOODSLAVE No suitable replica to promote";
    }
    startFailover();
    forceFailover = true;
    return null;
  }

  /** Runs the periodic work: commands, down checks, the failover state machine. */
  public void tick(long now) {
    this.now = now;
    periodic(master, true);
    for (DataNode r : replicas.values()) {
      periodic(r, false);
    }
    for (PeerSentinel p : peers.values()) {
      periodicPeer(p);
    }
    if (tilt) {
      return;
    }
    checkSubjectivelyDown(master, true);
    for (DataNode r : replicas.values()) {
      checkSubjectivelyDown(r, false);
    }
    checkObjectivelyDown();
    if (startFailoverIfNeeded()) {
      askOtherSentinels(true);
    }
    runFailoverStateMachine();
    askOtherSentinels(false);
    if (failoverState == FailoverState.UPDATE_CONFIG) {
      switchToPromotedReplica();
    }
  }

  // --- periodic commands ---------------------------------------------------------------------

  private void periodic(DataNode node, boolean isMaster) {
    if (!node.link.isConnected()) {
      return;
    }
    boolean eager = !isMaster && (objectivelyDown || failoverInProgress || node.masterLinkDownMillis != 0
        || node.promoted || node.reconfSent || node.reconfInProgress);
    long infoPeriod = eager ? timings.infoPeriodFailover() : timings.infoPeriod();
    if (!node.infoPending && (node.infoRefresh == 0 || now - node.infoRefresh > infoPeriod)) {
      node.infoPending = true;
      node.lastInfoSent = now;
      actions.info(node.address);
    } else if (node.infoPending && now - node.lastInfoSent > Math.max(infoPeriod, timings.pingPeriod()) * 3) {
      node.infoPending = false; // the reply was lost with a previous link; ask again next tick
    }
    long pingPeriod = Math.min(config.downAfterMillis(), timings.pingPeriod());
    if (now - node.link.lastPong() > pingPeriod && now - node.link.lastPingSent() > pingPeriod / 2) {
      node.link.pingSent(now);
      actions.ping(node.address);
    }
    if (now - node.lastHelloPublished > timings.publishPeriod()) {
      node.lastHelloPublished = now;
      actions.publishHello(node.address, hello());
    }
  }

  private void periodicPeer(PeerSentinel peer) {
    if (!peer.link.isConnected()) {
      return;
    }
    long pingPeriod = Math.min(config.downAfterMillis(), timings.pingPeriod());
    if (now - peer.link.lastPong() > pingPeriod && now - peer.link.lastPingSent() > pingPeriod / 2) {
      peer.link.pingSent(now);
      actions.ping(peer.address);
    }
  }

  private HelloMessage hello() {
    Address current = currentMasterAddress();
    return new HelloMessage(announced.host(), announced.port(), myId, epochs.current(), config.name(),
        current.host(), current.port(), config.configEpoch());
  }

  private void pingNow(Address node, io.vigil.testkit.sentinel.failure.LinkHealth health) {
    health.pingSent(now);
    actions.ping(node);
  }

  // --- failure detection ---------------------------------------------------------------------

  private void checkSubjectivelyDown(DataNode node, boolean isMaster) {
    boolean down = node.link.isSubjectivelyDown(now, config.downAfterMillis())
        || (isMaster && !node.reportsMaster
            && now - node.roleReportedTime > config.downAfterMillis() + 2 * timings.infoPeriod());
    InstanceRef ref = isMaster ? masterRef() : replicaRef(node);
    if (down && !node.subjectivelyDown) {
      node.subjectivelyDown = true;
      node.subjectivelyDownSince = now;
      event("+sdown", ref, null);
    } else if (!down && node.subjectivelyDown) {
      node.subjectivelyDown = false;
      event("-sdown", ref, null);
    }
  }

  private void checkObjectivelyDown() {
    int votes = 0;
    boolean odown = false;
    if (master.subjectivelyDown) {
      votes = 1;
      for (PeerSentinel p : peers.values()) {
        if (p.saysMasterDown) {
          votes++;
        }
      }
      odown = votes >= config.quorum();
    }
    if (odown && !objectivelyDown) {
      objectivelyDown = true;
      objectivelyDownSince = now;
      event("+odown", masterRef(), "#quorum " + votes + "/" + config.quorum());
    } else if (!odown && objectivelyDown) {
      objectivelyDown = false;
      event("-odown", masterRef(), null);
    }
  }

  private void askOtherSentinels(boolean forced) {
    for (PeerSentinel p : peers.values()) {
      if (now - p.lastMasterDownReply > timings.askPeriod() * 5) {
        p.saysMasterDown = false;
        p.vote = new Vote(null, p.vote.epoch());
      }
      if (!master.subjectivelyDown || !p.link.isConnected()) {
        continue;
      }
      if (!forced && now - p.lastAsked < timings.askPeriod()) {
        continue;
      }
      p.lastAsked = now;
      actions.askMasterDown(p.address, master.address, epochs.current(),
          failoverState != FailoverState.NONE ? myId : "*");
    }
  }

  // --- failover ------------------------------------------------------------------------------

  private boolean startFailoverIfNeeded() {
    if (!objectivelyDown || failoverInProgress) {
      return false;
    }
    if (now - failoverStartTime < config.failoverTimeoutMillis() * 2) {
      return false;
    }
    startFailover();
    return true;
  }

  private void startFailover() {
    failoverState = FailoverState.WAIT_START;
    failoverInProgress = true;
    failoverEpoch = epochs.increment();
    actions.flushConfig();
    actions.event(new SentinelEvent("+new-epoch", Long.toUnsignedString(epochs.current())));
    event("+try-failover", masterRef(), null);
    failoverStartTime = now + desync();
    failoverStateChangeTime = now;
  }

  private void runFailoverStateMachine() {
    if (!failoverInProgress) {
      return;
    }
    switch (failoverState) {
      case WAIT_START:
        waitStart();
        break;
      case SELECT_SLAVE:
        selectReplica();
        break;
      case SEND_SLAVEOF_NOONE:
        sendReplicaOfNoOne();
        break;
      case WAIT_PROMOTION:
        if (now - failoverStateChangeTime > config.failoverTimeoutMillis()) {
          event("-failover-abort-slave-timeout", masterRef(), null);
          abortFailover();
        }
        break;
      case RECONF_SLAVES:
        reconfigureNextReplicas();
        break;
      default:
        break;
    }
  }

  private void waitStart() {
    List<Vote> votes = new ArrayList<>(peers.size());
    for (PeerSentinel p : peers.values()) {
      votes.add(p.vote);
    }
    String leader = election.leader(failoverEpoch, votes, config.quorum());
    boolean isLeader = leader != null && leader.equalsIgnoreCase(myId);
    if (!isLeader && !forceFailover) {
      long electionTimeout = Math.min(timings.electionTimeout(), config.failoverTimeoutMillis());
      if (now - failoverStartTime > electionTimeout) {
        event("-failover-abort-not-elected", masterRef(), null);
        abortFailover();
      }
      return;
    }
    event("+elected-leader", masterRef(), null);
    failoverState = FailoverState.SELECT_SLAVE;
    failoverStateChangeTime = now;
    event("+failover-state-select-slave", masterRef(), null);
  }

  private void selectReplica() {
    Optional<ReplicaCandidate> choice = ReplicaSelector.select(candidates(), now,
        master.subjectivelyDown ? master.subjectivelyDownSince : -1, config.downAfterMillis());
    if (choice.isEmpty()) {
      event("-failover-abort-no-good-slave", masterRef(), null);
      abortFailover();
      return;
    }
    DataNode chosen = replicas.get(parseAddress(choice.get().address()));
    event("+selected-slave", replicaRef(chosen), null);
    chosen.promoted = true;
    promoted = chosen;
    failoverState = FailoverState.SEND_SLAVEOF_NOONE;
    failoverStateChangeTime = now;
    event("+failover-state-send-slaveof-noone", replicaRef(chosen), null);
  }

  private void sendReplicaOfNoOne() {
    if (!promoted.link.isConnected()) {
      if (now - failoverStateChangeTime > config.failoverTimeoutMillis()) {
        event("-failover-abort-slave-timeout", masterRef(), null);
        abortFailover();
      }
      return;
    }
    if (actions.replicaOf(promoted.address, null)) {
      event("+failover-state-wait-promotion", replicaRef(promoted), null);
      failoverState = FailoverState.WAIT_PROMOTION;
      failoverStateChangeTime = now;
      promoted.infoRefresh = 0; // poll its role at once
    }
  }

  private void reconfigureNextReplicas() {
    int inProgress = 0;
    for (DataNode r : replicas.values()) {
      if (r.reconfSent || r.reconfInProgress) {
        inProgress++;
      }
    }
    for (DataNode r : replicas.values()) {
      if (inProgress >= config.parallelSyncs()) {
        break;
      }
      if (r.promoted || r.reconfDone) {
        continue;
      }
      if (r.reconfSent && now - r.reconfSentTime > timings.replicaReconfTimeout()) {
        event("-slave-reconf-sent-timeout", replicaRef(r), null);
        r.reconfSent = false;
        r.reconfDone = true;
        continue;
      }
      if (r.reconfSent || r.reconfInProgress || !r.link.isConnected()) {
        continue;
      }
      if (actions.replicaOf(r.address, promoted.address)) {
        r.reconfSent = true;
        r.reconfSentTime = now;
        r.infoRefresh = 0;
        event("+slave-reconf-sent", replicaRef(r), null);
        inProgress++;
      }
    }
    detectFailoverEnd();
  }

  private void detectFailoverEnd() {
    if (promoted == null || promoted.subjectivelyDown) {
      return;
    }
    int notReconfigured = 0;
    for (DataNode r : replicas.values()) {
      if (!r.promoted && !r.reconfDone && !r.subjectivelyDown) {
        notReconfigured++;
      }
    }
    boolean timeout = false;
    if (now - failoverStateChangeTime > config.failoverTimeoutMillis()) {
      notReconfigured = 0;
      timeout = true;
      event("+failover-end-for-timeout", masterRef(), null);
    }
    if (notReconfigured == 0) {
      event("+failover-end", masterRef(), null);
      failoverState = FailoverState.UPDATE_CONFIG;
      failoverStateChangeTime = now;
    }
    if (timeout) {
      for (DataNode r : replicas.values()) {
        if (r.promoted || r.reconfDone || r.reconfSent || !r.link.isConnected()) {
          continue;
        }
        if (actions.replicaOf(r.address, promoted.address)) {
          event("+slave-reconf-sent-be", replicaRef(r), null);
          r.reconfSent = true;
        }
      }
    }
  }

  private void switchToPromotedReplica() {
    DataNode next = promoted != null ? promoted : master;
    actions.event(SentinelEvent.switchMaster(config.name(), master.address.host(), master.address.port(),
        next.address.host(), next.address.port()));
    resetMasterTo(next.address);
  }

  private void abortFailover() {
    failoverInProgress = false;
    forceFailover = false;
    failoverState = FailoverState.NONE;
    failoverStateChangeTime = now;
    if (promoted != null) {
      promoted.promoted = false;
    }
    for (DataNode r : replicas.values()) {
      r.clearFailoverFlags();
    }
    promoted = null;
  }

  /**
   * Points the monitor at a new master address, as {@code sentinelResetMasterAndChangeAddress}:
   * every other known data node, the old master included, becomes a replica of it.
   */
  private void resetMasterTo(Address next) {
    List<Address> newReplicas = new ArrayList<>();
    for (Address a : replicas.keySet()) {
      if (!a.equals(next)) {
        newReplicas.add(a);
      }
    }
    if (!master.address.equals(next) && !newReplicas.contains(master.address)) {
      newReplicas.add(master.address);
    }
    Map<Address, DataNode> old = new LinkedHashMap<>(replicas);
    old.put(master.address, master);
    replicas.clear();
    for (Address a : newReplicas) {
      DataNode n = new DataNode(a, now, false);
      DataNode previous = old.get(a);
      replicas.put(a, n);
      if (previous != null && previous.link.isConnected()) {
        n.link.connected(now);
        pingNow(a, n.link);
      }
    }
    DataNode previousNext = old.get(next);
    master = new DataNode(next, now, true);
    master.link.expectReplySince(now);
    if (previousNext != null && previousNext.link.isConnected()) {
      master.link.connected(now);
      master.link.expectReplySince(now);
      pingNow(next, master.link);
    }
    election.forgetLeader();
    failoverState = FailoverState.NONE;
    failoverInProgress = false;
    forceFailover = false;
    failoverStateChangeTime = 0;
    failoverStartTime = LONG_AGO; // we can fail over again at once
    promoted = null;
    objectivelyDown = false;
    config.address(next.host(), next.port());
    rememberTopology();
    actions.flushConfig();
  }

  // --- INFO ----------------------------------------------------------------------------------

  private void refreshInfo(DataNode node, InstanceInfo info) {
    boolean isMaster = node == master;
    InstanceRef ref = isMaster ? masterRef() : replicaRef(node);
    if (info.runId() != null) {
      if (node.runId != null && !node.runId.equals(info.runId())) {
        event("+reboot", ref, null);
      }
      node.runId = info.runId();
    }
    if (isMaster) {
      for (InstanceInfo.ReplicaLine line : info.replicas()) {
        Address a = new Address(line.host(), line.port());
        if (!replicas.containsKey(a) && !a.equals(master.address)) {
          DataNode r = new DataNode(a, now, false);
          replicas.put(a, r);
          event("+slave", replicaRef(r), null);
          rememberTopology();
          actions.flushConfig();
        }
      }
    }
    if (info.master() != node.reportsMaster) {
      node.reportsMaster = info.master();
      node.roleReportedTime = now;
      node.replicaConfChangeTime = now;
      if (!tilt) {
        boolean agrees = isMaster == info.master();
        event(agrees ? "+role-change" : "-role-change", ref,
            "new reported role is " + (info.master() ? "master" : "slave"));
      }
    }
    if (!info.master()) {
      if (!Objects.equals(node.masterHost, info.masterHost()) || node.masterPort != info.masterPort()) {
        node.replicaConfChangeTime = now;
      }
      node.masterHost = info.masterHost();
      node.masterPort = info.masterPort();
      node.masterLinkUp = info.masterLinkUp();
      node.masterLinkDownMillis = info.masterLinkDownMillis();
    }
    node.priority = info.priority();
    node.replicationOffset = info.replicationOffset();
    node.infoRefresh = now;
    if (tilt) {
      return;
    }
    if (!isMaster && info.master()) {
      replicaReportsMaster(node);
    }
    if (!isMaster && !info.master()) {
      Address follows = info.masterHost() == null ? null : new Address(info.masterHost(), info.masterPort());
      if (!master.address.equals(follows) && !node.reconfSent && !node.reconfInProgress
          && !(failoverInProgress && node.promoted)) {
        long waitTime = config.failoverTimeoutMillis();
        if (masterLooksSane() && noDownFor(node, waitTime) && now - node.replicaConfChangeTime > waitTime) {
          if (actions.replicaOf(node.address, master.address)) {
            event("+fix-slave-config", replicaRef(node), null);
          }
        }
      }
      trackReconfiguration(node, follows);
    }
  }

  private void replicaReportsMaster(DataNode node) {
    if (node.promoted && failoverInProgress && failoverState == FailoverState.WAIT_PROMOTION) {
      config.configEpoch(failoverEpoch);
      failoverState = FailoverState.RECONF_SLAVES;
      failoverStateChangeTime = now;
      actions.flushConfig();
      event("+promoted-slave", replicaRef(node), null);
      event("+failover-state-reconf-slaves", masterRef(), null);
      for (DataNode r : replicas.values()) {
        r.lastHelloPublished = 0; // tell the others at once (sentinelForceHelloUpdateForMaster)
      }
      master.lastHelloPublished = 0;
      return;
    }
    long waitTime = timings.publishPeriod() * 4;
    if (!node.promoted && masterLooksSane() && noDownFor(node, waitTime) && now - node.roleReportedTime > waitTime) {
      if (actions.replicaOf(node.address, master.address)) {
        event("+convert-to-slave", replicaRef(node), null);
      }
    }
  }

  private void trackReconfiguration(DataNode node, Address follows) {
    if (!node.reconfSent && !node.reconfInProgress) {
      return;
    }
    if (node.reconfSent && promoted != null && promoted.address.equals(follows)) {
      node.reconfSent = false;
      node.reconfInProgress = true;
      event("+slave-reconf-inprog", replicaRef(node), null);
    }
    if (node.reconfInProgress && node.masterLinkUp) {
      node.reconfInProgress = false;
      node.reconfDone = true;
      event("+slave-reconf-done", replicaRef(node), null);
    }
  }

  private boolean masterLooksSane() {
    return master.reportsMaster && !master.subjectivelyDown && !objectivelyDown
        && master.infoRefresh != 0 && now - master.infoRefresh < timings.infoPeriod() * 2;
  }

  /** As {@code sentinelRedisInstanceNoDownFor}: it has not gone down within the last {@code ms}. */
  private boolean noDownFor(DataNode node, long ms) {
    return node.subjectivelyDownSince == 0 || now - node.subjectivelyDownSince > ms;
  }

  // --- helpers -------------------------------------------------------------------------------

  private List<ReplicaCandidate> candidates() {
    List<ReplicaCandidate> out = new ArrayList<>(replicas.size());
    for (DataNode r : replicas.values()) {
      out.add(new ReplicaCandidate(r.address.toString(), r.runId, r.subjectivelyDown, !r.link.isConnected(),
          r.link.lastAvailable(), r.infoRefresh, r.priority, r.replicationOffset, r.masterLinkDownMillis));
    }
    return out;
  }

  private List<ReplicaCandidate> eligibleReplicas() {
    return ReplicaSelector.eligible(candidates(), now, master.subjectivelyDown ? master.subjectivelyDownSince : -1,
        config.downAfterMillis());
  }

  private void rememberTopology() {
    config.knownReplicas().clear();
    for (DataNode r : replicas.values()) {
      config.knownReplicas().add(new MonitoredMaster.HostPort(r.address.host(), r.address.port()));
    }
    config.knownSentinels().clear();
    for (PeerSentinel p : peers.values()) {
      config.knownSentinels().add(new MonitoredMaster.KnownSentinel(p.address.host(), p.address.port(), p.runId));
    }
  }

  private long desync() {
    return timings.maxDesync() <= 0 ? 0 : (long) (random.nextDouble() * timings.maxDesync());
  }

  private InstanceRef masterRef() {
    return InstanceRef.master(config.name(), master.address.host(), master.address.port());
  }

  private InstanceRef replicaRef(DataNode node) {
    return InstanceRef.replica(node.address.host(), node.address.port(), masterRef());
  }

  private InstanceRef sentinelRef(PeerSentinel peer) {
    return InstanceRef.sentinel(peer.runId, peer.address.host(), peer.address.port(), masterRef());
  }

  private void event(String type, InstanceRef ref, String extra) {
    actions.event(SentinelEvent.of(type, ref, extra));
  }

  private DataNode dataNode(Address a) {
    return master.address.equals(a) ? master : replicas.get(a);
  }

  private LinkSource find(Address a) {
    DataNode n = dataNode(a);
    if (n != null) {
      return new LinkSource(n.link, n);
    }
    for (PeerSentinel p : peers.values()) {
      if (p.address.equals(a)) {
        return new LinkSource(p.link, null);
      }
    }
    return null;
  }

  private static Address parseAddress(String hostPort) {
    int colon = hostPort.lastIndexOf(':');
    return new Address(hostPort.substring(0, colon), Integer.parseInt(hostPort.substring(colon + 1)));
  }

  private record LinkSource(io.vigil.testkit.sentinel.failure.LinkHealth health, DataNode node) {}

  /** Election side effects: persist, publish, and back off after voting for someone else. */
  private final class ElectionEvents implements EpochListener {
    @Override
    public void newEpoch(long epoch) {
      actions.flushConfig();
      actions.event(SentinelEvent.newEpoch(epoch));
    }

    @Override
    public void votedFor(String leader, long epoch) {
      config.leaderEpoch(epoch);
      actions.flushConfig();
      actions.event(new SentinelEvent("+vote-for-leader", leader + " " + Long.toUnsignedString(epoch)));
      if (!leader.equalsIgnoreCase(myId)) {
        failoverStartTime = now + desync();
      }
    }
  }
}
