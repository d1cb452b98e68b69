package io.vigil.testkit.chaos;

/**
 * How a node of a {@link Topology} runs.
 *
 * <ul>
 *   <li>{@link #REAL}: a real {@code redis-server} or {@code redis-sentinel} process (from the
 *       PATH); SIGKILL, SIGSTOP/SIGCONT, data kept across restarts through its append-only file.
 *   <li>{@link #JAVA}: the Java server ({@code VigilServer}) or Java Sentinel ({@code
 *       VigilSentinel}) inside this JVM; kill is an abrupt close, freeze blocks its only thread.
 *   <li>{@link #JAVA_PROCESS}: the Java server or sentinel in a JVM of its own, started from this
 *       JVM's class path; signals as for {@link #REAL}.
 * </ul>
 */
public enum NodeKind {
  /** Real Redis binaries. */
  REAL,
  /** The Java server or sentinel, in this JVM. */
  JAVA,
  /** The Java server or sentinel, in a child JVM. */
  JAVA_PROCESS
}
