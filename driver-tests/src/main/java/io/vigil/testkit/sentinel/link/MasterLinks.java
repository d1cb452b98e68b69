package io.vigil.testkit.sentinel.link;

import io.netty.channel.EventLoop;
import io.vigil.resp.RespArray;
import io.vigil.resp.RespBulkString;
import io.vigil.resp.RespError;
import io.vigil.resp.RespInteger;
import io.vigil.resp.RespSimpleString;
import io.vigil.resp.RespValue;
import io.vigil.testkit.sentinel.config.MonitoredMaster;
import io.vigil.testkit.sentinel.event.HelloMessage;
import io.vigil.testkit.sentinel.event.SentinelEvent;
import io.vigil.testkit.sentinel.monitor.Address;
import io.vigil.testkit.sentinel.monitor.DataNode;
import io.vigil.testkit.sentinel.monitor.MasterMonitor;
import io.vigil.testkit.sentinel.monitor.PeerSentinel;
import io.vigil.testkit.sentinel.monitor.SentinelActions;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * The network side of one monitored master: a command link and a hello-subscribed link to
 * every data node, a command link to every other sentinel, kept open and reopened, and {@link
 * SentinelActions} carried out on them with the replies fed back into the {@link MasterMonitor}.
 *
 * <p>Everything runs on the sentinel's event loop. Links are named {@code
 * sentinel-<id8>-cmd}/{@code -pubsub} and authenticate with the master's {@code auth-user}/{@code
 * auth-pass} (data nodes) or the sentinel's {@code sentinel-user}/{@code sentinel-pass} (peers).
 */
public final class MasterLinks implements SentinelActions {

  /** Where events and config flushes go: the sentinel server. */
  public interface Owner {
    /** Publish the event on the sentinel's own pub/sub and log it. */
    void event(SentinelEvent event);

    /** Rewrite the config file. */
    void flushConfig();
  }

  private static final int CONNECT_TIMEOUT_MS = 1000;
  /** Redis retries a broken link once per ping period. */
  private static final long RECONNECT_PERIOD_MS = 1000;

  private final EventLoop loop;
  private final String myId;
  private final MonitoredMaster config;
  private final String sentinelUser;
  private final String sentinelPass;
  private final LongSupplier clock;
  private final Owner owner;
  private MasterMonitor monitor;

  private final Map<Address, Links> links = new HashMap<>();
  private boolean closed;

  /** Command and pub/sub link of one instance, and when each was last attempted. */
  private static final class Links {
    InstanceLink cmd;
    InstanceLink pubsub;
    boolean cmdUp;
    long lastAttempt = Long.MIN_VALUE / 4;
    final boolean dataNode;

    Links(boolean dataNode) {
      this.dataNode = dataNode;
    }
  }

  public MasterLinks(EventLoop loop, String myId, MonitoredMaster config, String sentinelUser, String sentinelPass,
      LongSupplier clockMillis, Owner owner) {
    this.loop = loop;
    this.myId = myId;
    this.config = config;
    this.sentinelUser = sentinelUser;
    this.sentinelPass = sentinelPass;
    this.clock = clockMillis;
    this.owner = owner;
  }

  /** Wires the monitor these links serve (they are created together). */
  public void monitor(MasterMonitor monitor) {
    this.monitor = monitor;
  }

  /**
   * Opens missing links and drops links to instances the monitor no longer knows. Call before
   * each {@link MasterMonitor#tick}.
   */
  public void maintain() {
    long now = clock.getAsLong();
    Set<Address> wanted = new HashSet<>();
    wanted.add(monitor.master().address());
    for (DataNode r : monitor.replicas()) {
      wanted.add(r.address());
    }
    Set<Address> peers = new HashSet<>();
    for (PeerSentinel p : monitor.peers()) {
      peers.add(p.address());
    }
    wanted.addAll(peers);
    links.entrySet().removeIf(e -> {
      if (wanted.contains(e.getKey())) {
        return false;
      }
      close(e.getValue());
      return true;
    });
    for (Address a : wanted) {
      Links l = links.computeIfAbsent(a, k -> new Links(!peers.contains(k)));
      if ((l.cmd == null || !l.cmd.isActive()) && now - l.lastAttempt >= RECONNECT_PERIOD_MS) {
        l.lastAttempt = now;
        openCmd(a, l);
      }
      if (l.dataNode && l.cmdUp && (l.pubsub == null || !l.pubsub.isActive())) {
        openPubsub(a, l);
      }
    }
  }

  /** Closes every link. */
  public void close() {
    closed = true;
    links.values().forEach(MasterLinks::close);
    links.clear();
  }

  private static void close(Links l) {
    if (l.cmd != null) {
      l.cmd.close();
    }
    if (l.pubsub != null) {
      l.pubsub.close();
    }
  }

  private void openCmd(Address a, Links l) {
    l.cmd = InstanceLink.open(loop, new InetSocketAddress(a.host(), a.port()), CONNECT_TIMEOUT_MS,
        new InstanceLink.Listener() {
          @Override
          public void connected(InstanceLink link) {
            if (closed || l.cmd != link) {
              link.close();
              return;
            }
            authenticate(link, l.dataNode, "cmd");
            l.cmdUp = true;
            monitor.linkUp(a, clock.getAsLong());
          }

          @Override
          public void closed(InstanceLink link, Throwable cause) {
            if (l.cmd == link && l.cmdUp) {
              l.cmdUp = false;
              if (!closed) {
                monitor.linkDown(a, clock.getAsLong());
              }
            }
          }
        });
  }

  private void openPubsub(Address a, Links l) {
    l.pubsub = InstanceLink.open(loop, new InetSocketAddress(a.host(), a.port()), CONNECT_TIMEOUT_MS,
        new InstanceLink.Listener() {
          @Override
          public void connected(InstanceLink link) {
            if (closed || l.pubsub != link) {
              link.close();
              return;
            }
            authenticate(link, true, "pubsub");
            link.subscribe(HelloMessage.CHANNEL);
          }

          @Override
          public void closed(InstanceLink link, Throwable cause) {
            // reopened by maintain() while the command link is up
          }

          @Override
          public void pushed(InstanceLink link, List<RespValue> message) {
            if (message.size() == 3 && text(message.get(0)).equals("message")
                && text(message.get(1)).equals(HelloMessage.CHANNEL)) {
              try {
                monitor.helloReceived(HelloMessage.parse(text(message.get(2))), clock.getAsLong());
              } catch (IllegalArgumentException malformed) {
                // Redis ignores hellos it cannot parse as well
              }
            }
          }
        });
  }

  private void authenticate(InstanceLink link, boolean dataNode, String role) {
    String user = dataNode ? config.authUser() : sentinelUser;
    String pass = dataNode ? config.authPass() : sentinelPass;
    if (pass != null) {
      if (user != null) {
        link.send(ignored(), "AUTH", user, pass);
      } else {
        link.send(ignored(), "AUTH", pass);
      }
    }
    link.send(ignored(), "CLIENT", "SETNAME", "sentinel-" + myId.substring(0, 8) + "-" + role);
  }

  private InstanceLink cmd(Address a) {
    Links l = links.get(a);
    return l == null || !l.cmdUp || l.cmd == null || !l.cmd.isActive() ? null : l.cmd;
  }

  // --- SentinelActions ----------------------------------------------------------------------

  @Override
  public void ping(Address node) {
    InstanceLink link = cmd(node);
    if (link == null) {
      return;
    }
    link.send(reply -> {
      if (reply == null) {
        return;
      }
      boolean valid = reply instanceof RespSimpleString s && s.value().equals("PONG")
          || reply instanceof RespError e && (e.prefix().equals("LOADING") || e.prefix().equals("MASTERDOWN"));
      monitor.pingReply(node, valid, clock.getAsLong());
    }, "PING");
  }

  @Override
  public void info(Address node) {
    InstanceLink link = cmd(node);
    if (link == null) {
      return;
    }
    link.send(reply -> {
      if (reply instanceof RespBulkString b) {
        monitor.infoReply(node, b.asString(), clock.getAsLong());
      }
    }, "INFO");
  }

  @Override
  public void publishHello(Address node, HelloMessage hello) {
    InstanceLink link = cmd(node);
    if (link != null) {
      link.send(ignored(), "PUBLISH", HelloMessage.CHANNEL, hello.format());
    }
  }

  @Override
  public void askMasterDown(Address sentinel, Address master, long epoch, String runId) {
    InstanceLink link = cmd(sentinel);
    String peerId = peerIdAt(sentinel);
    if (link == null || peerId == null) {
      return;
    }
    link.send(reply -> {
      if (reply instanceof RespArray a && a.size() == 3 && a.get(0) instanceof RespInteger down
          && a.get(2) instanceof RespInteger leaderEpoch) {
        monitor.masterDownReply(peerId, down.value() == 1, text(a.get(1)), leaderEpoch.value(), clock.getAsLong());
      }
    }, "SENTINEL", "is-master-down-by-addr", master.host(), Integer.toString(master.port()),
        Long.toUnsignedString(epoch), runId);
  }

  @Override
  public boolean replicaOf(Address node, Address newMaster) {
    InstanceLink link = cmd(node);
    if (link == null) {
      return false;
    }
    List<String[]> tx = new ArrayList<>();
    tx.add(new String[] {rename("MULTI")});
    tx.add(newMaster == null
        ? new String[] {rename("SLAVEOF"), "NO", "ONE"}
        : new String[] {rename("SLAVEOF"), newMaster.host(), Integer.toString(newMaster.port())});
    tx.add(new String[] {rename("CONFIG"), "REWRITE"});
    tx.add(new String[] {rename("CLIENT"), "KILL", "TYPE", "normal"});
    tx.add(new String[] {rename("CLIENT"), "KILL", "TYPE", "pubsub"});
    tx.add(new String[] {rename("EXEC")});
    List<Consumer<RespValue>> callbacks = new ArrayList<>();
    for (int i = 0; i < tx.size(); i++) {
      callbacks.add(ignored());
    }
    link.sendAll(tx, callbacks);
    return true;
  }

  @Override
  public void event(SentinelEvent event) {
    owner.event(event);
  }

  @Override
  public void flushConfig() {
    owner.flushConfig();
  }

  private String rename(String command) {
    return config.renamedCommands().getOrDefault(command, command);
  }

  private String peerIdAt(Address a) {
    for (PeerSentinel p : monitor.peers()) {
      if (p.address().equals(a)) {
        return p.runId();
      }
    }
    return null;
  }

  private static Consumer<RespValue> ignored() {
    return reply -> { };
  }

  private static String text(RespValue v) {
    if (v instanceof RespBulkString b) {
      return b.asString();
    }
    if (v instanceof RespSimpleString s) {
      return s.value();
    }
    return String.valueOf(v);
  }
}
