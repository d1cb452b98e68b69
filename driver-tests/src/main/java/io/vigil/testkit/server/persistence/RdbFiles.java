package io.vigil.testkit.server.persistence;

import io.vigil.testkit.server.command.ServerContext;
import io.vigil.testkit.server.config.ServerConfig;
import io.vigil.testkit.server.rdb.RdbOptions;
import io.vigil.testkit.server.rdb.RdbReader;
import io.vigil.testkit.server.rdb.RdbWriter;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * {@code dump.rdb} on disk and RDB payloads in memory: {@code SAVE} (write to a temporary file,
 * fsync, rename, as Redis's {@code rdbSave}), the start-up load, and the snapshot a master sends
 * for a full sync. Server thread only: a save reads the live data set.
 */
public final class RdbFiles {

  private RdbFiles() {}

  /** The RDB encoding options from the configuration ({@code rdbcompression}, {@code *-max-listpack-*}...). */
  public static RdbOptions options(ServerConfig config) {
    return RdbOptions.builder()
        .compression(config.getBool("rdbcompression"))
        .checksum(config.getBool("rdbchecksum"))
        .hashMaxListpackEntries((int) config.getLong("hash-max-listpack-entries"))
        .hashMaxListpackValue((int) config.getLong("hash-max-listpack-value"))
        .zsetMaxListpackEntries((int) config.getLong("zset-max-listpack-entries"))
        .zsetMaxListpackValue((int) config.getLong("zset-max-listpack-value"))
        .setMaxIntsetEntries((int) config.getLong("set-max-intset-entries"))
        .build();
  }

  /** The sources of the server's function libraries, for a snapshot (none on a Sentinel). */
  static java.util.List<byte[]> functionLibraries(ServerContext server) {
    return server.scripting() == null ? java.util.List.of() : server.scripting().libraries().codes();
  }

  /** Installs the function libraries a loaded RDB held in place of the server's. */
  public static void installFunctions(ServerContext server, RdbLoader loader) {
    if (server.scripting() != null) {
      server.scripting().libraries().replaceAll(loader.functionLibraries());
    }
  }

  /** {@code dir}/{@code dbfilename}. */
  public static Path dumpFile(ServerConfig config) {
    return Path.of(config.get("dir")).resolve(config.get("dbfilename"));
  }

  /** {@code SAVE}: writes the data set to {@code dump.rdb} atomically and marks it saved. */
  public static void save(ServerContext server) throws IOException {
    Path target = dumpFile(server.config());
    Path tmp = target.resolveSibling("temp-" + ProcessHandle.current().pid() + ".rdb");
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16)) {
      RdbSnapshot.write(server.keyspace(), RdbFiles.functionLibraries(server), out, options(server.config()), null, false);
    }
    try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(tmp,
        java.nio.file.StandardOpenOption.WRITE)) {
      ch.force(true);
    }
    Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    server.saved();
    server.log().notice("DB saved on disk (" + target + ")");
  }

  /** A full-sync payload: the data set with the replication aux fields. */
  public static byte[] snapshot(ServerContext server, int streamDb, String replId, long offset) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(1 << 16);
    try {
      RdbSnapshot.write(server.keyspace(), RdbFiles.functionLibraries(server), out, options(server.config()),
          new RdbWriter.ReplicationAux(streamDb, replId, offset), false);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException("writing a full-sync snapshot failed", e);
    }
    return out.toByteArray();
  }

  /**
   * Loads {@code file} into the data set (a master drops expired keys), replacing it only when
   * the whole file read cleanly.
   *
   * @return the number of keys loaded
   * @throws IOException naming the file and offset when it is truncated or corrupt
   */
  public static long load(ServerContext server, Path file) throws IOException {
    // a replica keeps expired keys and waits for its master's DEL, as Redis's iAmMaster() check
    String master = server.config().get("replicaof");
    boolean isMaster = server.masterLink() == null && (master == null || master.isBlank());
    RdbLoader loader = new RdbLoader(server, isMaster, server.now());
    try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
      new RdbReader(in).read(loader);
    } catch (IOException e) {
      throw new IOException("Short read or corrupt RDB " + file + ": " + e.getMessage(), e);
    }
    loader.swapInto(server.keyspace());
    installFunctions(server, loader);
    return loader.keys();
  }
}
