package io.vigil.driver;

import java.util.function.Consumer;

/**
 * A transaction on a connection leased for it: optionally {@code WATCH} keys and read them,
 * then run a block of commands atomically with {@code MULTI}/{@code EXEC}.
 *
 * <p>Not thread-safe: one thread owns a transaction. Close it (try-with-resources) to give the
 * connection back. If a watched key changed before {@code EXEC}, nothing is applied and {@link
 * TransactionResult#committed()} is false.
 *
 * <pre>{@code
 * try (Transaction<String, String> tx = client.transaction()) {
 *   tx.watch("balance");
 *   long balance = Long.parseLong(tx.commands().get("balance"));
 *   TransactionResult r = tx.exec(q -> q.set("balance", Long.toString(balance - 10)));
 *   if (!r.committed()) { ... retry ... }
 * }
 * }</pre>
 *
 * @param <K> the key type
 * @param <V> the value type
 */
public interface Transaction<K, V> extends AutoCloseable {

  /** {@code WATCH}es {@code keys}: the next {@link #exec} aborts if any of them changes first. */
  void watch(K... keys);

  /** Forgets every watched key. */
  void unwatch();

  /** Commands that run at once on this transaction's connection (reads after {@code WATCH}). */
  RedisCommands<K, V> commands();

  /**
   * Runs {@code body}'s commands inside {@code MULTI}/{@code EXEC}. The stages {@code body}
   * receives complete when {@code EXEC} answers (exceptionally with {@link
   * TransactionAbortedException} when a watched key changed). The watched keys are forgotten
   * afterwards, as Redis does.
   *
   * @throws RedisServerException with code {@code EXECABORT} when the server refused a queued
   *     command (wrong arity, unknown command); nothing was applied
   */
  TransactionResult exec(Consumer<RedisAsyncCommands<K, V>> body);

  /** Gives the connection back (discarding any watch). */
  @Override
  void close();
}
