package io.vigil.driver.values;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * {@code FUNCTION STATS}: the function running now, if any, and what each engine holds.
 *
 * @param running the function running now; null when none is
 * @param engines per engine name ({@code LUA}), its library and function counts
 */
public record FunctionStats(Running running, Map<String, Engine> engines) {

  /** Copies the engine map. */
  public FunctionStats {
    engines = Map.copyOf(engines);
  }

  /**
   * A function running on the server.
   *
   * @param name its name
   * @param command the {@code FCALL} that runs it, arguments included
   * @param duration how long it has run
   */
  public record Running(String name, List<String> command, Duration duration) {

    /** Copies the command. */
    public Running {
      command = List.copyOf(command);
    }
  }

  /**
   * What one engine holds.
   *
   * @param libraries how many libraries
   * @param functions how many functions
   */
  public record Engine(long libraries, long functions) {}
}
