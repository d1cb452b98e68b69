package io.vigil.testkit.chaos;

/** A kind of fault a {@link Nemesis} applies for a while, then heals. */
public enum Fault {
  /** SIGKILL (or an abrupt close in process), then a restart in place. */
  KILL,
  /** SIGSTOP (or a parked server thread in process), then thaw. */
  FREEZE,
  /** Cut off from every other party through the proxies, then healed; proxied topologies only. */
  ISOLATE,
  /** A replica falls behind its master ({@link Faults#lag}); replicas only. */
  LAG
}
