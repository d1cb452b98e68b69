package io.vigil.testkit.server.command;

import java.util.Map;
import java.util.TreeMap;

/**
 * A command in a {@link CommandTable}: its metadata, its handler and, for container commands
 * such as {@code CONFIG} or {@code CLIENT}, its subcommands.
 */
public final class Command {

  private final CommandSpec spec;
  private final CommandHandler handler;
  private final Map<String, Command> subcommands = new TreeMap<>();
  /** INFO commandstats counters; server thread only. */
  long calls;
  long micros;
  long rejectedCalls;
  long failedCalls;

  Command(CommandSpec spec, CommandHandler handler) {
    this.spec = spec;
    this.handler = handler;
  }

  /** The metadata. */
  public CommandSpec spec() {
    return spec;
  }

  /** The handler (null for a pure container). */
  public CommandHandler handler() {
    return handler;
  }

  /** Subcommands by lower-case name. */
  public Map<String, Command> subcommands() {
    return subcommands;
  }

  /** Whether this is a container with subcommands. */
  public boolean isContainer() {
    return !subcommands.isEmpty();
  }

  @Override
  public String toString() {
    return spec.name();
  }
}
