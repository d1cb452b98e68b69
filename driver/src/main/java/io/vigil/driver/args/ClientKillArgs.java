package io.vigil.driver.args;

import java.util.Objects;

/**
 * The filters of {@code CLIENT KILL}: a connection is closed when it matches every filter given
 * (its id, type, user, address or local address), and, unless {@link #skipMe(boolean)
 * skipMe(false)}, never the connection that sends the command. At least one filter is needed.
 *
 * <pre>{@code
 * long closed = redis.clientKill(ClientKillArgs.none().user("batch").type(ClientType.NORMAL));
 * }</pre>
 *
 * <p>Immutable: each method returns a copy with one more filter.
 */
public final class ClientKillArgs {

  private static final ClientKillArgs NONE = new ClientKillArgs(-1, null, null, null, null, null);

  private final long id;
  private final ClientType type;
  private final String user;
  private final String address;
  private final String localAddress;
  private final Boolean skipMe;

  private ClientKillArgs(long id, ClientType type, String user, String address, String localAddress,
      Boolean skipMe) {
    this.id = id;
    this.type = type;
    this.user = user;
    this.address = address;
    this.localAddress = localAddress;
    this.skipMe = skipMe;
  }

  /** No filter yet. */
  public static ClientKillArgs none() {
    return NONE;
  }

  /** The connection whose {@code CLIENT ID} is {@code id} (positive). */
  public ClientKillArgs id(long id) {
    if (id <= 0) {
      throw new IllegalArgumentException("CLIENT KILL: the ID must be positive, got " + id);
    }
    return new ClientKillArgs(id, type, user, address, localAddress, skipMe);
  }

  /** Connections of {@code type}. */
  public ClientKillArgs type(ClientType type) {
    return new ClientKillArgs(id, required("TYPE", type), user, address, localAddress, skipMe);
  }

  /** Connections authenticated as {@code user}. */
  public ClientKillArgs user(String user) {
    return new ClientKillArgs(id, type, text("USER", user), address, localAddress, skipMe);
  }

  /** The connection from {@code address} ({@code ip:port}, as {@code CLIENT LIST} shows it). */
  public ClientKillArgs address(String address) {
    return new ClientKillArgs(id, type, user, text("ADDR", address), localAddress, skipMe);
  }

  /** Connections to the server's local address {@code local} ({@code ip:port}). */
  public ClientKillArgs localAddress(String local) {
    return new ClientKillArgs(id, type, user, address, text("LADDR", local), skipMe);
  }

  /** Whether the connection sending the command is spared (Redis's default: yes). */
  public ClientKillArgs skipMe(boolean skip) {
    return new ClientKillArgs(id, type, user, address, localAddress, skip);
  }

  /** The id filter, or -1. */
  public long id() {
    return id;
  }

  /** The type filter, or null. */
  public ClientType type() {
    return type;
  }

  /** The user filter, or null. */
  public String user() {
    return user;
  }

  /** The address filter, or null. */
  public String address() {
    return address;
  }

  /** The local address filter, or null. */
  public String localAddress() {
    return localAddress;
  }

  /** Whether the sending connection is spared, or null for Redis's default (yes). */
  public Boolean skipMe() {
    return skipMe;
  }

  /** Whether any filter is given ({@code SKIPME} alone is none). */
  public boolean hasFilter() {
    return id > 0 || type != null || user != null || address != null || localAddress != null;
  }

  private static <T> T required(String what, T value) {
    if (value == null) {
      throw new IllegalArgumentException("CLIENT KILL: the " + what + " filter must not be null");
    }
    return value;
  }

  private static String text(String what, String value) {
    if (value == null || value.isEmpty()) {
      throw new IllegalArgumentException("CLIENT KILL: the " + what + " filter must not be null or empty");
    }
    return value;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ClientKillArgs other && id == other.id && type == other.type && Objects.equals(user, other.user)
        && Objects.equals(address, other.address) && Objects.equals(localAddress, other.localAddress)
        && Objects.equals(skipMe, other.skipMe);
  }

  @Override
  public int hashCode() {
    return Objects.hash(id, type, user, address, localAddress, skipMe);
  }

  @Override
  public String toString() {
    return "ClientKillArgs[id=" + id + ", type=" + type + ", user=" + user + ", address=" + address
        + ", localAddress=" + localAddress + ", skipMe=" + skipMe + "]";
  }
}
