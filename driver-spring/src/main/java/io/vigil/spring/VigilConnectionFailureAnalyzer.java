package io.vigil.spring;

import io.vigil.driver.ConnectionException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Reports a {@link ConnectionException} at start-up — in sentinel mode the client bean asks the
 * sentinels for the master while it is created — with where to look.
 */
class VigilConnectionFailureAnalyzer extends AbstractFailureAnalyzer<ConnectionException> {

  @Override
  protected FailureAnalysis analyze(Throwable rootFailure, ConnectionException cause) {
    return new FailureAnalysis("The Vigil Redis client could not connect: " + cause.getMessage(),
        "Check that the addresses in vigil.sentinel.nodes (or spring.data.redis.sentinel.nodes) are reachable from"
        + " this host, that vigil.sentinel.master names the master the sentinels monitor, and that"
        + " vigil.sentinel.username/password match the sentinels' ACL. Behind NAT or in containers, map the"
        + " announced addresses with a VigilClientBuilderCustomizer that sets an addressMapper.", cause);
  }
}
