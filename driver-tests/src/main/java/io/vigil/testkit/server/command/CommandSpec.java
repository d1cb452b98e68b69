package io.vigil.testkit.server.command;

import java.util.List;

/**
 * A command's metadata as Redis 7.0's {@code COMMAND} reports it: name (lower case, {@code
 * parent|sub} for subcommands), arity (negative = at least), flags, key positions and ACL
 * categories.
 *
 * <p>Dispatch reads it to check arity, to refuse writes on a read-only replica, to decide what
 * is allowed in subscriber mode, and to know which commands to propagate.
 */
public record CommandSpec(String name, int arity, List<String> flags, int firstKey, int lastKey,
    int step, List<String> aclCategories) {

  public CommandSpec {
    flags = List.copyOf(flags);
    aclCategories = List.copyOf(aclCategories);
  }

  /** Whether the command may modify the data set ({@code write}). */
  public boolean isWrite() {
    // Checked on every command: compare identity first (flags are interned constants).
    return has("write");
  }

  private boolean has(String flag) {
    for (int i = 0; i < flags.size(); i++) {
      String f = flags.get(i);
      if (f == flag || f.equals(flag)) {
        return true;
      }
    }
    return false;
  }

  /** Whether the command only reads ({@code readonly}). */
  public boolean isReadonly() {
    return has("readonly");
  }

  /** Whether the command runs before authentication ({@code no_auth}). */
  public boolean isNoAuth() {
    return has("no_auth");
  }

  /** Whether the command may be queued in MULTI ({@code no_multi} absent). */
  public boolean isAllowedInMulti() {
    return !flags.contains("no_multi");
  }

  /** Whether the command is served while the replica's data is stale ({@code stale}). */
  public boolean isStale() {
    return flags.contains("stale");
  }

  /** Whether the command runs while a slow script holds the server ({@code allow_busy}). */
  public boolean isAllowBusy() {
    return flags.contains("allow_busy");
  }

  /** Whether scripts may not call the command ({@code noscript}). */
  public boolean isNoScript() {
    return flags.contains("noscript");
  }

  /** Whether the command may replicate something though it is not a write ({@code may_replicate}). */
  public boolean isMayReplicate() {
    return flags.contains("may_replicate");
  }

  /** Whether the command may grow memory use ({@code denyoom}). */
  public boolean isDenyOom() {
    return flags.contains("denyoom");
  }

  /** Whether the command may block ({@code blocking}). */
  public boolean isBlocking() {
    return flags.contains("blocking");
  }

  /** The top-level command name (before {@code |}). */
  public String parentName() {
    int bar = name.indexOf('|');
    return bar < 0 ? name : name.substring(0, bar);
  }

  /** The key positions of {@code argv} for this command (0 when keyless). */
  public int[] keyPositions(int argc) {
    if (firstKey <= 0) {
      return new int[0];
    }
    int last = lastKey < 0 ? argc + lastKey : lastKey;
    if (last >= argc) {
      last = argc - 1;
    }
    int n = last < firstKey ? 0 : (last - firstKey) / Math.max(step, 1) + 1;
    int[] out = new int[n];
    for (int i = 0; i < n; i++) {
      out[i] = firstKey + i * Math.max(step, 1);
    }
    return out;
  }
}
