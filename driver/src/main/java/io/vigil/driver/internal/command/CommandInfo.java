package io.vigil.driver.internal.command;

import java.util.Locale;
import java.util.Set;

/**
 * What the driver needs to know about one command: whether it reads or writes, blocks, or
 * changes the connection's state.
 *
 * <p>Immutable. Flags use Redis's own names from the {@code COMMAND} reply ({@code write},
 * {@code readonly}, {@code blocking}, {@code pubsub}…).
 */
public record CommandInfo(String name, Set<String> flags) {

  /** Normalises the name to lower case and copies the flags. */
  public CommandInfo {
    name = name.toLowerCase(Locale.ROOT);
    flags = Set.copyOf(flags);
  }

  /** Whether the command only reads (Redis's {@code readonly} flag without {@code write}). */
  public boolean isReadOnly() {
    return flags.contains("readonly") && !flags.contains("write");
  }

  /** Whether it may modify the dataset; unknown and unflagged commands count as writes. */
  public boolean isWrite() {
    return !isReadOnly();
  }

  /** Whether it may block the connection (BLPOP, WAIT…) and so needs one of its own. */
  public boolean isBlocking() {
    return flags.contains("blocking");
  }

  /**
   * Whether it changes the state of the connection it runs on (pub/sub, transactions, SELECT,
   * AUTH…), which a shared connection must not see.
   */
  public boolean changesConnectionState() {
    return flags.contains(CommandTable.CONNECTION_STATE);
  }
}
