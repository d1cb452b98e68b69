package io.vigil.driver.internal.command.definitions;

import io.vigil.driver.internal.command.Args;
import io.vigil.driver.internal.command.Definitions;
import io.vigil.driver.internal.command.Replies;
import io.vigil.driver.internal.command.Spec;
import io.vigil.driver.internal.command.replies.ScriptReplies;
import java.util.List;
import java.util.Map;

/**
 * Publishing and pub/sub introspection: messages to channels and shard channels, and who listens
 * (subscribing has its own API on the client view). Publishing goes to the master; the
 * introspection commands answer for the node they run on.
 */
public interface PubSubDefinitions<K, V> extends Definitions<K, V> {

  /** Publishes {@code message} on {@code channel}; how many subscribers received it. */
  default Spec<Long> publish(K channel, V message) {
    return command("PUBLISH").key(channel, "channel").value(message, "message").spec(Replies.INTEGER);
  }

  /**
   * Publishes {@code message} on the shard channel {@code shardChannel} ({@code SPUBLISH}); how many
   * shard subscribers received it.
   */
  default Spec<Long> spublish(K shardChannel, V message) {
    return command("SPUBLISH").key(shardChannel, "shard channel").value(message, "message").spec(Replies.INTEGER);
  }

  /** The channels with at least one subscriber. */
  default Spec<List<K>> pubsubChannels() {
    return command("PUBSUB CHANNELS").spec(keyList());
  }

  /** The channels matching the glob {@code pattern} with at least one subscriber. */
  default Spec<List<K>> pubsubChannels(K pattern) {
    return command("PUBSUB CHANNELS").key(pattern, "pattern").spec(keyList());
  }

  /** How many subscribers each of {@code channels} has (pattern subscriptions not counted). */
  default Spec<Map<K, Long>> pubsubNumsub(K... channels) {
    Args<K, V> args = command("PUBSUB NUMSUB");
    if (channels != null) {
      for (K channel : channels) {
        args.key(channel, "channel");
      }
    }
    return args.spec(ScriptReplies.counts(codec()));
  }

  /** How many pattern subscriptions exist, over all clients. */
  default Spec<Long> pubsubNumpat() {
    return command("PUBSUB NUMPAT").spec(Replies.INTEGER);
  }

  /** The shard channels with at least one subscriber. */
  default Spec<List<K>> pubsubShardchannels() {
    return command("PUBSUB SHARDCHANNELS").spec(keyList());
  }

  /** The shard channels matching the glob {@code pattern} with at least one subscriber. */
  default Spec<List<K>> pubsubShardchannels(K pattern) {
    return command("PUBSUB SHARDCHANNELS").key(pattern, "pattern").spec(keyList());
  }

  /** How many subscribers each of {@code shardChannels} has. */
  default Spec<Map<K, Long>> pubsubShardnumsub(K... shardChannels) {
    Args<K, V> args = command("PUBSUB SHARDNUMSUB");
    if (shardChannels != null) {
      for (K channel : shardChannels) {
        args.key(channel, "shard channel");
      }
    }
    return args.spec(ScriptReplies.counts(codec()));
  }
}
