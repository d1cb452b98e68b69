package io.vigil.driver.internal.failover;

import io.vigil.driver.Endpoint;
import java.util.Map;
import java.util.Set;

/**
 * Decides which node may receive writes, from what the sentinels said and what the nodes say of
 * themselves. A node is confirmed only when its own {@code ROLE} is {@code master} and one of
 * these holds:
 *
 * <ol>
 *   <li>a strict majority of the known sentinels names it; or
 *   <li>it was a replica of the lost master, at least one sentinel names it, and the lost master
 *       is unreachable or no longer a master: a failover past its point of no return (Redis
 *       names the promoted replica only once the promotion succeeded and replicas are being
 *       reconfigured), not yet announced by the other sentinels; or
 *   <li>it is the current master and no sentinel answered at all (the client cannot learn
 *       better, and the node still says it is the master).
 * </ol>
 *
 * <p>So a single stale or lying sentinel cannot move the writes: naming a replica fails the
 * {@code ROLE} check, naming an unrelated master fails the majority. Pure and immutable.
 */
final class Confirmation {

  private Confirmation() {}

  /**
   * The node to confirm, or null to keep waiting.
   *
   * @param roles what each node said of itself: {@code "master"}, {@code "slave"}; absent when it
   *     did not answer
   * @param votes how many sentinels name each node
   * @param sentinelsAnswered how many sentinels answered; negative while answers are still
   *     coming (rule 3 then does not apply)
   */
  static Endpoint decide(Endpoint current, Map<Endpoint, String> roles, Map<Endpoint, Integer> votes,
      int sentinelsAnswered, int knownSentinels, Set<Endpoint> knownReplicas) {
    Endpoint best = null;
    int bestVotes = 0;
    for (Map.Entry<Endpoint, Integer> e : votes.entrySet()) {
      if ("master".equals(roles.get(e.getKey())) && e.getValue() > bestVotes) {
        best = e.getKey();
        bestVotes = e.getValue();
      }
    }
    if (best != null && bestVotes * 2 > knownSentinels) {
      return best;
    }
    boolean currentIsMaster = current != null && "master".equals(roles.get(current));
    if (!currentIsMaster && current != null) {
      Endpoint promoted = null;
      for (Endpoint replica : knownReplicas) {
        if (!replica.equals(current) && "master".equals(roles.get(replica)) && votes.getOrDefault(replica, 0) > 0) {
          if (promoted != null) {
            return null; // two replicas claim the master role: wait for the sentinels
          }
          promoted = replica;
        }
      }
      if (promoted != null) {
        return promoted;
      }
    }
    if (currentIsMaster && sentinelsAnswered == 0) {
      return current;
    }
    return null;
  }
}
