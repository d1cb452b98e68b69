package io.vigil.driver.values;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One connection as {@code CLIENT LIST} and {@code CLIENT INFO} describe it. The commonly used
 * fields are typed; {@link #fields()} holds every field the server wrote, by its name ({@code
 * qbuf}, {@code omem}, {@code redir}…), so nothing the server reports is lost.
 *
 * @param id the connection's id ({@code CLIENT ID})
 * @param address the client's address ({@code ip:port})
 * @param localAddress the server address it connected to ({@code ip:port}); null when not reported
 * @param name its name ({@code CLIENT SETNAME}); empty when it has none
 * @param age how long it has been connected
 * @param idle how long it has been idle
 * @param flags Redis's flag letters ({@code N} for none, {@code M} master, {@code S} replica…)
 * @param database the selected database
 * @param lastCommand the last command it ran ({@code client|list})
 * @param user the user it authenticated as; null when not reported
 * @param protocol the RESP version it speaks (2 or 3); 0 when not reported
 * @param fields every field, in the server's order
 */
public record ClientInfo(long id, String address, String localAddress, String name, Duration age, Duration idle,
    String flags, int database, String lastCommand, String user, int protocol, Map<String, String> fields) {

  /** Copies the fields. */
  public ClientInfo {
    fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
  }
}
