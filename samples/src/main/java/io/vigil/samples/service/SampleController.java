package io.vigil.samples.service;

import io.vigil.driver.CommandNotSentException;
import io.vigil.driver.NotDurableException;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The service's HTTP endpoints: values and lists, written on the master and read from replicas
 * within 100 ms of it. Request bodies are plain text ({@code Content-Type: text/plain}); replies
 * are JSON.
 *
 * <pre>
 * PUT  /values/{key}               body: the value    set on the master
 * PUT  /values/{key}?durable=true  body: the value    set on the master, answered once every replica has it
 * GET  /values/{key}                                  read from a replica at most 100 ms behind (404 when absent)
 * POST /lists/{key}                body: an item      appended on the master; the list read back with read-your-writes
 * GET  /lists/{key}                                   read from a replica at most 100 ms behind
 * </pre>
 */
@RestController
final class SampleController {

  private static final String BOUNDED = "replica-preferred, maxLag " + SampleStore.MAX_LAG;

  private final SampleStore store;

  SampleController(SampleStore store) {
    this.store = store;
  }

  /** A value as the service reports it, with the policy that chose the node it was read from. */
  record Value(String key, String value, String readPolicy) {}

  /** A write as the service acknowledges it. */
  record Written(String key, String value, boolean durable) {}

  /** A list as the service reports it, with the policy that chose the node it was read from. */
  record Items(String key, List<String> items, String readPolicy) {}

  @PutMapping(path = "/values/{key}", consumes = MediaType.TEXT_PLAIN_VALUE)
  Written put(@PathVariable String key, @RequestBody String value,
      @RequestParam(defaultValue = "false") boolean durable) {
    if (durable) {
      store.putDurably(key, value);
    } else {
      store.put(key, value);
    }
    return new Written(key, value, durable);
  }

  @GetMapping("/values/{key}")
  ResponseEntity<Value> get(@PathVariable String key) {
    String value = store.get(key);
    return value == null ? ResponseEntity.notFound().build()
        : ResponseEntity.ok(new Value(key, value, BOUNDED));
  }

  @PostMapping(path = "/lists/{key}", consumes = MediaType.TEXT_PLAIN_VALUE)
  Items append(@PathVariable String key, @RequestBody String item) {
    return new Items(key, store.append(key, item), "read-your-writes session");
  }

  @GetMapping("/lists/{key}")
  Items list(@PathVariable String key) {
    return new Items(key, store.list(key), BOUNDED);
  }

  /** Not every replica confirmed a durable write in time: it is on the master, but not yet safe from a failover. */
  @ExceptionHandler(NotDurableException.class)
  ProblemDetail notDurable(NotDurableException e) {
    return ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, e.getMessage());
  }

  /** No master was found within the command timeout (a failover that took too long). */
  @ExceptionHandler(CommandNotSentException.class)
  ProblemDetail noMaster(CommandNotSentException e) {
    return ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, e.getMessage());
  }
}
