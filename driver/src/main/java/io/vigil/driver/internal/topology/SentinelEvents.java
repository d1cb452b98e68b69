package io.vigil.driver.internal.topology;

import io.vigil.driver.AddressMapper;
import io.vigil.driver.Endpoint;
import io.vigil.driver.TopologyEvent;
import io.vigil.driver.TopologyEvent.Instance;

/**
 * Parses what a sentinel publishes into a {@link TopologyEvent.SentinelEvent}: {@code
 * +switch-master <name> <oldip> <oldport> <newip> <newport>}, and the instance format {@code
 * <role> <name> <ip> <port> @ <master> <mip> <mport>} (just {@code master <name> <ip> <port>} for
 * a master, possibly followed by {@code #quorum 2/2}) of {@code +sdown}, {@code +odown}, {@code
 * -sdown}, {@code -odown}, {@code +slave}, {@code +convert-to-slave}, {@code +reboot} and {@code
 * +failover-end}. A payload that does not fit its type becomes an {@link
 * TopologyEvent.OtherSentinelEvent}, never an exception.
 *
 * <p>Stateless; addresses go through the client's {@link AddressMapper}.
 */
public final class SentinelEvents {

  private SentinelEvents() {}

  /** The typed event for {@code type} and {@code payload} published by {@code sentinel}. */
  public static TopologyEvent.SentinelEvent parse(Endpoint sentinel, String type, String payload, AddressMapper mapper) {
    String[] p = payload.trim().split(" +");
    try {
      switch (type) {
        case "+switch-master":
          if (p.length >= 5) {
            return new TopologyEvent.MasterSwitched(sentinel, p[0], address(p[1], p[2], mapper),
                address(p[3], p[4], mapper), payload);
          }
          break;
        case "+sdown":
        case "+odown": {
          Instance i = instance(p, mapper);
          if (i != null) {
            return new TopologyEvent.InstanceDown(sentinel, i, type.equals("+odown"), payload);
          }
          break;
        }
        case "-sdown":
        case "-odown": {
          Instance i = instance(p, mapper);
          if (i != null) {
            return new TopologyEvent.InstanceUp(sentinel, i, type.equals("-odown"), payload);
          }
          break;
        }
        case "+slave": {
          Instance i = instance(p, mapper);
          if (i != null) {
            return new TopologyEvent.ReplicaAdded(sentinel, i, payload);
          }
          break;
        }
        case "+convert-to-slave": {
          Instance i = instance(p, mapper);
          if (i != null) {
            return new TopologyEvent.ReplicaConverted(sentinel, i, payload);
          }
          break;
        }
        case "+reboot": {
          Instance i = instance(p, mapper);
          if (i != null) {
            return new TopologyEvent.InstanceRebooted(sentinel, i, payload);
          }
          break;
        }
        case "+failover-end": {
          Instance i = instance(p, mapper);
          if (i != null) {
            return new TopologyEvent.FailoverEnded(sentinel, i, payload);
          }
          break;
        }
        default:
          break;
      }
    } catch (IllegalArgumentException e) {
      // a malformed address: fall through to the raw event
    }
    return new TopologyEvent.OtherSentinelEvent(sentinel, masterNameOf(p), type, payload);
  }

  /** The instance of {@code <role> <name> <ip> <port> [@ <master> <mip> <mport>]}, or null. */
  private static Instance instance(String[] p, AddressMapper mapper) {
    if (p.length < 4) {
      return null;
    }
    Endpoint address = address(p[2], p[3], mapper);
    if (p.length >= 8 && p[4].equals("@")) {
      return new Instance(p[0], p[1], address, p[5], address(p[6], p[7], mapper));
    }
    if (p[0].equals("master")) {
      return new Instance(p[0], p[1], address, p[1], address);
    }
    return null;
  }

  private static String masterNameOf(String[] p) {
    for (int i = 0; i + 1 < p.length; i++) {
      if (p[i].equals("@")) {
        return p[i + 1];
      }
    }
    return p.length >= 2 && p[0].equals("master") ? p[1] : "";
  }

  private static Endpoint address(String host, String port, AddressMapper mapper) {
    int n;
    try {
      n = Integer.parseInt(port);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("bad port " + port);
    }
    return mapper.map(Endpoint.of(host, n));
  }
}
